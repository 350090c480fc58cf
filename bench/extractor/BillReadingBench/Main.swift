import BillReading
import BillScanning
import Crypto
import FintrakCore
import Foundation

/// Reads every bill in a folder with the service's offline reader and prints one JSON line per file with the fields
/// the service would store. OCR words are kept per file and layout in a cache folder, so that a change to the parser
/// is measured in seconds: `bench/extractor/score.py` runs this and scores the lines against `truth.jsonl`.
///
///   bill-reading-bench FIXTURES [--cache DIR] [--workers N] [--tesseract-text] [--show FILE]
///   bill-reading-bench --revision    (the OCR revision the cache entries are named by)
@main
struct BillReadingBench {
    static func main() async throws {
        TesseractOCR.restartWithSingleThreadedOpenMPIfNeeded()
        var arguments = Array(CommandLine.arguments.dropFirst())
        let usage = "usage: bill-reading-bench FIXTURES [--cache DIR] [--workers N] [--tesseract-text] [--show FILE]\n"
            + "       bill-reading-bench --revision\n"
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage, terminator: "")
            return
        }
        if arguments == ["--revision"] {
            print(TesseractOCR.revision)
            return
        }
        func option(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(i...(i + 1)) }
            return arguments[i + 1]
        }
        let cache = option("--cache").map { URL(fileURLWithPath: $0) }
        let tesseractText = arguments.contains("--tesseract-text")
        arguments.removeAll { $0 == "--tesseract-text" }
        let workers = option("--workers").flatMap(Int.init) ?? 2
        let show = option("--show")
        // Whatever is left must be the one folder: an option misspelt or missing its value is not taken for one.
        guard arguments.count == 1, let folder = arguments.first, !folder.hasPrefix("-") else {
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { ["jpg", "jpeg", "png", "webp", "pdf"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        let ocr = TesseractOCR(workers: workers, language: ProcessInfo.processInfo.environment["OCR_LANGUAGES"] ?? "eng")
        defer { ocr.close() }
        let local = LocalBillPages(ocr: ocr)
        let cached: any BillPages = cache.map { CachedBillPages(base: local, folder: $0) } ?? local
        let pages: any BillPages = tesseractText ? TesseractTextPages(base: cached) : cached
        if let name = show {
            // The text the parser reads: a PDF's text layer (both views), then both OCR layouts, for looking at one bill.
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
            let isPDF = name.lowercased().hasSuffix(".pdf")
            var views: [(heading: String, texts: [(String, String)])] = []
            if isPDF {
                let layer = try await pages.textLayer(ofPDF: data)
                if PDFReader.hasText(layer) {
                    let byWords = PageText.text(of: try await pages.textWords(ofPDF: data))
                    views.append(("pdf_text (words)\n" + byWords, [("layout", layer), ("words", byWords)]))
                }
            }
            for layout in [PageLayout.automatic, .singleBlock] {
                let read = try await pages.ocr(data, isPDF: isPDF, layout: layout)
                let byBoxes = read.map { PageText.text(of: $0.words) }.joined(separator: "\n")
                views.append(("\(layout.rawValue)\n" + byBoxes, [("boxes", byBoxes), ("lines", read.map(\.text).joined(separator: "\n"))]))
            }
            for (heading, texts) in views {
                print("--- " + heading)
                for (view, text) in texts {
                    let x = InvoiceParser.parse(text, reference: CalendarDay(Date(), in: .gmt))
                    print("=> \(view): payee \(x.payee.map { "\($0.value) \($0.confidence)" } ?? "-"), "
                          + "date \(x.invoiceDate.map { "\($0.value) \($0.confidence)" } ?? "-"), "
                          + "total \(x.total.map { "\($0.value) \($0.confidence)" } ?? "-"), "
                          + "number \(x.invoiceNumber.map { "\($0.value) \($0.confidence)" } ?? "-"), "
                          + "tax \(x.tax.value.map { "\($0) \(x.tax.confidence)" } ?? "-"), "
                          + "payment \(x.paymentMethod.map { "\($0.value)" } ?? "-"), "
                          + "gstin \(x.gstin.map { "\($0.value) \($0.confidence)" } ?? "-")")
                }
            }
            return
        }
        let reader = OfflineBillReader(pages: pages)
        let today = CalendarDay(Date(), in: .gmt)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            var lines: [Int: String] = [:]
            var printed = 0
            func start() {
                guard next < files.count else { return }
                let index = next
                next += 1
                let name = files[index]
                group.addTask {
                    let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
                    let started = ContinuousClock.now
                    do {
                        let (extraction, source) = try await reader.read(data, isPDF: name.lowercased().hasSuffix(".pdf"),
                                                                         reference: today)
                        let seconds = (ContinuousClock.now - started) / .seconds(1)
                        return (index, line(file: name, extraction, source: source, received: today, seconds: seconds))
                    } catch {
                        // One bill the reader gave up on (a tool timed out on a loaded machine) is a miss, not the end
                        // of the run; it is not cached, so the next run reads it again.
                        return (index, failure(file: name, error))
                    }
                }
            }
            for _ in 0..<workers { start() }
            for try await (index, text) in group {
                lines[index] = text
                while let ready = lines.removeValue(forKey: printed) {
                    print(ready)
                    printed += 1
                }
                start()
            }
        }
    }

    static func failure(file: String, _ error: any Error) -> String {
        let object = ["file": file, "error": "\(error)"]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The record the service would store for the bill (payee and date filled in when missing), as JSON.
    static func line(file: String, _ extraction: InvoiceExtraction, source: OfflineBillReader.Source,
                     received: CalendarDay, seconds: Double) -> String {
        var object: [String: Any] = ["file": file, "source": source.rawValue, "seconds": seconds]
        if let (record, confidences) = extraction.draft(category: nil, received: received),
           let data = try? JSONEncoder().encode(record),
           let fields = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            object.merge(fields) { a, _ in a }
            object["confidence"] = confidences
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Tesseract's own text lines in place of the words laid out by their boxes: how the reader worked before it read
/// positions (`--tesseract-text`, for comparing).
struct TesseractTextPages: BillPages {
    let base: any BillPages

    func textLayer(ofPDF pdf: Data) async throws -> String {
        try await base.textLayer(ofPDF: pdf)
    }

    func textWords(ofPDF pdf: Data) async throws -> [PageWord] {
        try await base.textWords(ofPDF: pdf)
    }

    func ocr(_ document: Data, isPDF: Bool, layout: PageLayout) async throws -> [OCRPage] {
        try await base.ocr(document, isPDF: isPDF, layout: layout).map { page in
            var page = page
            // One "word" per line of Tesseract's text, each on a row of its own, so the layout keeps them as they are.
            page.words = page.text.split(whereSeparator: \.isNewline).enumerated().map { row, line in
                PageWord(String(line), left: 0, top: Double(row * 20), right: Double(line.count * 10),
                         bottom: Double(row * 20 + 14))
            }
            return page
        }
    }

    /// The boxes above are made up: no part of a page is read again.
    func ocr(_ image: Data, region: AccentedName.Region, of page: OCRPage, languages: String) async throws -> String {
        ""
    }

    func ocrLanguages() async throws -> (pages: Set<String>, installed: Set<String>) {
        try await base.ocrLanguages()
    }
}

/// OCR words and text layers kept on disk, one JSON file per document and layout, named by the document's SHA-256.
struct CachedBillPages: BillPages {
    let base: any BillPages
    let folder: URL

    func textLayer(ofPDF pdf: Data) async throws -> String {
        let file = entry(pdf, "text")
        if let data = try? Data(contentsOf: file) { return String(decoding: data, as: UTF8.self) }
        let text = try await base.textLayer(ofPDF: pdf)
        try store(Data(text.utf8), at: file)
        return text
    }

    func textWords(ofPDF pdf: Data) async throws -> [PageWord] {
        let file = entry(pdf, "words")
        if let data = try? Data(contentsOf: file), let words = try? JSONDecoder().decode([PageWord].self, from: data) {
            return words
        }
        let words = try await base.textWords(ofPDF: pdf)
        try store(try JSONEncoder().encode(words), at: file)
        return words
    }

    func ocr(_ document: Data, isPDF: Bool, layout: PageLayout) async throws -> [OCRPage] {
        let file = entry(document, layout.rawValue)
        if let data = try? Data(contentsOf: file), let pages = try? JSONDecoder().decode([OCRPage].self, from: data) {
            return pages
        }
        let pages = try await base.ocr(document, isPDF: isPDF, layout: layout)
        try store(try JSONEncoder().encode(pages), at: file)
        return pages
    }

    /// A part of a page read again, kept by the page, the part and the languages.
    func ocr(_ image: Data, region: AccentedName.Region, of page: OCRPage, languages: String) async throws -> String {
        let box = [region.left, region.top, region.right, region.bottom].map { String(Int($0.rounded())) }
        let file = entry(image, "region-\(box.joined(separator: "-"))-\(page.frame.map { "\($0.quarterTurns)-\($0.scale)" } ?? "none")-\(languages)")
        if let data = try? Data(contentsOf: file) { return String(decoding: data, as: UTF8.self) }
        let text = try await base.ocr(image, region: region, of: page, languages: languages)
        try store(Data(text.utf8), at: file)
        return text
    }

    func ocrLanguages() async throws -> (pages: Set<String>, installed: Set<String>) {
        try await base.ocrLanguages()
    }

    private func entry(_ document: Data, _ kind: String) -> URL {
        let digest = SHA256.hash(data: document).map { String(format: "%02x", $0) }.joined()
        return folder.appendingPathComponent("\(digest.prefix(24))-\(kind)-r\(TesseractOCR.revision).json")
    }

    private func store(_ data: Data, at file: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: file, options: .atomic)
    }
}
