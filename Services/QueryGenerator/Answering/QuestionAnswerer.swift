import AnswerFormatting
import FintrakCore
import FintrakDocuments
import FintrakPostgres
import FintrakStores
import Foundation
import Logging
import QuestionUnderstanding

/// A question → its reply, from the sender's own books only: understood (rules, or a model checked against the
/// same plan types), run as parameterized SQL in a READ ONLY tenant transaction, worded, files attached, and
/// recorded in `queries`.
struct QuestionAnswerer: Sendable {
    let database: TenantDatabase
    let timeZone: TimeZone
    let files: GeneratedFiles
    /// Asks a language model first when set (`QUERY_BACKEND=openai`); the rules parser answers when it fails.
    let model: PlanModel?
    /// Bounds one question's statements; a slow question fails instead of holding a connection.
    var statementTimeout: Duration = .seconds(3)
    let names = VocabularyCache()

    /// What answering one question came to, for the reply and for `queries`.
    struct AnsweredQuestion: Sendable {
        var understanding: Understanding
        var answer: Answer
        var statements: [SQLStatement]
    }

    /// - Parameter khataLine: the balance of a khata party the question names: added to an understood answer,
    ///   and the whole reply when the question was not understood as one about invoices.
    ///
    /// One transaction answers and records the question (with the rules parser; a model's plan is asked for outside
    /// it): the statements run under the statement timeout, then its files and the `queries` row are written, the
    /// row travelling with the COMMIT.
    func reply(to message: InboundMessage, khataLine: String? = nil, logger: Logger) async throws -> OutboundReply {
        let question = String((message.text ?? "").prefix(500))
        let today = CalendarDay(message.receivedAt, in: timeZone)
        let understanding = try await modelUnderstanding(question, tenant: message.tenant, today: today, logger: logger)
        let (outcome, attachments) = try await database.write(tenant: message.tenant, statementTimeout: statementTimeout) {
            [names, files] session in
            let outcome = try Self.answer(question, understanding: understanding, tenant: message.tenant, today: today,
                                          names: names, session: session)
            return (outcome, try Self.record(outcome, question: question, message: message, files: files, session: session))
        }
        logger.info("question answered", metadata: [
            "outcome": "\(QueryLog.kind(outcome.understanding))", "statements": "\(outcome.statements.count)",
            "attachments": "\(attachments.count)",
        ])
        guard let khataLine else { return OutboundReply(to: message, body: outcome.answer.text, attachments: attachments) }
        let understood = if case .plan = outcome.understanding { true } else { false }
        return OutboundReply(to: message, body: understood ? outcome.answer.text + "\n\n" + khataLine : khataLine,
                             attachments: attachments)
    }

    /// The answer alone, in a READ ONLY transaction (nothing recorded).
    func answer(_ question: String, tenant: String, today: CalendarDay, logger: Logger) async throws -> AnsweredQuestion {
        let understanding = try await modelUnderstanding(question, tenant: tenant, today: today, logger: logger)
        return try await database.read(tenant: tenant, statementTimeout: statementTimeout) { [names] session in
            try Self.answer(question, understanding: understanding, tenant: tenant, today: today, names: names, session: session)
        }
    }

    /// The model's reading of the question (checked against the tenant's own names), or nil without a model; the
    /// rules parser reads it when this is nil. With a model, names are always fresh: its round trip dwarfs the lookup.
    private func modelUnderstanding(_ question: String, tenant: String, today: CalendarDay,
                                    logger: Logger) async throws -> (Understanding, Vocabulary)? {
        guard let model else { return nil }
        let vocabulary = try await database.read(tenant: tenant, statementTimeout: statementTimeout) { session in
            var executor = PlanExecutor(session: session)
            return try executor.vocabulary()
        }
        let understanding = await model.understand(question, vocabulary: vocabulary, today: today, logger: logger)
            ?? QuestionParser(today: today, vocabulary: vocabulary).understand(question)
        return (understanding, vocabulary)
    }

