import Conversation
import FintrakConfiguration
import FintrakCore
import FintrakQueues
import FintrakServiceHost
import Logging

/// `query-generator`: answers text — the menu, questions about the sender's invoices, khata lines.
struct QueryService: Sendable {
    static let name = "query-generator"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let logger: Logger
    /// A bad QUERY_BACKEND setting stops the service when it starts running, with every problem named.
    let answerer: Result<QuestionAnswerer, any Error>

    init(configuration: FintrakConfiguration) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
        answerer = Result { [infrastructure] in
            QuestionAnswerer(database: infrastructure.database, timeZone: configuration.timeZone,
                             files: GeneratedFiles(publicBaseURL: configuration.publicBaseURL,
                                                   signingKey: configuration.mediaSigningKey),
                             model: try QueryBackend.model(environment: configuration.environment, logger: logger))
        }
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let answerer = try self.answerer.get()
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.questions) { message, logger in
            if let command = MenuCommand(message.text) {
                return [OutboundReply(to: message, body: command.reply)]
            }
            return [try await answerer.reply(to: message, logger: logger)]
        }
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
