import FintrakConfiguration
import FintrakCore
import FintrakObservability
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakServiceHost
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The inbound worker on a queue of its own with a handler that fails as told: an outage waits and costs no
/// attempt, a message that keeps failing is dead-lettered once and apologised for once, and whatever reaches the
/// dead-letter queue — also from the broker — is kept and answered.
@Suite("inbound worker: outages wait, dead letters are answered")
struct InboundWorkerTests {
    @Test func anOutageLongerThanThreeAttemptsIsWaitedOutAndAnswered() async throws {
        let failures = Mutex(0)
        let answered = try await run(failingWith: { _ in
            // Three lost connections in a row: the old worker apologised after the third.
            let failed = failures.withLock { count in
                count += 1
                return count <= 3
            }
            if failed { throw PostgresError(message: "server closed the connection unexpectedly", isConnectionFailure: true) }
        }) { harness, message in
            try await harness.publish(message, to: harness.queues.questions)
            #expect(try await eventually { harness.replies.count == 1 })
        }
        #expect(answered.replies.map(\.body) == ["answer"])
        // Three failures, then the answer; a loaded broker may hand a handled message over once more (its answer
        // unconfirmed in time), so the handler may run again: one answer and no dead letter is what must hold.
        #expect(failures.withLock { $0 } >= 4)
        #expect(try await answered.keptDeadLetters() == 0)
    }

    @Test func aMessageThatKeepsFailingIsKeptAndApologisedForOnce() async throws {
        let calls = Mutex(0)
        let result = try await run(failingWith: { _ in
            calls.withLock { $0 += 1 }
            throw MessageProblem()
        }) { harness, message in
            try await harness.publish(message, to: harness.queues.questions)
            #expect(try await eventually {
                try await harness.keptDeadLetters() == 1 && harness.replies.count == 1
            })
        }
        // Three attempts; a loaded broker may hand one attempt over again (its move to the delay queue unconfirmed in
        // time), which is not counted against the message: what must hold is one record and one apology.
        #expect(calls.withLock { $0 } >= 3)
        #expect(result.replies.count == 1)
        #expect(result.replies.first?.body.contains("(ref \(result.message.correlationID.prefix(8)))") == true)
        #expect(try await result.deadLetterReason() == "the bill says nothing")
        #expect(FintrakMetrics.deadLetterCount(queue: result.queues.questions) == 1)
    }

    @Test func aMessageTheBrokerDeadLettersIsKeptAndApologisedFor() async throws {
        let calls = Mutex(0)
        let result = try await run(failingWith: { _ in calls.withLock { $0 += 1 } }) { harness, message in
            // As the broker does at the queue's delivery limit (a message that crashed its handler each time).
            try await harness.publish(message, to: harness.queues.deadLetters(of: harness.queues.questions))
            #expect(try await eventually {
                try await harness.keptDeadLetters() == 1 && harness.replies.count == 1
            })
        }
        #expect(calls.withLock { $0 } == 0)
        #expect(result.replies.first?.body.hasPrefix("Sorry, something went wrong") == true)
        #expect(result.replies.first?.replyID == OutboundReply.replyID(provider: .twilio, messageID: result.message.providerMessageID,
                                                                        position: 0))
        #expect(try await result.deadLetterReason()?.hasPrefix("dead-lettered by the broker") == true)
    }

    // MARK: Harness

    private struct MessageProblem: Error, CustomStringConvertible {
        var description: String { "the bill says nothing" }
    }

    /// Runs a worker on the questions queue whose handler calls `failure` first and then answers "answer"; `body`
    /// publishes and waits. Returns what reached the replies queue.
    private func run(failingWith failure: @escaping @Sendable (InboundMessage) throws -> Void,
                     _ body: (Harness, InboundMessage) async throws -> Void) async throws -> Harness {
        try await ServiceEnvironment.migrate()
        FintrakMetrics.bootstrap()
        let configuration = try FintrakConfiguration.load(service: "inbound-worker-test", defaultPort: 0,
                                                          environment: try ServiceEnvironment.make())
        let harness = try Harness(configuration: configuration)
        let infrastructure = Infrastructure(configuration: configuration, logger: harness.logger)
        let worker = InboundWorker(infrastructure: infrastructure, queue: configuration.queues.questions) { message, _ in
            try failure(message)
            return [OutboundReply(to: message, body: "answer")]
        }
        let collector = AMQPConsumer(url: configuration.amqpURL, queue: configuration.queues.replies,
                                     topology: configuration.queues.topology, logger: harness.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.service().run() }
            group.addTask {
                try await collector.run { delivery in
                    if let reply = try? EnvelopeCoding.decode(OutboundReply.self, from: delivery.body) { harness.received(reply) }
                    return .ack
                }
            }
            try await body(harness, harness.message)
            group.cancelAll()
        }
        await infrastructure.close()
        await harness.close()
        return harness
    }
}

private final class Harness: Sendable {
    let configuration: FintrakConfiguration
    let logger = Logger(label: "test")
    let message: InboundMessage
    let publisher: AMQPPublisher
    let ownerURL: String
    private let collected = Mutex<[OutboundReply]>([])

    init(configuration: FintrakConfiguration) throws {
        self.configuration = configuration
        message = InboundMessage(correlationID: UUID().uuidString, tenant: ServiceEnvironment.uniqueTenant(), provider: .twilio,
                                 providerMessageID: "SM" + UUID().uuidString, text: "how much last month?", receivedAt: Date())
        publisher = AMQPPublisher(url: configuration.amqpURL, topology: configuration.queues.topology, logger: logger)
        ownerURL = try TestEnvironment.databaseURL
    }

    var queues: Queues { configuration.queues }
    var replies: [OutboundReply] { collected.withLock { $0 } }
    func received(_ reply: OutboundReply) { collected.withLock { $0.append(reply) } }

    func publish(_ message: InboundMessage, to queue: String) async throws {
        try await publisher.publish(queues.inbound(message, to: queue))
    }

    func keptDeadLetters() async throws -> Int {
        try await deadLetterRows().count
    }

    func deadLetterReason() async throws -> String? {
        try await deadLetterRows().first?["reason"]
    }

    /// As the owner, across tenants (the way `fintrak dead-letters inbound` reads them).
    private func deadLetterRows() async throws -> [PostgresRow] {
        let owner = PostgresPool(url: ownerURL, size: 1, logger: logger)
        defer { owner.close() }
        return try await owner.transaction(TransactionOptions(settings: [(name: "app.cross_tenant", value: "on")])) { [message] session in
            try session.query("SELECT reason FROM inbound_dead_letters WHERE tenant = $1 AND provider_message_id = $2",
                              [message.tenant, message.providerMessageID])
        }
    }

    func close() async {
        await publisher.close()
    }
}

extension FintrakMetrics {
    /// `dead_letters_total{queue}` as `/metrics` shows it (each test has queues of its own).
    static func deadLetterCount(queue: String) -> Double? {
        render().split(separator: "\n").first { $0.hasPrefix("dead_letters_total{") && $0.contains("\"\(queue)\"") }
            .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }
}
