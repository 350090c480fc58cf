import ArgumentParser
import FintrakCore
import FintrakPostgres
import FintrakStores
import Foundation

/// `fintrak trace`: what each service did with a message, from the `message_events` table the services append to.
struct Trace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One inbound message's path through the services, with timings.",
        discussion: """
            Give the provider's message id (Twilio SM…, Gupshup's id, Cloud API wamid…) or a correlation id, or the \
            sender's phone number for its latest messages. Events are kept 7 days. Exit status 0 when something was \
            found, 1 when nothing was.
            """)

    @Argument(help: "A message id or correlation id, or a phone number in any spelling.")
    var target: String

    @Option(help: "With a phone number: how many of its latest messages to show.")
    var last = 5

    /// One row of `message_events`.
    typealias Step = MessageEvent

    func run() async throws {
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        let steps = try await Self.steps(for: target, last: last, in: pool)
        guard !steps.isEmpty else {
            printError("""
                nothing recorded for \(target): check the id, or it is older than 7 days, or intake never accepted it \
                (its log has the webhook's rejection)
                """)
            throw ExitCode.failure
        }
        print(Self.render(steps), terminator: "")
    }

    /// The steps of the message (or correlation) id, or of the phone number's latest `last` messages, in time order.
    static func steps(for target: String, last: Int, in pool: PostgresPool) async throws -> [Step] {
        let columns = "message_id, correlation_id, tenant_tag, service, event, queue, duration_ms, detail, at"
        let rows: [PostgresRow]
        if !target.contains(where: \.isLetter), let phone = PhoneNumber.e164(target) {
            rows = try await pool.query("""
                SELECT \(columns) FROM message_events WHERE message_id IN (
                    SELECT message_id FROM message_events WHERE tenant_tag = $1
                    GROUP BY message_id ORDER BY max(at) DESC LIMIT $2)
                ORDER BY at
                """, [TenantTag.of(phone), last])
        } else {
            rows = try await pool.query("""
                SELECT \(columns) FROM message_events WHERE message_id = $1 OR correlation_id = $1 ORDER BY at
                """, [target])
        }
        return try rows.map { row in
            Step(messageID: try row.decode("message_id"), correlationID: try row.decode("correlation_id"),
                 tenantTag: try row.decode("tenant_tag"), service: try row.decode("service"), event: try row.decode("event"),
                 queue: row["queue"], durationMilliseconds: row["duration_ms"].flatMap { Int($0) }, detail: row["detail"],
                 at: try row.decode("at"))
        }
    }

    /// Each message's steps, timed from its first one. Pure, so it is tested without servers.
    static func render(_ steps: [Step]) -> String {
        var order: [String] = []
        var byMessage: [String: [Step]] = [:]
        for step in steps {
            if byMessage[step.messageID] == nil { order.append(step.messageID) }
            byMessage[step.messageID, default: []].append(step)
        }
        var text = ""
        for id in order {
            let path = (byMessage[id] ?? []).sorted { $0.at < $1.at }
            guard let first = path.first, let final = path.last else { continue }
            let total = Int((final.at.timeIntervalSince(first.at) * 1000).rounded())
            text += "message \(id)  tenant \(first.tenantTag)  correlation \(first.correlationID)\n"
            text += "  started \(first.at.formatted(.iso8601)), last step after \(total) ms\n"
            for step in path {
                let offset = Int((step.at.timeIntervalSince(first.at) * 1000).rounded())
                let took = step.durationMilliseconds.map { "took \($0) ms" } ?? ""
                let fields = ["+\(offset) ms".padding(toLength: 11, withPad: " ", startingAt: 0),
                              step.service.padding(toLength: 18, withPad: " ", startingAt: 0),
                              step.event.padding(toLength: 12, withPad: " ", startingAt: 0),
                              took.padding(toLength: 14, withPad: " ", startingAt: 0),
                              (step.queue ?? "").padding(toLength: 28, withPad: " ", startingAt: 0),
                              step.detail ?? ""]
                text += "  " + fields.joined(separator: " ").trimmingCharacters(in: .whitespaces) + "\n"
            }
            if !path.contains(where: { ["sent", "dead"].contains($0.event) }) {
                text += "  (no reply sent yet: waiting in a queue, being retried, or a service is down — `fintrak queues`)\n"
            }
        }
        return text
    }
}
