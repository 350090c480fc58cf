import FintrakCore
import FintrakRuntime
import Logging

/// `query-generator`: answers text — the menu, questions about the sender's invoices, khata lines.
struct QueryService: Sendable {
    static let name = "query-generator"

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let logger: Logger

    init(configuration: FintrakConfiguration) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.questions) { message, logger in
            [OutboundReply(to: message, body: Conversation.reply(to: message.text ?? ""))]
        }
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
