@testable import ClientResponder
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
@testable import QueryGenerator
import Testing

/// query-generator and client-responder in this process against the real servers, every provider faked by
/// `FakeWhatsApp`, with the scheduler left to the test (`fintrak reminders run-due`). Messages are put straight on
/// the questions queue, each with the instant it was received, so quiet hours and the 24-hour window are the
/// test's to choose.
struct ReminderStack {
    let fake: FakeWhatsApp
    let environment: [String: String]
    let queues: Queues
    let publisher: AMQPPublisher
    /// The schema owner, for looking at rows outside row-level security.
    let owner: PostgresPool
    let shop = ServiceEnvironment.uniqueTenant()
    /// The party's number as the owner writes it (ten digits) and as it is stored.
    let partyDigits = "98" + String(format: "%08d", Int.random(in: 0..<100_000_000))
    var party: String { "+91" + partyDigits }

    /// An instant in business time (Asia/Kolkata), far enough ahead that no scheduler of another test finds it due.
    static func at(_ local: String) -> Date {
        ISO8601DateFormatter().date(from: local + "+05:30") ?? Date.distantFuture
    }

    /// Puts a message from `sender` on the questions queue as intake would.
    func say(_ text: String, from sender: String? = nil, at instant: Date, provider: Provider = .twilio) async throws {
        let id = "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let message = InboundMessage(correlationID: UUID().uuidString.lowercased(), tenant: sender ?? shop, provider: provider,
                                     providerMessageID: id, text: text, receivedAt: instant)
        try await publisher.publish(queues.inbound(message, to: queues.questions))
    }

    /// Says `text` and waits for the `count`-th message to `sender` (the owner by default); returns its text.
    @discardableResult
    func ask(_ text: String, from sender: String? = nil, at instant: Date, provider: Provider = .twilio) async throws -> String {
        let recipient = sender ?? shop
        let before = fake.sent(to: recipient).count
        try await say(text, from: recipient, at: instant, provider: provider)
        let answered = try await eventually { fake.sent(to: recipient).count > before }
        try #require(answered, "no answer to \"\(text)\"")
        return fake.sent(to: recipient)[before].body
    }

    /// The shop's UPI id and name, Ramesh owing `owes`, and Ramesh's number.
    func setUp(owes: Int, at instant: Date, provider: Provider = .twilio) async throws {
        try await ask("my upi is gupta.kirana@okaxis", at: instant, provider: provider)
        try await ask("shop name Gupta Kirana", at: instant, provider: provider)
        try await ask("Ramesh \(owes) udhaar", at: instant, provider: provider)
        let saved = try await ask("Ramesh ka number \(partyDigits.prefix(5)) \(partyDigits.suffix(5))", at: instant, provider: provider)
        #expect(saved.contains("Saved Ramesh's number \(party)"))
    }

    /// Waits until the party has received `count` messages.
    func partyReceives(_ count: Int, timeout: Duration = .seconds(60)) async throws -> [SentMessage] {
        let reached = try await eventually(timeout: timeout) { fake.sent(to: party).count >= count }
        try #require(reached, "the party received \(fake.sent(to: party).count) message(s), not \(count)")
        return fake.sent(to: party)
    }

    /// `fintrak reminders run-due --now … --tenant …` as an operator runs it (the built executable).
    func runDue(at instant: Date) async throws -> (status: Int32, stdout: String, stderr: String) {
        let now = ISO8601DateFormatter().string(from: instant)
        return try await BuiltProduct.run("fintrak", ["reminders", "run-due", "--now", now, "--tenant", shop], environment: environment)
    }

    /// One row count as the owner sees it.
    func count(_ sql: String) async throws -> Int {
        let rows = try await owner.transaction(TransactionOptions(settings: [(name: "app.cross_tenant", value: "on")])) { session in
            try session.query(sql).first?.decode("n", as: Int.self)
        }
        return rows ?? -1
    }
}

/// Starts the fake providers, query-generator and client-responder, runs `body`, and stops them.
func withReminderStack(_ body: (ReminderStack) async throws -> Void) async throws {
    try await ServiceEnvironment.migrate()
    try await FakeWhatsApp.run { fake in
        let environment = try ServiceEnvironment.make(fake.environment.merging(["REMINDER_SCHEDULER_SECONDS": "0"]) { $1 })
        func configuration(_ name: String) throws -> FintrakConfiguration {
            try FintrakConfiguration.load(service: name, defaultPort: 0, environment: environment)
        }
        let query = QueryService(configuration: try configuration(QueryService.name),
                                 settings: try QuerySettings.load(try configuration(QueryService.name)))
        let responder = ResponderService(configuration: try configuration(ResponderService.name),
                                         settings: try ResponderSettings.load(try configuration(ResponderService.name)))
        let logger = Logger(label: "test")
        let queues = try configuration("test").queues
        let publisher = AMQPPublisher(url: try TestEnvironment.amqpURL, topology: queues.topology, logger: logger)
        let owner = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: logger)
        let responderPort = PortBox()
        defer { owner.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await query.run() }
            group.addTask { try await responder.run { responderPort.set($0) } }
            try await ServiceReadiness.wait(for: ResponderService.name) { responderPort.port }
            do {
                try await body(ReminderStack(fake: fake, environment: environment, queues: queues, publisher: publisher,
                                             owner: owner))
            } catch {
                group.cancelAll()
                await publisher.close()
                throw error
            }
            group.cancelAll()
            await publisher.close()
        }
    }
}
