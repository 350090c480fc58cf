import FailurePolicy
import FintrakCore
import Foundation
import Logging

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
    /// Where each retry on a fresh connection is told (a warning), so a loaded broker shows in the logs before it
    /// fails anything.
    private let logger: Logger?

    init(_ brokers: AMQPBrokers, logger: Logger? = nil) {
        self.brokers = brokers
        self.logger = logger
    }

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

    /// A connection to `endpoint` on which `prepare` succeeded. A broker that is slow rather than away gets
    /// `RetryPolicies.brokerPrepareAttempts` fresh connections, `RetryPolicies.brokerPrepare` apart: one whose
    /// connect or log-in timed out (a loaded node accepts connections late), or that answered but failed the
    /// preparing (a declare outlasted the RPC timeout while the node created many quorum queues, or a consume on a
    /// queue declared a moment ago was refused with 541); the queues it finished meanwhile declare at once the next
    /// time. A broker that refuses the connection fails at once, so the next node is tried.
    private func prepared(_ endpoint: AMQPEndpoint, prepare: (AMQPConnection) throws -> Void) throws -> AMQPConnection {
        var attempt = 1
        while true {
            let isLast = attempt == RetryPolicies.brokerPrepareAttempts
            let failure: any Error
            do {
                let connection = try AMQPConnection(endpoint: endpoint)
                do {
                    try prepare(connection)
                    return connection
                } catch where !isLast {
                    failure = error
                }
            } catch let error as AMQPError where error.timedOut && !isLast {
                failure = error
            }
            let wait = RetryPolicies.brokerPrepare.delay(retry: attempt)
            logger?.warning("broker connection not ready; trying a fresh one",
                            metadata: ["broker": "\(endpoint)", "attempt": "\(attempt)", "error": "\(failure)", "retryIn": "\(wait)"])
            // On the connection's own thread, which has nothing else to do until it is connected.
            Thread.sleep(forTimeInterval: wait.seconds)
            attempt += 1
        }
    }

    /// The connection to the current broker broke: the next connect starts with the one after it.
    mutating func lost() { next = (next + 1) % brokers.endpoints.count }
}
