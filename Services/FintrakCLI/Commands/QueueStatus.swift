import ArgumentParser
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import Foundation

/// `fintrak queues`: what waits where. Depth and consumers come from the broker (passive declares, which change
/// nothing); the age of the oldest waiting message from `message_events`, since reading a quorum queue's head
/// would count as a delivery attempt.
struct QueueStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues",
        abstract: "Each queue's depth, consumers and the age of its oldest waiting message.",
        discussion: """
            Exit status 0 when all is well; 3 when a work queue is missing or holds messages that no consumer takes, \
            or a dead-letter queue holds messages (for scripts and cron); 1 when the broker cannot be reached.
            """)

    /// Exit status for "look at this".
    static let attention: Int32 = 3

    struct Line: Sendable, Equatable {
        var queue: String
        var messages: Int?
        var consumers: Int?
        /// Seconds the oldest waiting message has waited, where known.
        var oldestSeconds: Int?
        var isDeadLetterQueue: Bool
        var isWorkQueue: Bool

        var needsAttention: Bool { problem != nil }

        /// What an operator should look at, if anything.
        var problem: String? {
            guard let messages else { return isWorkQueue ? "missing: no service has started" : nil }
            guard messages > 0 else { return nil }
            if isDeadLetterQueue { return "dead letters" }
            return isWorkQueue && consumers == 0 ? "no consumer" : nil
        }
    }

    func run() async throws {
        var environment = CommandEnvironment()
        let amqpURL = environment.reader.amqpURLs()
        try environment.reader.check()
        let queues = Queues(prefix: environment.reader.optional("FINTRAK_QUEUE_PREFIX") ?? "fintrak")
        let names = queues.topology.map(\.name)
        let statistics = try await AMQPQueueStatistics.read(url: amqpURL, queues: names)
        let work = [queues.invoices, queues.questions, queues.replies, queues.statuses, queues.reminders]
        let pool = try environment.postgres()
        defer { pool.close() }
        var lines: [Line] = []
        for name in names {
            let figures = statistics[name] ?? nil
            var line = Line(queue: name, messages: figures?.messages, consumers: figures?.consumers,
                            isDeadLetterQueue: name.hasSuffix(".dead"), isWorkQueue: work.contains(name))
            if let messages = figures?.messages, messages > 0 {
                line.oldestSeconds = try? await Self.oldestWait(in: name, queues: queues, pool: pool)
            }
            lines.append(line)
        }
        print(Self.render(lines), terminator: "")
        if lines.contains(where: \.needsAttention) { throw ExitCode(Self.attention) }
    }

    /// The oldest message put on `queue` (by intake, or as a reply by a worker) that no later step took off it.
    static func oldestWait(in queue: String, queues: Queues, pool: PostgresPool) async throws -> Int? {
        let (put, taken): ([String], [String])
        switch queue {
        case queues.invoices, queues.questions: (put, taken) = (["received"], ["answered", "apologized"])
        case queues.replies: (put, taken) = (["answered", "apologized"], ["sent", "dead", "send_failed"])
        default: return nil
        }
        let putQueue = queue == queues.replies ? nil : queue
        let rows = try await pool.query("""
            SELECT extract(epoch FROM now() - min(p.at))::bigint AS waited FROM message_events p
            WHERE p.event = ANY ($1::text[]) AND ($2::text IS NULL OR p.queue = $2) AND p.at > now() - interval '1 day'
              AND NOT EXISTS (SELECT 1 FROM message_events t
                              WHERE t.message_id = p.message_id AND t.event = ANY ($3::text[]) AND t.at >= p.at)
            """, ["{" + put.joined(separator: ",") + "}", putQueue, "{" + taken.joined(separator: ",") + "}"])
        return rows.first?["waited"].flatMap { Int($0) }
    }

    static func render(_ lines: [Line]) -> String {
        func age(_ seconds: Int?) -> String {
            guard let seconds else { return "-" }
            return seconds < 120 ? "\(seconds)s" : seconds < 7200 ? "\(seconds / 60)m" : "\(seconds / 3600)h"
        }
        let width = max(5, lines.map(\.queue.count).max() ?? 0)
        var text = "QUEUE".padding(toLength: width, withPad: " ", startingAt: 0) + "  MESSAGES  CONSUMERS  OLDEST\n"
        for line in lines {
            let messages = line.messages.map(String.init) ?? "missing"
            let consumers = line.consumers.map(String.init) ?? "-"
            text += line.queue.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + String(repeating: " ", count: max(0, 8 - messages.count)) + messages
                + "  " + String(repeating: " ", count: max(0, 9 - consumers.count)) + consumers
                + "  " + age(line.oldestSeconds)
                + (line.problem.map { "  ← " + $0 } ?? "") + "\n"
        }
        return text
    }
}
