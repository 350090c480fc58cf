import Hummingbird

/// Reads a webhook's body into memory, up to 1 MiB, before anything else looks at it: a larger declared or actual
/// body is answered 413 without reading it all. The signature checks and handlers behind it read the collected body.
struct WebhookBodyLimit<Context: RequestContext>: RouterMiddleware {
    static var maxBytes: Int { 1 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxBytes {
            throw Self.tooLarge()
        }
        do {
            _ = try await request.collectBody(upTo: Self.maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Self.tooLarge()
        } catch {
            throw IntakeHTTPError.unreadableBody
        }
        return try await next(request, context)
    }

    private static func tooLarge() -> IntakeHTTPError {
        IntakeHTTPError.count(reason: "too large")
        return .bodyTooLarge
    }
}

extension Request {
    /// The body `WebhookBodyLimit` collected (empty if none).
    func collectedBody() async throws -> ByteBuffer {
        try await body.collect(upTo: WebhookBodyLimit<BasicRequestContext>.maxBytes)
    }
}
