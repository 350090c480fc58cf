import BillScanning
import FintrakServiceHost

@main
enum InvoiceExtractorMain {
    static func main() async {
        TesseractOCR.restartWithSingleThreadedOpenMPIfNeeded()
        await ServiceHost.main(service: ExtractorService.name, defaultPort: 8001, settings: ExtractorSettings.self) {
            try await ExtractorService(configuration: $0, settings: $1).run()
        }
    }
}
