import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// An integration test's server is set but does not answer: the one line a test fails with.
public struct Unreachable: Error, CustomStringConvertible {
    public let server: String
    public let variable: String
    public let address: String
    public var description: String {
        "\(server) at \(address) (\(variable)) is not reachable: start the servers with "
            + "`scripts/dev-servers.sh start DIR && source DIR/env.sh`, or run `scripts/test.sh`."
    }
}

/// Checks once per process that each server the integration tests use accepts connections, so a missing server is
/// named instead of surfacing as some client's timeout deep inside a test. Skipped while a test has a server paused
/// on purpose (`runDevServers("pause", …)`).
enum ServerReachability {
    private static let reached = Mutex<Set<String>>([])
    static let pausedByTest = Atomic<Int>(0)

    /// `url` may list several servers separated by commas (`AMQP_URL` for a cluster): one that accepts will do.
    static func check(_ url: String, server: String, variable: String) throws {
        guard pausedByTest.load(ordering: .relaxed) == 0, !reached.withLock({ $0.contains(url) }) else { return }
        let addresses = url.split(separator: ",").compactMap { part -> (host: String, port: Int)? in
            guard let components = URLComponents(string: part.trimmingCharacters(in: .whitespaces)),
                  let host = components.host else { return nil }
            let port = components.port ?? [("postgres", 5432), ("postgresql", 5432), ("redis", 6379), ("amqp", 5672)]
                .first { $0.0 == components.scheme }?.1 ?? 0
            return (host, port)
        }
        guard let first = addresses.first else { return }
        guard addresses.contains(where: { accepts(host: $0.host, port: $0.port) }) else {
            throw Unreachable(server: server, variable: variable, address: "\(first.host):\(first.port)")
        }
        reached.withLock { _ = $0.insert(url) }
    }

    /// A TCP connection to `host:port` opens within two seconds.
    private static func accepts(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return false }
        defer { freeaddrinfo(found) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var limit = timeval(tv_sec: 2, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return connect(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0
    }
}
