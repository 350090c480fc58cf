import ArgumentParser
import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import Foundation

/// Replies that could not be delivered. client-responder records every reply that reaches its dead-letter queue
/// as `dead` in `outbound_messages`, with the last error; that table is what `list` and `replay` read. `inbound`
/// lists the inbound messages given up on (`inbound_dead_letters`), whose senders got an apology.
struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "Replies that could not be delivered.",
        subcommands: [List.self, Replay.self, Inbound.self])

    /// Narrows either command to some replies; without options, every dead-lettered reply.
    struct Selection: ParsableArguments {
        @Option(name: .customLong("id"), help: "Only this reply id (repeatable).")
        var ids: [String] = []

        @Option(help: "Only this tenant's replies, e.g. +919812345678.")
        var tenant: String?

        func tenantE164() throws -> String? { try Self.tenantE164(tenant) }

        static func tenantE164(_ tenant: String?) throws -> String? {
            guard let tenant else { return nil }
            guard let number = PhoneNumber.e164(tenant) else {
                throw ValidationError("--tenant \(tenant) is not a phone number; use E.164 like +919812345678")
            }
            return number
        }

        /// The operator sees every tenant's dead letters: this runs as the tables' owner, across tenants.
        func rows(in pool: PostgresPool) async throws -> [PostgresRow] {
            let tenant = try tenantE164()
            var rows = try await pool.transaction(CommandEnvironment.crossTenant) { session in
                try session.query("""
                    SELECT reply_id, tenant, provider, correlation_id, in_reply_to, body, attachments::text AS attachments,
                           coalesce(last_error, '') AS last_error
                    FROM outbound_messages WHERE status = 'dead' AND ($1::text IS NULL OR tenant = $1)
                    ORDER BY updated_at, reply_id
                    """, [tenant])
            }
            if !ids.isEmpty { rows = rows.filter { ids.contains($0["reply_id"] ?? "") } }
            return rows
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each undelivered reply, one a line: id, recipient, last error (tab-separated).")

        @OptionGroup var selection: Selection

        func run() async throws {
            var environment = CommandEnvironment()
            let pool = try environment.ownerPostgres()
            defer { pool.close() }
            for row in try await selection.rows(in: pool) {
                let error = (row["last_error"] ?? "").replacingOccurrences(of: "\n", with: " ")
                    .replacingOccurrences(of: "\t", with: " ")
                print("\(row["reply_id"] ?? "")\t\(row["tenant"] ?? "")\t\(error)")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put every dead-lettered reply back for delivery.")

        @OptionGroup var selection: Selection

        func run() async throws {
            var environment = CommandEnvironment()
            let pool = try environment.ownerPostgres()
            let amqpURL = environment.reader.amqpURLs()
            try environment.reader.check()
            let queues = Queues(prefix: environment.reader.optional("FINTRAK_QUEUE_PREFIX") ?? "fintrak")
            let publisher = AMQPPublisher(url: amqpURL, topology: queues.topology, name: "fintrak-cli",
                                          logger: environment.logger)
            defer { pool.close() }
            var replayed = 0
            do {
                for row in try await selection.rows(in: pool) {
                    if try await replay(row, pool: pool, publisher: publisher, queues: queues) { replayed += 1 }
                }
            } catch {
                await publisher.close()
                print("replayed \(replayed) reply(ies) before failing")
                throw error
            }
            await publisher.close()
            print("replayed \(replayed) reply(ies)")
        }

        /// Back to pending with a fresh attempt count, then onto the queue; the responder sends it as new, skipping
        /// any parts of it that did go out. If the publish fails the reply is dead again, so it is never lost
        /// from the list. False when someone else replayed it meanwhile.
        private func replay(_ row: PostgresRow, pool: PostgresPool, publisher: AMQPPublisher, queues: Queues) async throws -> Bool {
            let attachments = try EnvelopeCoding.decode([ReplyAttachment].self, from: Data((row["attachments"] ?? "[]").utf8))
            let providerName: String = try row.decode("provider")
            guard let provider = Provider(rawValue: providerName) else {
                throw ValidationError("reply \(row["reply_id"] ?? "") has an unknown provider \(providerName)")
            }
            let reply = OutboundReply(
                replyID: try row.decode("reply_id"), correlationID: try row.decode("correlation_id"),
                tenant: try row.decode("tenant"), provider: provider, inReplyTo: try row.decode("in_reply_to"),
                body: try row.decode("body"), attachments: attachments)
            let reset = try await pool.transaction(CommandEnvironment.crossTenant) { session in
                try session.execute("""
                    UPDATE outbound_messages SET status = 'pending', attempts = 0, updated_at = now()
                    WHERE reply_id = $1 AND status = 'dead'
                    """, [reply.replyID])
            }
            guard reset == 1 else { return false }
            do {
                try await publisher.publish(queues.reply(reply))
            } catch {
                _ = try? await pool.transaction(CommandEnvironment.crossTenant) { session in
                    try session.execute("UPDATE outbound_messages SET status = 'dead' WHERE reply_id = $1 AND status = 'pending'",
                                        [reply.replyID])
                }
                throw error
            }
            return true
        }
    }

    struct Inbound: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each inbound message given up on, one a line: reference, sender, queue, message id, reason.")

        @Option(help: "Only this tenant's messages, e.g. +919812345678.")
        var tenant: String?

        func run() async throws {
            var environment = CommandEnvironment()
            let pool = try environment.ownerPostgres()
            defer { pool.close() }
            let tenant = try Selection.tenantE164(tenant)
            let rows = try await pool.transaction(CommandEnvironment.crossTenant) { session in
                try session.query("""
                    SELECT correlation_id, tenant, queue, provider || ':' || provider_message_id AS message_id, reason
                    FROM inbound_dead_letters WHERE ($1::text IS NULL OR tenant = $1)
                    ORDER BY created_at, provider_message_id
                    """, [tenant])
            }
            for row in rows {
                let fields = ["correlation_id", "tenant", "queue", "message_id", "reason"].map {
                    (row[$0] ?? "").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
                }
                print(fields.joined(separator: "\t"))
            }
        }
    }
}
