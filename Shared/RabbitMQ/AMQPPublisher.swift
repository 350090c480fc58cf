import FintrakCore
import Foundation
import Logging
import Synchronization

/// One connection with publisher confirms. `publish` returns only after the broker confirmed the message
/// (persistent, mandatory). Many publishes can be in flight at once: the connection's thread writes every
/// queued message before it reads confirms, which is what makes thousands of confirmed publishes a second possible.
public final class AMQPPublisher: Sendable {
    private let mailbox = Mailbox<PublisherCommand>()
    private let connected = ConnectedFlag()
    /// Starts the connection's thread; taken (and run) by the first command, so that building a publisher starts
    /// nothing.
    private let startThread: Mutex<(@Sendable () -> Void)?>

    /// Connects lazily on the first publish and declares `topology` on every connect.
    public init(url: String, topology: [AMQPQueue], name: String = "publisher", logger: Logger) {
        var logger = logger
        logger[metadataKey: "amqp"] = "\(name)"
        let brokers = Result { try AMQPBrokers(urls: url) }
        startThread = Mutex({ [mailbox, connected, logger] in
            startConnectionThread(name: "amqp-\(name)") {
                PublisherLoop(
                    brokers: brokers, topology: topology, mailbox: mailbox, connected: connected, logger: logger
                ).run()
            }
        })
    }

    /// Hands `command` to the connection's thread, starting it first if this is the first command.
    private func post(_ command: PublisherCommand) -> Bool {
        startThread.withLock { start in
            defer { start = nil }
            return start
        }?()
        return mailbox.post(command)
    }

    deinit { _ = mailbox.post(.close(nil)) }

    /// Throws `AMQPError` on a nack, on a return (no queue for the routing key), or when the connection
    /// is lost before the confirm (the message may or may not have arrived).
    public func publish(_ message: AMQPOutgoing) async throws {
        try await publish([message])
    }

    /// Publishes all together; returns when every one is confirmed, throws if any one failed.
    public func publish(_ messages: [AMQPOutgoing]) async throws {
        guard !messages.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            if !post(.publish(messages, continuation)) {
                continuation.resume(throwing: AMQPError("publisher is closed"))
            }
        }
    }

    /// For /ready.
    public var isConnected: Bool { connected.isSet }

    /// Connects if needed; true when the connection is usable.
    public func checkConnection() async -> Bool {
        await withCheckedContinuation { continuation in
            if !post(.check(continuation)) { continuation.resume(returning: false) }
        }
    }

    /// Waits for the confirms still outstanding, then closes the connection. Later publishes throw.
    public func close() async {
        let neverStarted = startThread.withLock { start in
            defer { start = nil }
            return start != nil
        }
        if neverStarted {
            _ = mailbox.close()
            return
        }
        await withCheckedContinuation { continuation in
            if !mailbox.post(.close(continuation)) { continuation.resume() }
        }
    }
}

private enum PublisherCommand: Sendable {
    case publish([AMQPOutgoing], CheckedContinuation<Void, any Error>)
    case check(CheckedContinuation<Bool, Never>)
    case close(CheckedContinuation<Void, Never>?)
}

/// The publisher's thread: owns the connection and the unconfirmed messages. Used by that thread only.
private final class PublisherLoop {
    /// One `publish` call: resumed once each of its messages is confirmed or failed.
    private final class Batch {
        private let continuation: CheckedContinuation<Void, any Error>
        private var remaining: Int
        private var failure: (any Error)?

        init(_ continuation: CheckedContinuation<Void, any Error>, count: Int) {
            self.continuation = continuation
            remaining = count
        }

        func settle(_ failure: (any Error)?, count: Int = 1) {
            if self.failure == nil { self.failure = failure }
            remaining -= count
            guard remaining == 0 else { return }
            if let failure = self.failure { continuation.resume(throwing: failure) } else { continuation.resume() }
        }
    }

    private struct Unconfirmed {
        let message: AMQPOutgoing
        let batch: Batch
        /// Set by a basic.return: the ack that follows then fails the message.
        var returned: AMQPError?
    }

    private var brokers: Result<BrokerRotation, any Error>
    private let topology: [AMQPQueue]
    private let mailbox: Mailbox<PublisherCommand>
    private let connected: ConnectedFlag
    private let logger: Logger
    private var connection: AMQPConnection?
    /// By delivery tag: the broker numbers publishes from 1 after confirm.select.
    private var unconfirmed: [UInt64: Unconfirmed] = [:]
    private var nextTag: UInt64 = 1
    /// Every tag below this is settled.
    private var oldestUnsettled: UInt64 = 1
    private var closing = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    init(
        brokers: Result<AMQPBrokers, any Error>, topology: [AMQPQueue], mailbox: Mailbox<PublisherCommand>,
        connected: ConnectedFlag, logger: Logger
    ) {
        self.brokers = brokers.map { BrokerRotation($0, logger: logger) }
        self.topology = topology
        self.mailbox = mailbox
        self.connected = connected
        self.logger = logger
    }

