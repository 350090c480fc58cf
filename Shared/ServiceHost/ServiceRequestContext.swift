import Hummingbird
import NIOCore

/// The request context of every service's HTTP server: Hummingbird's basic one plus the address of the connected
/// peer, so that a route can tell a local operator from the internet (intake's `/metrics`, `/ready`, `/console`).
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer: a proxy in front of the service shows up here as itself, not as its client.
    public let remoteAddress: SocketAddress?

    /// The peer's IP address as text (`127.0.0.1`), nil when unknown (tests without a socket).
    public var peerAddress: String? { remoteAddress?.ipAddress }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
