import ChatModel
import Conversation
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakServiceHost
import Khata
import Logging

/// `query-generator`: answers text — the menu, questions about the sender's invoices, khata lines.
struct QueryService: Sendable {
    static let name = "query-generator"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let logger: Logger
    let answerer: QuestionAnswerer
    let khata: KhataAnswerer
    let web: WebCommandHandler

    init(configuration: FintrakConfiguration, settings: QuerySettings) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
        let files = GeneratedFiles(publicBaseURL: configuration.publicBaseURL, signingKey: configuration.mediaSigningKey)
        answerer = QuestionAnswerer(
            database: infrastructure.database, timeZone: configuration.timeZone, files: files,
            model: settings.model.map { PlanModel(model: ChatModelClient(http: HTTPClient(logger: logger), settings: $0)) })
        khata = KhataAnswerer(database: infrastructure.database, redis: infrastructure.redis,
                              chain: LedgerChain(signingKey: configuration.ledgerSigningKey.secret), files: files,
                              timeZone: configuration.timeZone)
        web = WebCommandHandler(database: infrastructure.database, files: files, publicBaseURL: configuration.publicBaseURL,
                                signingKey: configuration.mediaSigningKey, timeZone: configuration.timeZone)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        if configuration.ledgerSigningKey.derived { logger.warning("\(LedgerSigningKey.warning)") }
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.questions) {
            [answerer, khata, web] message, logger in
            // The web page's words ("web", "logout all", "GST report …") first: no khata line or question is one.
            // Then a khata line (or the answer to a khata choice, which may be a menu digit); then the menu; then
            // invoice questions, which also carry the balance of a party the question names.
            if let command = WebCommand(message.text) { return [try await web.reply(to: command, message: message)] }
            let ledger = try await khata.reply(to: message, logger: logger)
            if case .reply(let reply)? = ledger { return [reply] }
            if let command = MenuCommand(message.text) {
                return [OutboundReply(to: message, body: command.reply)]
            }
            var mention: String?
            if case .mention(let line)? = ledger { mention = line }
            return [try await answerer.reply(to: message, khataLine: mention, logger: logger)]
        }
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
