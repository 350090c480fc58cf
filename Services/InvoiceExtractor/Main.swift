import FintrakRuntime

@main
enum InvoiceExtractorMain {
    static func main() async throws {
        ServiceHost.bootstrapProcess(service: ExtractorService.name)
        let configuration = try FintrakConfiguration.load(service: ExtractorService.name, defaultPort: 8001)
        try await ExtractorService(configuration: configuration).run()
    }
}
