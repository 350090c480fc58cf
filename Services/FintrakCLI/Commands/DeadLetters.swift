import ArgumentParser
import FintrakCore
import FintrakRabbitMQ
import FintrakRuntime
import Foundation

struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Replies that could not be delivered.",
        subcommands: [List.self, Replay.self])

    static let deadSQL = """
        SELECT reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments::text AS attachments,
               coalesce(last_error, '') AS last_error
        FROM outbound_messages WHERE status = 'dead' ORDER BY updated_at
        """

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print each undelivered reply: id, recipient, last error.")

        func run() async throws {
            var environment = CommandEnvironment()
            let pool = try environment.postgres()
            defer { pool.close() }
            // The operator sees every tenant's dead letters: this runs as the tables' owner, outside RLS.
            for row in try await pool.query(DeadLetters.deadSQL) {
                let error = (row["last_error"] ?? "").replacingOccurrences(of: "\n", with: " ")
                print("\(row["reply_id"] ?? "")\t\(row["tenant"] ?? "")\t\(error)")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put every dead-lettered reply back for delivery.")

        func run() async throws {
            var environment = CommandEnvironment()
            let pool = try environment.postgres()
            let amqpURL = environment.reader.url("AMQP_URL", schemes: ["amqp"], example: "amqp://user:pass@127.0.0.1:5672/fintrak")
            try environment.reader.check()
            let queues = Queues(prefix: environment.reader.optional("FINTRAK_QUEUE_PREFIX") ?? "fintrak")
            let publisher = AMQPPublisher(url: amqpURL, topology: queues.topology, name: "fintrak-cli",
                                          logger: environment.logger)
            defer { pool.close() }
            var replayed = 0
            for row in try await pool.query(DeadLetters.deadSQL) {
                let attachments = try EnvelopeCoding.decode([ReplyAttachment].self, from: Data((row["attachments"] ?? "[]").utf8))
                guard let provider = Provider(rawValue: row["provider"] ?? "") else { continue }
                let reply = OutboundReply(
                    replyID: try row.decode("reply_id"), correlationID: try row.decode("correlation_id"),
                    tenant: try row.decode("tenant"), provider: provider, inReplyTo: try row.decode("in_reply_to"),
                    body: try row.decode("body"), attachments: attachments)
                // Back to pending with a fresh attempt count, then onto the queue: the responder sends it as new.
                try await pool.execute("UPDATE outbound_messages SET status = 'pending', attempts = 0, updated_at = now() WHERE reply_id = $1",
                                       [reply.replyID])
                try await publisher.publish(queues.reply(reply))
                replayed += 1
            }
            await publisher.close()
            print("replayed \(replayed) reply(ies)")
        }
    }
}
