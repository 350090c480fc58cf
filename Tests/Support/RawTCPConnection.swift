#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A bare TCP connection to 127.0.0.1, for sending what no HTTP client would: half a request, then nothing.
public final class RawTCPConnection: Sendable {
    private let descriptor: Int32

    public init(port: Int) throws {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestEnvironment.Missing(name: "a socket for a raw TCP connection") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            _ = close(socket)
            throw TestEnvironment.Missing(name: "a TCP connection to 127.0.0.1:\(port)")
        }
        descriptor = socket
    }

    deinit { _ = close(descriptor) }

    /// Sends all of `text`.
    public func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw TestEnvironment.Missing(name: "an open connection to send on") }
            sent += count
        }
    }

    /// Whether the server has closed (or reset) the connection, without waiting: what it sent before is read and
    /// dropped.
    public func closedByPeer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { continue }
            if count == 0 { return true }
            return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
        }
    }
}
