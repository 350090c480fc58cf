import Foundation

/// One queue as the broker counts it.
public struct AMQPQueueStatistics: Sendable, Hashable {
    public var queue: String
    /// Ready messages (not counting those delivered and not yet acked).
    public var messages: Int
    public var consumers: Int

    public init(queue: String, messages: Int, consumers: Int) {
        self.queue = queue
        self.messages = messages
        self.consumers = consumers
    }

    /// Reads each queue's figures on a short-lived connection of its own thread (rabbitmq-c blocks). A queue that
    /// does not exist yet (no service has declared it) comes back as nil.
    public static func read(url: String, queues: [String]) async throws -> [String: AMQPQueueStatistics?] {
        let brokers = try AMQPBrokers(urls: url)
        return try await withCheckedThrowingContinuation { continuation in
            startConnectionThread(name: "amqp-statistics") {
                continuation.resume(with: Result {
                    var found: [String: AMQPQueueStatistics?] = [:]
                    var rotation = BrokerRotation(brokers)
                    var (connection, _) = try rotation.connect { _ in }
                    for queue in queues {
                        do {
                            found[queue] = try connection.statistics(of: queue)
                        } catch {
                            // 404 closes the channel: note the queue as missing and carry on with a new connection.
                            found[queue] = .some(nil)
                            (connection, _) = try rotation.connect { _ in }
                        }
                    }
                    connection.close()
                    return found
                })
            }
        }
    }
}
