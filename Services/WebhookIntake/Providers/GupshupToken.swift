import Hummingbird

/// Lets a request through to `POST /gupshup_incoming_webhook` only when its `?token=` is `GUPSHUP_WEBHOOK_TOKEN`
/// (Gupshup signs nothing, so the callback URL carries a secret); 403 otherwise, and always when no token is set.
struct GupshupTokenCheck<Context: RequestContext>: RouterMiddleware {
    let expected: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let expected, let token = request.uri.queryParameters["token"], constantTimeEqual(String(token), expected) else {
            throw IntakeHTTPError.rejected("gupshup", reason: expected == nil ? "not configured" : "bad token",
                                           answer: "invalid token", logger: context.logger)
        }
        return try await next(request, context)
    }
}
