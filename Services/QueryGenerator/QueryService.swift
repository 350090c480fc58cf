import ChatModel
import Conversation
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakServiceHost
import Logging

/// `query-generator`: answers text — the menu, questions about the sender's invoices, khata lines.
struct QueryService: Sendable {
    static let name = "query-generator"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let logger: Logger
    let answerer: QuestionAnswerer

    init(configuration: FintrakConfiguration, settings: QuerySettings) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
        answerer = QuestionAnswerer(
            database: infrastructure.database, timeZone: configuration.timeZone,
            files: GeneratedFiles(publicBaseURL: configuration.publicBaseURL, signingKey: configuration.mediaSigningKey),
            model: settings.model.map { PlanModel(model: ChatModelClient(http: HTTPClient(logger: logger), settings: $0)) })
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.questions) { message, logger in
            if let command = MenuCommand(message.text) {
                return [OutboundReply(to: message, body: command.reply)]
            }
            return [try await answerer.reply(to: message, logger: logger)]
        }
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
