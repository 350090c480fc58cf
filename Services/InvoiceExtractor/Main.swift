import BillScanning
import FintrakServiceHost

@main
enum InvoiceExtractorMain {
    static func main() async {
        TesseractOCR.restartWithSingleThreadedOpenMPIfNeeded()
        await ServiceHost.main(service: ExtractorService.name, defaultPort: 8001) { configuration in
            try await ExtractorService(configuration: configuration, settings: try ExtractorSettings.load()).run()
        }
    }
}
