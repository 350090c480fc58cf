import BillReading
@testable import BillScanning
import FintrakCore
import Foundation
import Testing

/// A PDF whose text layer holds only its letterhead: the rest is read from the pages' pixels, field by field.
@Suite struct TextLayerTests {
    /// Pages that answer from fixed text: a text layer, and what OCR reads of the rendered page.
    struct FixedPages: BillPages {
        let layer: String
        let scanned: String

        func textLayer(ofPDF pdf: Data) async throws -> String { layer }
        func textWords(ofPDF pdf: Data) async throws -> [PageWord] { [] }
        func ocr(_ document: Data, isPDF: Bool, layout: PageLayout) async throws -> [OCRPage] {
            [OCRPage(layout: layout, words: [], text: scanned, meanConfidence: 90)]
        }
        func ocr(_ image: Data, region: AccentedName.Region, of page: OCRPage, languages: String) async throws -> String {
            ""
        }
        func ocrLanguages() async throws -> (pages: Set<String>, installed: Set<String>) { (["eng"], ["eng"]) }
    }

    @Test func theTextLayersSpellingOfTheSellerSurvivesAnOCRReadingOfTheRest() async throws {
        let pages = FixedPages(
            layer: "Bäckerei Müller GmbH\nHauptstraße 5, 10115 Berlin",
            scanned: """
                Backerei Muller GmbH
                Hauptstrabe 5, 10115 Berlin
                Rechnungsdatum: 03.11.2026
                Summe 12,50
                Bar 20,00
                Rückgeld 7,50
                """)
        let reference = try #require(CalendarDay(year: 2026, month: 11, day: 20))
        let (extraction, _) = try await OfflineBillReader(pages: pages).read(Data(), isPDF: true, reference: reference)
        #expect(extraction.payee?.value == "Bäckerei Müller GmbH")
        #expect(extraction.total?.value == Decimal(1250) / 100)
        #expect(extraction.invoiceDate?.value == CalendarDay(year: 2026, month: 11, day: 3))
    }
}
