import FintrakCore
import FintrakRuntime
import Logging

/// `invoice-extractor`: bill photos and PDFs become invoice records.
struct ExtractorService: Sendable {
    static let name = "invoice-extractor"

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
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.invoices, prefetch: 4) { message, _ in
            let files = message.media.count
            return [OutboundReply(to: message, body: "Got your \(files == 1 ? "file" : "\(files) files") – reading it now.")]
        }
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