    func run() {
        while true {
            for command in mailbox.take() { handle(command) }
            readEvents()
            if closing && unconfirmed.isEmpty {
                shutDown()
                return
            }
            mailbox.wait(for: connection)
        }
    }

    private func handle(_ command: PublisherCommand) {
        switch command {
        case .publish(let messages, let continuation):
            publish(messages, batch: Batch(continuation, count: messages.count))
        case .check(let continuation):
            continuation.resume(returning: !closing && (try? connectIfNeeded()) != nil)
        case .close(let waiter):
            closing = true
            if let waiter { closeWaiters.append(waiter) }
        }
    }

    private func publish(_ messages: [AMQPOutgoing], batch: Batch) {
        guard !closing else { return batch.settle(AMQPError("publisher is closed"), count: messages.count) }
        let connection: AMQPConnection
        do { connection = try connectIfNeeded() } catch { return batch.settle(error, count: messages.count) }
        for (index, message) in messages.enumerated() {
            do {
                try connection.publish(message)
            } catch {
                connectionLost(error)
                return batch.settle(error, count: messages.count - index)
            }
            unconfirmed[nextTag] = Unconfirmed(message: message, batch: batch)
            nextTag += 1
        }
    }

    private func connectIfNeeded() throws -> AMQPConnection {
        if let connection { return connection }
        do {
            var rotation = try brokers.get()
            defer { brokers = .success(rotation) }
            let (connection, endpoint) = try rotation.connect { [topology] connection in
                try connection.declare(topology)
                try connection.enableConfirms()
            }
            self.connection = connection
            nextTag = 1
            oldestUnsettled = 1
            connected.set(true)
            logger.info("publisher connected", metadata: ["broker": "\(endpoint)"])
            return connection
        } catch {
            logger.warning("publisher cannot connect", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Handles everything the broker has sent so far, without blocking.
    private func readEvents() {
        while let connection {
            do {
                guard let event = try connection.nextEvent() else { return }
                switch event {
                case .ack(let tag, let multiple):
                    settle(through: tag, multiple: multiple, failure: nil)
                case .nack(let tag, let multiple):
                    let failure = AMQPError("the broker refused the message (nack)")
                    settle(through: tag, multiple: multiple, failure: failure)
                case .returned(let routingKey, let body, let reason):
                    markReturned(routingKey: routingKey, body: body, reason: reason)
                case .delivery:
                    break  // nothing consumes on this connection
                }
            } catch {
                connectionLost(error)
            }
        }
    }

    private func settle(through tag: UInt64, multiple: Bool, failure: AMQPError?) {
        for settled in stride(from: multiple ? oldestUnsettled : tag, through: tag, by: 1) {
            guard let entry = unconfirmed.removeValue(forKey: settled) else { continue }
            entry.batch.settle(failure ?? entry.returned)
        }
        while oldestUnsettled < nextTag && unconfirmed[oldestUnsettled] == nil { oldestUnsettled += 1 }
    }

    /// A return names no delivery tag. It comes before the ack of its message, and returns come in
    /// publish order, so the oldest unconfirmed message with that routing key and body is the one.
    private func markReturned(routingKey: String, body: Data, reason: String) {
        for tag in oldestUnsettled..<nextTag {
            guard var entry = unconfirmed[tag], entry.returned == nil, entry.message.routingKey == routingKey,
                entry.message.body == body
            else { continue }
            entry.returned = AMQPError("no queue for routing key \(routingKey) (\(reason))")
            unconfirmed[tag] = entry
            return
        }
    }

    private func connectionLost(_ error: any Error) {
        logger.warning("publisher lost its connection", metadata: ["error": "\(error)"])
        if case .success(var rotation) = brokers {
            rotation.lost()
            brokers = .success(rotation)
        }
        connection = nil
        connected.set(false)
        let failure = AMQPError("connection lost before the broker confirmed: \(error)")
        for entry in unconfirmed.values { entry.batch.settle(failure) }
        unconfirmed = [:]
    }

    private func shutDown() {
        connection?.close()
        connection = nil
        connected.set(false)
        // Whatever arrives now is refused: `closing` is set.
        for command in mailbox.close() { handle(command) }
        for waiter in closeWaiters { waiter.resume() }
        logger.debug("publisher closed")
    }
}
