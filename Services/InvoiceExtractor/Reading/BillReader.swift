import BillReading
import BillScanning
import FintrakCore
import Foundation
import Logging

/// A file in, the bill's fields out: offline (a PDF's text layer, OCR of images and rendered pages) or — with
/// `EXTRACTOR_BACKEND=openai` — a vision model, with the offline reader whenever the model fails.
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
        let offline = OfflineBillReader(pages: LocalBillPages(ocr: ocr, pdf: pdf))
        let (extraction, source) = try await offline.read(file.data, isPDF: file.kind == .pdf, reference: reference)
        return (extraction, source == .textLayer ? .textLayer : .ocr)
    }

    /// The model sees images: photos as sent, a PDF's first page rendered.
    private func modelImages(of file: MediaFile) async throws -> [MediaFile] {
        guard file.kind == .pdf else { return [file] }
        return try await pdf.renderPages(of: file.data, as: .jpeg, pages: 1).map { MediaFile(data: $0, kind: .jpeg) }
    }
}
