import BillScanning
import Testing

/// The languages OCR is configured with are installed where the service runs.
@Suite("OCR languages")
struct OCRLanguageTests {
    @Test func devanagariLanguageDataLoadsAsTheImageConfiguresIt() async throws {
        // deploy/Dockerfile sets OCR_LANGUAGES=eng+hin; `scripts/dev-servers.sh install` (README, CI) installs
        // tesseract-ocr-hin.
        let ocr = TesseractOCR(workers: 1, language: "eng+hin")
        defer { ocr.close() }
        try await ocr.warmUp()
    }

    @Test func aMissingLanguageIsNamedInTheError() async throws {
        let ocr = TesseractOCR(workers: 1, language: "xyz")
        defer { ocr.close() }
        await #expect(throws: OCRError.self) { try await ocr.warmUp() }
    }
}
