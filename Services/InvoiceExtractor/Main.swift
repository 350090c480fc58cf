import FintrakRuntime

@main
enum InvoiceExtractorMain {
    static func main() async throws {
        TesseractOCR.restartWithSingleThreadedOpenMPIfNeeded()
        ServiceHost.bootstrapProcess(service: ExtractorService.name)
        let configuration = try FintrakConfiguration.load(service: ExtractorService.name, defaultPort: 8001)
        let settings = try ExtractorSettings.load()
        try await ExtractorService(configuration: configuration, settings: settings).run()
    }
}
