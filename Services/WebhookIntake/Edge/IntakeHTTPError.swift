import Hummingbird
import Logging
import Metrics

/// Every answer intake gives other than success, as an error Hummingbird turns into the response: a short plain-text
/// reason the provider's console shows, and the status that tells the provider whether to retry.
enum IntakeHTTPError: HTTPResponseError, Equatable {
    /// A declared or actual body over its route's `WebhookBodyLimit`: 413.
    case bodyTooLarge(limit: Int)
    /// The body could not be read: 400.
    case unreadableBody
    /// A failed signature, token or subscription check: 403 with the reason the sender may see.
    case forbidden(String)
    /// A verified request whose payload cannot be used: 400 (the provider does not retry it).
    case malformed(provider: String, reason: String)
    /// Input the local console sent wrongly: 400.
    case badRequest(String)
    /// Not every message is with the broker or in the spool: 503 with `Retry-After`, so the provider sends it all again.
    case retryLater
    /// `/media/{token}` with a bad, expired or foreign token, or a file that is gone: 404.
    case notFound

    var status: HTTPResponse.Status {
        switch self {
        case .bodyTooLarge: .contentTooLarge
        case .unreadableBody, .malformed, .badRequest: .badRequest
        case .forbidden: .forbidden
        case .retryLater: .serviceUnavailable
        case .notFound: .notFound
        }
    }

    var text: String {
        switch self {
        case .bodyTooLarge(let limit): "body over \(limit >> 20) MiB"
        case .unreadableBody: "could not read the body"
        case .forbidden(let reason): reason
        case .malformed(let provider, let reason): "malformed \(provider) webhook: \(reason)"
        case .badRequest(let reason): reason
        case .retryLater: "temporarily unavailable, please retry"
        case .notFound: "not found"
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        if self == .retryLater { headers[.retryAfter] = "5" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// Counts and logs a refused request (without its body), then returns the error to throw.
    static func rejected(_ provider: String, reason: String, answer: String, logger: Logger) -> Self {
        count(provider: provider, reason: reason)
        logger.warning("webhook rejected", metadata: ["provider": "\(provider)", "reason": "\(reason)"])
        return .forbidden(answer)
    }

    /// Counts and logs a payload that could not be used, then returns the error to throw.
    static func malformed(_ provider: String, _ error: any Error, logger: Logger) -> Self {
        count(provider: provider, reason: "malformed")
        logger.warning("malformed webhook", metadata: ["provider": "\(provider)", "reason": "\(error)"])
        return .malformed(provider: provider, reason: "\(error)")
    }

    static func count(provider: String = "any", reason: String) {
        Counter(label: "intake_rejected_total", dimensions: [("provider", provider), ("reason", reason)]).increment()
    }
}
