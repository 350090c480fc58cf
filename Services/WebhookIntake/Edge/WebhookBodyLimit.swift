import Hummingbird

/// Reads a webhook's body into memory, up to 1 MiB, before anything else looks at it: a larger declared or actual
/// body is answered 413 without reading it all. The signature checks and handlers behind it read the collected body.
struct WebhookBodyLimit<Context: RequestContext>: RouterMiddleware {
    var maxBytes = BodyLimits.webhook

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw tooLarge()
        }
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge()
        } catch {
            throw IntakeHTTPError.unreadableBody
        }
        return try await next(request, context)
    }

    private func tooLarge() -> IntakeHTTPError {
        IntakeHTTPError.count(reason: "too large")
        return .bodyTooLarge(limit: maxBytes)
    }
}

enum BodyLimits {
    /// Providers' webhooks carry links to media, never the media itself.
    static let webhook = 1 << 20
    /// The local chat's messages carry the bill itself (`ConsoleMessage.maxFileBytes`, base64-encoded).
    static let console = 16 << 20
}

extension Request {
    /// The body `WebhookBodyLimit` collected (empty if none), already within its route's limit.
    func collectedBody() async throws -> ByteBuffer {
        try await body.collect(upTo: BodyLimits.console)
    }
}
