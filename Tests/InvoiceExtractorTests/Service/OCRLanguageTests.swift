import BillReading
import BillScanning
import FintrakTestSupport
import Foundation
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

    @Test func theLanguagesSellersNamesAreReadAgainInAreInstalled() async throws {
        // deploy/Dockerfile and `scripts/dev-servers.sh install` install tesseract-ocr-fra, -deu and -nld.
        let ocr = TesseractOCR(workers: 1)
        defer { ocr.close() }
        #expect(try await ocr.installedLanguages().isSuperset(of: ["eng", "fra", "deu", "nld"]))
    }

    @Test func aNameReadAgainFromItsWordsBoxesIsTheSameName() async throws {
        // The boxes are in the page as Tesseract read it (scaled when its letters asked for it); the part read again
        // is cut from the prepared page and brought to that scale.
        let photo = try await TestBills.photo(lines: TestBills.sharmaTraders)
        let ocr = TesseractOCR(workers: 1)
        defer { ocr.close() }
        let page = try await ocr.recognize(image: photo, layout: .automatic)
        let region = try #require(AccentedName.region(of: "SHARMA TRADERS", in: page.words))
        let again = try await ocr.recognize(region: region, of: photo, readAs: page, languages: "eng")
        #expect(again.trimmingCharacters(in: .whitespacesAndNewlines) == "SHARMA TRADERS")
    }
}
