import BillScanning
import ChatModel
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakServiceHost
import Khata
import Logging

/// `invoice-extractor`: bill photos and PDFs become invoice records, confirmed in the chat.
struct ExtractorService: Sendable {
    static let name = "invoice-extractor"

    let configuration: FintrakConfiguration
    let settings: ExtractorSettings
    let infrastructure: Infrastructure
    let logger: Logger

    init(configuration: FintrakConfiguration, settings: ExtractorSettings) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let http = HTTPClient(logger: logger)
        let ocr = TesseractOCR(workers: settings.ocrWorkers, language: settings.ocrLanguages)
        defer { ocr.close() }
        // Loading Tesseract's models takes a moment: do it before the first bill arrives.
        try await ocr.warmUp()
        let handler = InvoiceHandler(
            database: infrastructure.database, redis: infrastructure.redis,
            fetcher: MediaFetcher(http: http, twilio: configuration.twilio, meta: configuration.meta,
                                  timeout: settings.mediaTimeout, maxBytes: settings.maxMediaBytes,
                                  destinations: MediaDestinations(environment: configuration.environment,
                                                                  publicBaseURL: configuration.publicBaseURL)),
            reader: BillReader(ocr: ocr, pdf: PDFReader(),
                               vision: settings.openAI.map { VisionModelReader(model: ChatModelClient(http: http, settings: $0)) }),
            timeZone: configuration.timeZone, ledgerChain: LedgerChain(signingKey: configuration.ledgerSigningKey.secret))
        logger.info("reading bills", metadata: ["backend": "\(settings.backend.rawValue)", "ocr_workers": "\(settings.ocrWorkers)"])
        // One bill per OCR worker at a time, and one more waiting so a worker never idles between bills.
        let worker = InboundWorker(infrastructure: infrastructure, queue: infrastructure.queues.invoices,
                                   prefetch: settings.ocrWorkers + 1, handler: handler.handle)
        try await infrastructure.run(workers: [worker.service()], onServerRunning: onServerRunning)
    }
}
