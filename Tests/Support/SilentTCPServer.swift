#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A TCP server on 127.0.0.1 that accepts connections and never answers: what a hung PostgreSQL, Redis or RabbitMQ
/// looks like to a client (the connection opens; every read waits forever). Closing it resets what it holds.
public final class SilentTCPServer: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestEnvironment.Missing(name: "a socket for the silent server") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // The kernel completes the handshake of connections waiting in the backlog; nobody ever reads or writes them.
        guard bound == 0, listen(socket, 128) == 0 else {
            Self.closeDescriptor(socket)
            throw TestEnvironment.Missing(name: "a listening socket on 127.0.0.1 for the silent server")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        descriptor = socket
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Stops listening: the connections it held are reset, so clients blocked on them fail.
    public func close() {
        _ = shutdown(descriptor, Int32(SHUT_RDWR))
        Self.closeDescriptor(descriptor)
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
