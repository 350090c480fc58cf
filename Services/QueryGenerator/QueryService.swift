import ChatModel
import Conversation
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakServiceHost
import FintrakStores
import Foundation
import Khata
import Logging
import ReminderStore

/// `query-generator`: answers text — the menu, questions about the sender's invoices, khata lines.
struct QueryService: Sendable {
    static let name = "query-generator"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let logger: Logger
    let answerer: QuestionAnswerer
    let khata: KhataAnswerer
    let web: WebCommandHandler
    let reminders: ReminderAnswerer
    /// Standing reminders, digests and held reminders, claimed every `settings.schedulerInterval` (nil: not here).
    let dueReminders: DueReminders
    let schedulerInterval: Duration?

    init(configuration: FintrakConfiguration, settings: QuerySettings) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
        let files = GeneratedFiles(publicBaseURL: configuration.publicBaseURL, signingKey: configuration.mediaSigningKey)
        answerer = QuestionAnswerer(
            database: infrastructure.database, timeZone: configuration.timeZone, files: files,
            model: settings.model.map { PlanModel(model: ChatModelClient(http: HTTPClient(logger: logger), settings: $0)) })
        let chain = LedgerChain(signingKey: configuration.ledgerSigningKey.secret)
        khata = KhataAnswerer(database: infrastructure.database, redis: infrastructure.redis, chain: chain, files: files,
                              timeZone: configuration.timeZone)
        web = WebCommandHandler(database: infrastructure.database, files: files, publicBaseURL: configuration.publicBaseURL,
                                signingKey: configuration.mediaSigningKey, timeZone: configuration.timeZone)
        let queue = ReminderQueue(database: infrastructure.database, publisher: infrastructure.publisher,
                                  queues: infrastructure.queues)
        reminders = ReminderAnswerer(database: infrastructure.database, pool: infrastructure.postgres, queue: queue,
                                     chain: chain, zone: configuration.timeZone)
        dueReminders = DueReminders(pool: infrastructure.postgres, queue: queue, zone: configuration.timeZone, logger: logger)
        schedulerInterval = settings.schedulerInterval
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        if configuration.ledgerSigningKey.derived { logger.warning("\(LedgerSigningKey.warning)") }
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.questions) {
            [answerer, khata, reminders, web] received, logger in
            // The web page's words ("web", "logout all", "GST report …") first: no other line is one. Then a party's
            // answer to a reminder or notice, or an owner's reminder line (they mean the same for everyone, and "ok 7QK"
            // is one); then small talk ("ok 👍", "thank you", "hello": a greeting gets the menu), set aside from a longer
            // message; then a khata line (or the answer to a khata choice, which may be a menu digit); then the menu;
            // then invoice questions, which also carry the balance of a party the question names.
            if let command = WebCommand(received.text) { return [try await web.reply(to: command, message: received)] }
            if let replies = try await reminders.replies(to: received, logger: logger) { return replies }
            var message = received
            if let smallTalk = message.text.flatMap(Chatter.read) {
                guard !smallTalk.rest.isEmpty else {
                    let afterBill = message.conversation?.lastInvoiceID != nil
                    return [OutboundReply(to: message, body: smallTalk.chatter.reply(afterBill: afterBill))]
                }
                message.text = smallTalk.rest
            }
            let ledger = try await khata.reply(to: message, logger: logger)
            if case .reply(let reply)? = ledger {
                if case .entry? = KhataParser.parse(message.text ?? "") { try await reminders.notice(after: message, logger: logger) }
                return [reply]
            }
            if let command = MenuCommand(message.text) {
                return [OutboundReply(to: message, body: command.reply)]
            }
            var mention: String?
            if case .mention(let line)? = ledger { mention = line }
            return [try await answerer.reply(to: message, khataLine: mention, logger: logger)]
        }
        var workers = [worker.service()]
        if let schedulerInterval {
            workers.append(WorkerService(name: "reminder scheduler") { [dueReminders, logger] in
                while !Task.isCancelled {
                    do {
                        let sent = try await dueReminders.run(now: Date())
                        if !sent.isEmpty { logger.info("due reminders sent", metadata: ["messages": "\(sent.count)"]) }
                    } catch {
                        logger.error("due reminders failed; trying again next round", metadata: ["error": "\(error)"])
                    }
                    try? await Task.sleep(for: schedulerInterval)
                }
            })
        }
        try await infrastructure.run(workers: workers, onServerRunning: onServerRunning)
    }
}
