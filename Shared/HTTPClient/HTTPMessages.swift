import FailurePolicy
import Foundation

public struct HTTPRequest: Sendable {
    /// "GET", "POST", …
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)] = []
    public var body: Data? = nil
    public var basicAuth: (user: String, password: String)? = nil
    /// The whole request, redirects included; connecting has its own, shorter limit within it.
    public var timeout: Duration = .seconds(15)
    /// Up to 5 redirects; credentials go only to the host first asked (Twilio media redirects to a storage host).
    public var followRedirects: Bool = false
    /// A larger response body aborts the transfer as it arrives.
    public var maxResponseBytes: Int = 10 * 1024 * 1024
    /// Where the request and each of its redirects may go, checked at connect time; nil for anywhere.
    public var destinations: DestinationPolicy? = nil

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A POST of `application/x-www-form-urlencoded` fields, in order, repeated names kept.
    public static func form(_ url: String, _ fields: [(String, String)]) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Data(FormEncoding.encode(fields).utf8)
        )
    }

    /// A POST of `value` as JSON.
    public static func json<T: Encodable>(_ url: String, _ value: T) throws -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/json")], body: try JSONEncoder().encode(value))
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    /// Lower-cased names (the last value wins), from the final response after redirects.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// Case-insensitive.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

public enum HTTPClientError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The request's `timeout` passed (connecting, sending or receiving).
    case timedOut
    /// No connection: name not resolved, refused, unreachable, TLS handshake failed.
    case connectionFailed(String)
    /// The body grew past `maxResponseBytes`; the transfer was aborted.
    case responseTooLarge(limit: Int)
    /// The request cannot be sent as given (bad URL or scheme, bad header, bad method).
    case invalidRequest(String)
    /// Anything else that went wrong on the wire.
    case transport(String)
    /// A hop went to a host or an address `HTTPRequest.destinations` does not allow; nothing was sent to it.
    case destinationRefused(String)

    public var description: String {
        switch self {
        case .timedOut: "HTTP request timed out"
        case .connectionFailed(let message): "HTTP connection failed: \(message)"
        case .responseTooLarge(let limit): "HTTP response larger than \(limit) bytes"
        case .invalidRequest(let message): "invalid HTTP request: \(message)"
        case .transport(let message): "HTTP transport error: \(message)"
        case .destinationRefused(let reason): "HTTP destination refused: \(reason)"
        }
    }
}

extension HTTPClientError: TransientFailure {
    /// A timeout or a failed connection may pass; a response too large or a request that cannot be sent will not.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .connectionFailed, .transport: true
        case .responseTooLarge, .invalidRequest, .destinationRefused: false
        }
    }
}
