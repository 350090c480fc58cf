import FintrakCore
import FintrakHTTPClient
import FintrakServiceHost
import Hummingbird

/// Who may use intake's operator routes (`/metrics`, `/ready`, `/console`) on the port the internet reaches: a peer on
/// this machine that no proxy forwarded, or anyone presenting `OPS_TOKEN` (where one is set and the route takes it).
struct OperatorAccess: Sendable, Equatable {
    /// `OPS_TOKEN`: admits other peers with `Authorization: Bearer <token>`; nil admits loopback peers only.
    var token: String?

    /// Headers a reverse proxy adds: a loopback peer carrying one is relaying someone from outside.
    static let forwardingHeaders: Set<String> = ["forwarded", "x-forwarded-for", "x-real-ip"]

    /// The decision, from the peer's address (nil when unknown), whether a proxy forwarded the request, and the
    /// `Authorization` header.
    func allows(peerAddress: String?, forwarded: Bool, authorization: String?) -> Bool {
        if let peerAddress, !forwarded, DestinationPolicy.isLoopback(host: peerAddress) { return true }
        guard let token, let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return constantTimeEqual(String(authorization.dropFirst("Bearer ".count)), token)
    }

    func allows(_ request: Request, peerAddress: String?) -> Bool {
        allows(peerAddress: peerAddress,
               forwarded: request.headers.contains { Self.forwardingHeaders.contains($0.name.canonicalName) },
               authorization: request.headers[.authorization])
    }
}

/// Lets a request through only when `OperatorAccess` admits it; 403 otherwise, counted and logged.
struct OperatorAccessCheck: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let access: OperatorAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard access.allows(request, peerAddress: context.peerAddress) else {
            throw IntakeHTTPError.rejected("operator", reason: "not an operator: \(request.uri.path)",
                                           answer: "operators only", logger: context.logger)
        }
        return try await next(request, context)
    }
}
