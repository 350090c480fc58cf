import Crypto
import FintrakCore
import Foundation
import Hummingbird

/// `X-Hub-Signature-256: sha256=<lowercase hex HMAC-SHA256(app secret, raw body)>` (PROTOCOLS.md).
struct MetaSignature {
    let appSecret: String

    func expected(body: Data) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(appSecret.utf8)))
        return "sha256=" + mac.hexString
    }

    /// Constant time; the `sha256=` prefix is required, the hex digits may be in either case.
    func isValid(header: String?, body: Data) -> Bool {
        guard let header else { return false }
        return constantTimeEqual(expected(body: body), header.lowercased())
    }
}

/// Lets a request through to `POST /webhooks/meta` only with a valid `X-Hub-Signature-256` over its raw body;
/// 403 otherwise. Without `META_APP_SECRET` every request is refused.
struct MetaSignatureCheck<Context: RequestContext>: RouterMiddleware {
    let signature: MetaSignature?

    static var header: HTTPFields.Element.Name { HTTPFields.Element.Name("X-Hub-Signature-256")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let signature else {
            throw IntakeHTTPError.rejected("meta", reason: "not configured", answer: "invalid signature", logger: context.logger)
        }
        guard signature.isValid(header: request.headers[Self.header], body: Data(buffer: try await request.collectedBody())) else {
            throw IntakeHTTPError.rejected("meta", reason: "bad signature", answer: "invalid signature", logger: context.logger)
        }
        return try await next(request, context)
    }
}
