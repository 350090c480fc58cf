import ArgumentParser
import FintrakConfiguration
import FintrakCore
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import Foundation
import ReminderStore

/// `fintrak reminders run-due`: the scheduler's round, run by hand (operators) or by tests at a chosen instant.
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Run due reminders and digests.", subcommands: [RunDue.self])

    struct RunDue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-due",
            abstract: "Send every standing reminder, digest and held reminder due at an instant, and print what was sent.")

        @Option(help: "The instant, ISO 8601 (e.g. 2026-12-07T10:00:00+05:30); default now.")
        var now: String?
        @Option(help: "Only this tenant's due work (E.164).")
        var tenant: String?

        func run() async throws {
            var instant = Date()
            if let now {
                guard let parsed = Self.instant(now) else {
                    throw ValidationError("--now \(now) is not an ISO 8601 instant like 2026-12-07T10:00:00+05:30")
                }
                instant = parsed
            }
            let only = try tenant.map { raw in
                guard let number = PhoneNumber.e164(raw) else {
                    throw ValidationError("--tenant \(raw) is not a phone number; use E.164 like +919812345678")
                }
                return number
            }
            var environment = CommandEnvironment()
            let pool = try environment.postgres()
            defer { pool.close() }
            let amqpURL = environment.reader.url("AMQP_URL", schemes: ["amqp"], example: "amqp://user:pass@127.0.0.1:5672/fintrak")
            let zone = FintrakConfiguration.timeZone(from: &environment.reader)
            try environment.reader.check()
            let queues = Queues(prefix: environment.reader.optional("FINTRAK_QUEUE_PREFIX") ?? "fintrak")
            let publisher = AMQPPublisher(url: amqpURL, topology: queues.topology, name: "fintrak-cli", logger: environment.logger)
            let due = DueReminders(pool: pool, queue: ReminderQueue(database: TenantDatabase(pool: pool), publisher: publisher, queues: queues),
                                   zone: zone, logger: environment.logger)
            let sent: [OutboundReply]
            do {
                sent = try await due.run(now: instant, tenant: only)
            } catch {
                await publisher.close()
                throw error
            }
            await publisher.close()
            for reply in sent { print(Self.line(reply)) }
            print("sent \(sent.count) message(s)")
        }

        /// One sent message: its id, recipient, how it goes (template kind or text), and its text on one line.
        static func line(_ reply: OutboundReply) -> String {
            let how = reply.template.map { "template \($0.kind.rawValue)" } ?? "text"
            return "\(reply.replyID)\t\(reply.destination)\t\(how)\t\(reply.body.replacingOccurrences(of: "\n", with: " "))"
        }

        static func instant(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }
    }
}
