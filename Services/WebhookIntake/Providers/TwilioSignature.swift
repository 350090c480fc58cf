import Crypto
import Foundation
import Hummingbird
import WebhookReading

/// Twilio's `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + each field's name and value, sorted by
/// name then value)). Facts and test vectors: ../shared/PROTOCOLS.md (twilio-python's request validator tests).
struct TwilioSignature: Sendable {
    let authToken: String
    /// HMAC (RFC 2104) with the key's inner and outer pads hashed once: each request only continues from them.
    private let inner: Insecure.SHA1
    private let outer: Insecure.SHA1

    init(authToken: String) {
        self.authToken = authToken
        var key = Array(authToken.utf8)
        if key.count > Insecure.SHA1.blockByteCount { key = Array(Insecure.SHA1.hash(data: key)) }
        key += [UInt8](repeating: 0, count: Insecure.SHA1.blockByteCount - key.count)
        var inner = Insecure.SHA1()
        inner.update(data: key.map { $0 ^ 0x36 })
        var outer = Insecure.SHA1()
        outer.update(data: key.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func expected(url: String, fields: [(String, String)]) -> String {
        // By code point, as Twilio's helper libraries sort (UTF-8 byte order is code point order).
        let sorted = fields.sorted { a, b in
            a.0 == b.0 ? a.1.utf8.lexicographicallyPrecedes(b.1.utf8) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
        }
        var message: [UInt8] = []
        message.reserveCapacity(url.utf8.count + fields.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count })
        message.append(contentsOf: url.utf8)
        for (name, value) in sorted {
            message.append(contentsOf: name.utf8)
            message.append(contentsOf: value.utf8)
        }
        var innerHash = inner
        innerHash.update(data: message)
        var outerHash = outer
        outerHash.update(data: Array(innerHash.finalize()))
        return Data(outerHash.finalize()).base64EncodedString()
    }

    /// Accepts the URL as given and, for https, with the default port added or removed (Twilio signs either form).
    func isValid(signature: String, url: String, fields: [(String, String)]) -> Bool {
        if constantTimeEqual(expected(url: url, fields: fields), signature) { return true }
        return Self.urlVariants(url).dropFirst().contains { constantTimeEqual(expected(url: $0, fields: fields), signature) }
    }

    static func urlVariants(_ url: String) -> [String] {
        guard var components = URLComponents(string: url), components.scheme == "https" else { return [url] }
        if components.port == 443 {
            components.port = nil
        } else if components.port == nil {
            components.port = 443
        }
        return [url, components.string].compactMap { $0 }
    }
}

/// Lets a request through to the Twilio routes (`/whatsapp`, `/twilio/status`) only with a valid
/// `X-Twilio-Signature` over `PUBLIC_BASE_URL` + the path and query + the form fields; 403 otherwise. Without
/// Twilio credentials every request is refused.
struct TwilioSignatureCheck<Context: RequestContext>: RouterMiddleware {
    let signature: TwilioSignature?
    /// Twilio signs the URL it was given, which is the public one, not the address this process listens on.
    let publicBaseURL: String

    static var header: HTTPFields.Element.Name { HTTPFields.Element.Name("X-Twilio-Signature")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let signature else {
            throw IntakeHTTPError.rejected("twilio", reason: "not configured", answer: "Twilio is not configured",
                                           logger: context.logger)
        }
        let fields = FormBody.decode(try await request.collectedBody().readableBytesView)
        guard let signed = request.headers[Self.header],
              signature.isValid(signature: signed, url: publicBaseURL + request.uri.description, fields: fields)
        else {
            throw IntakeHTTPError.rejected("twilio", reason: "bad signature", answer: "invalid signature", logger: context.logger)
        }
        return try await next(request, context)
    }
}
