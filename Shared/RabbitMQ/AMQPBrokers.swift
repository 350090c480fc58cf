import FailurePolicy
import Foundation

/// The brokers a process may use: `AMQP_URL` with one URL, or several separated by commas (the nodes of a
/// RabbitMQ cluster, each `amqp://user:pass@host:port/vhost`). Every connection goes to one of them.
public struct AMQPBrokers: Sendable, CustomStringConvertible {
    /// In the order given; never empty.
    public let endpoints: [AMQPEndpoint]

    /// - Throws: `AMQPError` when the list is empty or any URL in it is malformed.
    public init(urls: String) throws {
        let urls = urls.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !urls.isEmpty else { throw AMQPError("no broker URL given (expected amqp://user:pass@host:port/vhost)") }
        endpoints = try urls.map { try AMQPEndpoint(url: $0) }
    }

    /// For logs: no credentials.
    public var description: String { endpoints.map(\.description).joined(separator: ", ") }
}

/// Which broker a connection's thread tries next. It stays with the broker it reached; after a lost connection it
/// starts with the next one, so a node that went down is passed over at once instead of waited for. A connect tries
/// every broker in turn before it fails, so one node down costs a service nothing but a reconnect.
struct BrokerRotation {
    private let brokers: AMQPBrokers
    private var next = 0

    init(_ brokers: AMQPBrokers) { self.brokers = brokers }

    /// A connection to the first broker that answers and on which `prepare` (declaring queues, enabling confirms,
    /// consuming) succeeds, from the current broker on.
    /// - Throws: the one broker's error, or one `AMQPError` naming each broker's.
    mutating func connect(prepare: (AMQPConnection) throws -> Void) throws -> (AMQPConnection, AMQPEndpoint) {
        var failures: [any Error] = []
        for offset in brokers.endpoints.indices {
            let index = (next + offset) % brokers.endpoints.count
            let endpoint = brokers.endpoints[index]
            do {
                let connection = try prepared(endpoint, prepare: prepare)
                next = index
                return (connection, endpoint)
            } catch {
                failures.append(error)
            }
        }
        if failures.count == 1, let only = failures.first { throw only }
        throw AMQPError("no broker answered: " + failures.map { "\($0)" }.joined(separator: "; "))
    }

    /// A connection to `endpoint` on which `prepare` succeeded. A broker that answered but failed the preparing (a
    /// loaded node creating many quorum queues at once lets a declare outlast the RPC timeout, or refuses a consume on
    /// a queue declared a moment ago with 541) gets `RetryPolicies.brokerPrepareAttempts` fresh connections: the
    /// queues it finished meanwhile declare at once the next time. A broker that does not answer fails at once.
    private func prepared(_ endpoint: AMQPEndpoint, prepare: (AMQPConnection) throws -> Void) throws -> AMQPConnection {
        var attempt = 1
        while true {
            let connection = try AMQPConnection(endpoint: endpoint)
            do {
                try prepare(connection)
                return connection
            } catch where attempt < RetryPolicies.brokerPrepareAttempts {
                attempt += 1
            }
        }
    }

    /// The connection to the current broker broke: the next connect starts with the one after it.
    mutating func lost() { next = (next + 1) % brokers.endpoints.count }
}