    /// Understands the question with the rules (unless already understood) against the tenant's names — cached for a
    /// few seconds, looked up afresh when a name is not found — and runs its plan.
    private static func answer(_ question: String, understanding given: (Understanding, Vocabulary)?, tenant: String,
                               today: CalendarDay, names: VocabularyCache, session: PostgresSession) throws -> AnsweredQuestion {
        var executor = PlanExecutor(session: session)
        if let (understanding, vocabulary) = given {
            return try outcome(understanding, vocabulary: vocabulary, today: today, executor: &executor)
        }
        let cached = names.vocabulary(for: tenant)
        var vocabulary = try cached ?? executor.vocabulary()
        var understanding = QuestionParser(today: today, vocabulary: vocabulary).understand(question)
        if cached != nil, case .unknownName = understanding {
            vocabulary = try executor.vocabulary()
            understanding = QuestionParser(today: today, vocabulary: vocabulary).understand(question)
        }
        names.store(vocabulary, for: tenant)
        return try outcome(understanding, vocabulary: vocabulary, today: today, executor: &executor)
    }

    private static func outcome(_ understanding: Understanding, vocabulary: Vocabulary, today: CalendarDay,
                                executor: inout PlanExecutor) throws -> AnsweredQuestion {
        let answer: Answer
        switch understanding {
        case .plan(let plan):
            answer = AnswerFormatter(plan: plan, today: today).answer(try executor.result(of: plan))
        case .unknownName(let kind, _, let known):
            answer = Answer(text: Guidance.unknownName(kind: kind, known: known, vocabulary: vocabulary))
        case .notUnderstood(let mentionsOthers):
            answer = Answer(text: Guidance.notUnderstood(mentionsOthers: mentionsOthers, vocabulary: vocabulary))
        case .unreadableDate(let written):
            answer = Answer(text: Guidance.unreadableDate(written))
        }
        return AnsweredQuestion(understanding: understanding, answer: answer, statements: executor.statements)
    }

    /// Stores the answer's files and queues the question's `queries` row; returns the files' links.
    private static func record(_ outcome: AnsweredQuestion, question: String, message: InboundMessage, files: GeneratedFiles,
                               session: PostgresSession) throws -> [ReplyAttachment] {
        let rendered = try [
            outcome.answer.spreadsheet.map {
                GeneratedFiles.File(filename: $0.filename, contentType: XLSXWriter.contentType, bytes: try XLSXWriter.data(for: $0))
            },
            outcome.answer.chart.map {
                GeneratedFiles.File(filename: $0.filename, contentType: "image/png", bytes: try ChartRenderer.png(for: $0))
            },
        ].compactMap { $0 }
        let sql = outcome.statements.map(\.text).joined(separator: ";\n")
        let understood = if case .plan = outcome.understanding { true } else { false }
        let attachments = rendered.map { files.store($0, tenant: message.tenant, session: session) }
        QueryLog.insert(tenant: message.tenant, messageID: message.providerMessageID, question: question,
                        plan: QueryLog.planJSON(outcome.understanding), sql: sql.isEmpty ? nil : sql,
                        summary: outcome.answer.summary, understood: understood, session: session)
        return attachments
    }
}

/// The `queries` table: every question, how it was understood, the SQL that ran and the answer's first line.
enum QueryLog {
    /// Queued: the row goes to the server with the transaction's next statement or its COMMIT.
    static func insert(tenant: String, messageID: String, question: String, plan: String?, sql: String?, summary: String,
                       understood: Bool, session: PostgresSession) {
        session.enqueue("""
            INSERT INTO queries (tenant, provider_message_id, question, plan, sql_text, answer_summary, understood)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
            ON CONFLICT (tenant, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
            """, [tenant, messageID, question, plan, sql, summary, understood])
    }

    /// "total", "top", "unknown_payee", "not_understood": what a question came to, for logs.
    static func kind(_ understanding: Understanding) -> String {
        switch understanding {
        case .plan(let plan): PlanJSON(plan).measure ?? "total"
        case .unknownName(let kind, _, _): "unknown_\(kind.rawValue)"
        case .notUnderstood: "not_understood"
        case .unreadableDate: "unreadable_date"
        }
    }

    /// The plan as JSON, or what kept the question from having one.
    static func planJSON(_ understanding: Understanding) -> String? {
        switch understanding {
        case .plan(let plan):
            return (try? EnvelopeCoding.encode(PlanJSON(plan))).map { String(decoding: $0, as: UTF8.self) }
        case .unknownName(let kind, let phrase, _):
            return (try? EnvelopeCoding.encode(["unknown_\(kind.rawValue)": phrase])).map { String(decoding: $0, as: UTF8.self) }
        case .unreadableDate(let written):
            return (try? EnvelopeCoding.encode(["unreadable_date": written])).map { String(decoding: $0, as: UTF8.self) }
        case .notUnderstood:
            return nil
        }
    }
}
