import BillReading
import FintrakCore
import Foundation
import Logging

/// A file in, the bill's fields out: a PDF's text layer when it has one, OCR of the image or the rendered pages
/// otherwise, or — with `EXTRACTOR_BACKEND=openai` — a vision model, with OCR whenever the model fails.
struct BillReader: Sendable {
    let ocr: TesseractOCR
    let pdf: PDFReader
    let vision: VisionModelReader?

    /// Which way the bill was read, for logs and metrics.
    enum Source: String, Sendable {
        case textLayer = "pdf_text", ocr, visionModel = "vision_model"
    }

    func read(_ file: MediaFile, reference: CalendarDay, logger: Logger) async throws -> (InvoiceExtraction, Source) {
        if let vision {
            do {
                let images = try await modelImages(of: file)
                return (try await vision.read(images: images, reference: reference), .visionModel)
            } catch {
                logger.warning("vision model failed; reading with OCR", metadata: ["error": "\(error)"])
            }
        }
        if file.kind == .pdf {
            let text = try await pdf.textLayer(of: file.data)
            if PDFReader.hasText(text) {
                let extraction = InvoiceParser.parse(text, reference: reference)
                if extraction.isGoodEnough { return (extraction, .textLayer) }
                // A text layer that does not read as a bill (only a stamp or header as text): try the pages' pixels.
                let scanned = try await readPages(try await pdf.renderPages(of: file.data), reference: reference)
                return scanned.quality > extraction.quality ? (scanned, .ocr) : (extraction, .textLayer)
            }
            return (try await readPages(try await pdf.renderPages(of: file.data), reference: reference), .ocr)
        }
        return (try await readPages([file.data], reference: reference), .ocr)
    }

    /// OCR with automatic layout; when that misses something essential, once more as single blocks of lines (which
    /// keeps lines automatic layout sometimes drops on receipts), keeping the better reading.
    func readPages(_ pages: [Data], reference: CalendarDay) async throws -> InvoiceExtraction {
        let first = InvoiceParser.parse(try await text(of: pages, layout: .automatic), reference: reference)
        guard !first.isGoodEnough else { return first }
        let second = InvoiceParser.parse(try await text(of: pages, layout: .singleBlock), reference: reference)
        return second.quality > first.quality ? second : first
    }

    private func text(of pages: [Data], layout: PageLayout) async throws -> String {
        var texts: [String] = []
        for page in pages { texts.append(try await ocr.recognize(image: page, layout: layout).text) }
        return texts.joined(separator: "\n")
    }

    /// The model sees images: photos as sent, a PDF's first page rendered.
    private func modelImages(of file: MediaFile) async throws -> [MediaFile] {
        guard file.kind == .pdf else { return [file] }
        return try await pdf.renderPages(of: file.data).prefix(1).map { MediaFile(data: $0, kind: .png) }
    }
}
