import FintrakRuntime

@main
enum InvoiceExtractorMain {
    static func main() async {
        await ServiceHost.main(service: ExtractorService.name, defaultPort: 8001) { configuration in
            try await ExtractorService(configuration: configuration).run()
        }
    }
}
