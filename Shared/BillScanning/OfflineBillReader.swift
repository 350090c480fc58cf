import BillReading
import FintrakCore
import Foundation

/// Where the offline reader gets a document's text: a PDF's text layer, and words with boxes read by OCR from each
/// page. The service reads them with Tesseract and poppler (`LocalBillPages`); the bench keeps them in a cache.
public protocol BillPages: Sendable {
    /// The text layer of a PDF, laid out in columns; "" for a scan.
    func textLayer(ofPDF pdf: Data) async throws -> String
    /// The words of a PDF's text layer with their boxes; empty for a scan.
    func textWords(ofPDF pdf: Data) async throws -> [PageWord]
    /// What OCR reads on each page with `layout`: an image is one page, a PDF's first pages are rendered.
    func ocr(_ document: Data, isPDF: Bool, layout: PageLayout) async throws -> [OCRPage]
    /// What OCR reads in `region` of an image read before as `page`, in `languages` ("fra", "deu+fra").
    func ocr(_ image: Data, region: AccentedName.Region, of page: OCRPage, languages: String) async throws -> String
    /// The languages pages are read in (`OCR_LANGUAGES`) and those whose data is installed, as Tesseract names them.
    func ocrLanguages() async throws -> (pages: Set<String>, installed: Set<String>)
}

/// Tesseract and poppler on this machine.
public struct LocalBillPages: BillPages {
    let ocr: TesseractOCR
    let pdf: PDFReader

    public init(ocr: TesseractOCR, pdf: PDFReader = PDFReader()) {
        self.ocr = ocr
        self.pdf = pdf
    }

    public func textLayer(ofPDF pdf: Data) async throws -> String {
        try await self.pdf.textLayer(of: pdf)
    }

    public func textWords(ofPDF pdf: Data) async throws -> [PageWord] {
        try await self.pdf.textWords(of: pdf)
    }

    public func ocr(_ document: Data, isPDF: Bool, layout: PageLayout) async throws -> [OCRPage] {
        let images = isPDF ? try await pdf.renderPages(of: document, as: .pixMap) : [document]
        var pages: [OCRPage] = []
        for image in images { pages.append(try await ocr.recognize(image: image, layout: layout)) }
        return pages
    }

    public func ocr(_ image: Data, region: AccentedName.Region, of page: OCRPage, languages: String) async throws
        -> String
    {
        try await ocr.recognize(region: region, of: image, readAs: page, languages: languages)
    }

    public func ocrLanguages() async throws -> (pages: Set<String>, installed: Set<String>) {
        (Set(ocr.languages.split(separator: "+").map(String.init)), try await ocr.installedLanguages())
    }
}

/// A file in, the bill's fields out, offline: a PDF's text layer when it has one, OCR of the image or the rendered
/// pages otherwise.
public struct OfflineBillReader: Sendable {
    let pages: any BillPages

    /// Which way the bill was read, for logs and metrics.
    public enum Source: String, Sendable {
        case textLayer = "pdf_text", ocr
    }

    public init(pages: any BillPages) {
        self.pages = pages
    }

    public func read(_ document: Data, isPDF: Bool, reference: CalendarDay) async throws -> (InvoiceExtraction, Source) {
        if isPDF {
            let text = try await pages.textLayer(ofPDF: document)
            if PDFReader.hasText(text) {
                // Two views, as for OCR: poppler's layout, and the words placed by their boxes (a label and its
                // amount on one row even where the PDF keeps them in separate blocks); the surer reading wins.
                let words = try await pages.textWords(ofPDF: document)
                let byLayout = InvoiceParser.parse(text, reference: reference)
                let extraction = words.isEmpty
                    ? byLayout : byLayout.merging(InvoiceParser.parse(PageText.text(of: words), reference: reference))
                if extraction.isGoodEnough { return (extraction, .textLayer) }
                // A text layer that does not read as a bill (only a stamp or header as text): try the pages' pixels,
                // field by field. Ties keep the text layer, whose letters are exact where OCR's are guesses (ß, é).
                let scanned = try await readPages(document, isPDF: true, reference: reference)
                return (extraction.merging(scanned), scanned.quality > extraction.quality ? .ocr : .textLayer)
            }
        }
        return (try await readPages(document, isPDF: isPDF, reference: reference), .ocr)
    }

    /// OCR with automatic layout; when that misses something essential, once more as single blocks of lines (which
    /// keeps lines automatic layout sometimes drops on receipts), each field from the reading surer of it.
    func readPages(_ document: Data, isPDF: Bool, reference: CalendarDay) async throws -> InvoiceExtraction {
        let (first, firstRead) = try await parse(document, isPDF: isPDF, layout: .automatic, reference: reference)
        var extraction = first, read = firstRead
        if !first.isGoodEnough {
            let (second, secondRead) = try await parse(document, isPDF: isPDF, layout: .singleBlock, reference: reference)
            extraction = first.merging(second)
            read += secondRead
        }
        // A rendered PDF page would have to be rendered again: only an image's seller is read again.
        guard !isPDF, let payee = extraction.payee,
              let accented = await payeeReadAgain(payee.value, of: document, read: read) else { return extraction }
        extraction.payee?.value = accented
        return extraction
    }

    /// The seller's name with the accents its line shows when read in the bill's own languages or its legal form's
    /// (see `AccentedName`); nil when neither is written with accents or the line was not found. A failed re-reading keeps the first.
    private func payeeReadAgain(_ name: String, of image: Data, read: [OCRPage]) async -> String? {
        let billLanguages = AccentedName.languages(of: read.map(\.text).joined(separator: "\n"))
            .union(AccentedName.languages(ofLegalFormIn: name))
        guard !billLanguages.isEmpty, let ocrLanguages = try? await pages.ocrLanguages(),
              let languages = AccentedName.rereadLanguages(bill: billLanguages, installed: ocrLanguages.installed,
                                                           pageRead: ocrLanguages.pages) else { return nil }
        for page in read {
            guard let region = AccentedName.region(of: name, in: page.words) else { continue }
            guard let again = try? await pages.ocr(image, region: region, of: page, languages: languages) else { return nil }
            return AccentedName.restoringAccents(name, from: again)
        }
        return nil
    }

    private func parse(_ document: Data, isPDF: Bool, layout: PageLayout, reference: CalendarDay) async throws
        -> (InvoiceExtraction, [OCRPage])
    {
        let read = try await pages.ocr(document, isPDF: isPDF, layout: layout)
        // Two views of the same page: Tesseract's lines (block by block) and the words laid out by their boxes
        // (label and amount on one row even when OCR put them in separate blocks); the surer reading wins.
        let byLines = InvoiceParser.parse(read.map(\.text).joined(separator: "\n"), reference: reference)
        let byBoxes = InvoiceParser.parse(read.map { PageText.text(of: $0.words) }.joined(separator: "\n"), reference: reference)
        return (byLines.merging(byBoxes), read)
    }
}
