import FailurePolicy
import FintrakCore
import Foundation
import Logging

/// Consumes one queue with prefetch and manual acks. Handlers run concurrently (up to `prefetch`) as tasks;
/// the connection lives on a thread of its own and reconnects with backoff after the broker goes away.
public final class AMQPConsumer: Sendable {
    private let url: String
    private let queue: String
    private let topology: [AMQPQueue]
    private let prefetch: Int
    private let logger: Logger
    private let connected = ConnectedFlag()

    /// `topology` is declared on every connect, before consuming `queue`.
    public init(url: String, queue: String, topology: [AMQPQueue], prefetch: Int = 16, logger: Logger) {
        self.url = url
        self.queue = queue
        self.topology = topology
        self.prefetch = prefetch
        var logger = logger
        logger[metadataKey: "amqp"] = "consumer \(queue)"
        self.logger = logger
    }

    /// For /ready.
    public var isConnected: Bool { connected.isSet }

    /// Hands each delivery to `handler` and settles it as the handler says. Returns when the task is
    /// cancelled: receiving stops, in-flight handlers finish and their acks go out, then the connection closes.
    /// Throws only for a malformed URL; an unreachable broker is retried, the next of several first (`AMQPBrokers`).
    public func run(_ handler: @escaping @Sendable (AMQPDelivery) async -> AMQPDisposition) async throws {
        let brokers = try AMQPBrokers(urls: url)
        let mailbox = Mailbox<ConsumerCommand>()
        let (deliveries, continuation) = AsyncStream.makeStream(of: IncomingDelivery.self)
        startConnectionThread(name: "amqp-consumer-\(queue)") { [queue, topology, prefetch, connected, logger] in
            ConsumerLoop(
                brokers: brokers, queue: queue, topology: topology, prefetch: prefetch, mailbox: mailbox,
                deliveries: continuation, connected: connected, logger: logger
            ).run()
        }
        // Not a child of this task, so cancelling `run` does not cancel handlers halfway through.
        let handling = Task {
            await withDiscardingTaskGroup { group in
                for await incoming in deliveries {
                    group.addTask {
                        let disposition = await handler(incoming.delivery)
                        _ = mailbox.post(.settle(incoming.token, disposition))
                    }
                }
            }
        }
        await withTaskCancellationHandler {
            await handling.value
        } onCancel: {
            _ = mailbox.post(.stop)
        }
        await withCheckedContinuation { finished in
            if !mailbox.post(.finish(finished)) { finished.resume() }
        }
    }
}

/// Which connection a delivery came on: a tag means nothing on any other connection.
private struct DeliveryToken: Sendable {
    let generation: Int
    let tag: UInt64
}

private struct IncomingDelivery: Sendable {
    let delivery: AMQPDelivery
    let token: DeliveryToken
}

private enum ConsumerCommand: Sendable {
    case settle(DeliveryToken, AMQPDisposition)
    /// Stop receiving and end the delivery stream.
    case stop
    /// All handlers are done: close and end the thread.
    case finish(CheckedContinuation<Void, Never>)
}

/// The consumer's thread: owns the connection. Used by that thread only.
private final class ConsumerLoop {
    private var brokers: BrokerRotation
    private let queue: String
    private let topology: [AMQPQueue]
    private let prefetch: Int
    private let mailbox: Mailbox<ConsumerCommand>
    private let deliveries: AsyncStream<IncomingDelivery>.Continuation
    private let connected: ConnectedFlag
    private let logger: Logger
    private var connection: AMQPConnection?
    /// Counts connections, so that settlements for a dead one are dropped (the broker redelivers those).
    private var generation = 0
    private var stopped = false
    private var finished: CheckedContinuation<Void, Never>?

    init(
        brokers: AMQPBrokers, queue: String, topology: [AMQPQueue], prefetch: Int,
        mailbox: Mailbox<ConsumerCommand>, deliveries: AsyncStream<IncomingDelivery>.Continuation,
        connected: ConnectedFlag, logger: Logger
    ) {
        self.brokers = BrokerRotation(brokers, logger: logger)
        self.queue = queue
        self.topology = topology
        self.prefetch = prefetch
        self.mailbox = mailbox
        self.deliveries = deliveries
        self.connected = connected
        self.logger = logger
    }

    func run() {
        var failures = 0
        while true {
            for command in mailbox.take() { handle(command) }
            if let finished {
                shutDown()
                finished.resume()
                return
            }
            if connection == nil && !stopped {
                do {
                    try connect()
                    failures = 0
                } catch {
                    failures += 1
                    let wait = RetryPolicies.brokerReconnect.delay(retry: failures)
                    logger.warning("consumer cannot connect", metadata: ["error": "\(error)", "retryIn": "\(wait)"])
                    mailbox.wait(orReadable: nil, timeout: wait)
                    continue
                }
            }
            readEvents()
            if connection == nil && !stopped { continue }  // lost just now: reconnect at once
            mailbox.wait(for: connection)
        }
    }

    private func handle(_ command: ConsumerCommand) {
        switch command {
        case .settle(let token, let disposition):
            guard let connection, token.generation == generation else { return }
            do {
                switch disposition {
                case .ack: try connection.ack(token.tag)
                case .deadLetter: try connection.nack(token.tag, requeue: false)
                case .requeue: try connection.nack(token.tag, requeue: true)
                }
            } catch {
                connectionLost(error)
            }
        case .stop:
            stopped = true
            deliveries.finish()
            do { try connection?.cancelConsumer() } catch { connectionLost(error) }
        case .finish(let continuation):
            finished = continuation
        }
    }

    private func connect() throws {
        let (connection, endpoint) = try brokers.connect { [topology, queue, prefetch] connection in
            try connection.declare(topology)
            try connection.consume(queue: queue, prefetch: prefetch)
        }
        self.connection = connection
        generation += 1
        connected.set(true)
        logger.info("consumer connected", metadata: ["broker": "\(endpoint)"])
    }

    /// Hands everything the broker has sent so far to the handlers, without blocking.
    private func readEvents() {
        while let connection {
            do {
                guard let event = try connection.nextEvent() else { return }
                // After `stop`, a delivery still on its way stays unacknowledged; closing returns it to the queue.
                if case .delivery(let tag, let delivery) = event, !stopped {
                    let token = DeliveryToken(generation: generation, tag: tag)
                    deliveries.yield(IncomingDelivery(delivery: delivery, token: token))
                }
            } catch {
                connectionLost(error)
            }
        }
    }

    private func connectionLost(_ error: any Error) {
        logger.warning("consumer lost its connection", metadata: ["error": "\(error)"])
        brokers.lost()
        connection = nil
        connected.set(false)
    }

    private func shutDown() {
        connection?.close()
        connection = nil
        connected.set(false)
        deliveries.finish()
        _ = mailbox.close()
        logger.debug("consumer closed")
    }
}
