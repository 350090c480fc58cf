import BillReading
import FintrakChildProcess
import Foundation

/// PDFs with poppler's tools: the text layer when the PDF has one (`pdftotext -layout`, which keeps columns
/// aligned, and its words with their boxes from `-bbox-layout`), else the pages rendered as images for OCR
/// (`pdftoppm`). The file goes to the tools through a private
/// temporary folder that is removed afterwards; the tools run with an empty environment, under `limits`.
public struct PDFReader: Sendable {
    public var timeout: Duration = .seconds(30)
    /// Bills are short; a long PDF is read by its first pages (where seller, date and totals are).
    public var maxPages = 3
    public var dpi = 300
    public var limits = ToolLimits()

    public init() {}

    /// What a poppler tool may use: PDFs come from strangers, and one crafted to take all memory or time must cost
    /// one refused bill, not the extractor.
    public struct ToolLimits: Sendable {
        /// Address space (RLIMIT_AS): rendering three A4 pages at 300 dpi needs well under this.
        public var memoryBytes = 1 << 30
        /// CPU seconds (RLIMIT_CPU), beside the wall-clock `timeout`.
        public var cpuSeconds = 20
        /// Standard output read, and the largest file the tool may write (RLIMIT_FSIZE): a page rendered uncompressed
        /// takes 3 bytes a pixel, 26 MB for A4 at 300 dpi and 120 MB at `maxPagePixels`.
        public var outputBytes = 128 << 20

        public init() {}

        var prlimitArguments: [String] {
            ["--as=\(memoryBytes)", "--cpu=\(cpuSeconds)", "--fsize=\(outputBytes)", "--core=0", "--nofile=64"]
        }
    }

    /// More pages than this is no bill (a 5,000-page PDF is an attack or a mistake): refused before reading.
    public var maxDocumentPages = 50
    /// The most pixels a rendered page may have (as `TesseractOCR.maxPixels`): a page the size of a wall is refused.
    public var maxPagePixels = 40_000_000

    /// The text layer, "" when the PDF has none (a scan).
    public func textLayer(of pdf: Data) async throws -> String {
        try await withTemporaryFile(pdf) { folder, file in
            try await checkShape(of: file)
            let output = try await Self.run("pdftotext", ["-layout", "-l", "\(maxPages)", file.path, "-"], timeout: timeout,
                                            limits: limits)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The text layer's words with their boxes in points (`pdftotext -bbox-layout`), pages stacked top to bottom;
    /// empty when the PDF has no text layer.
    public func textWords(of pdf: Data) async throws -> [PageWord] {
        try await withTemporaryFile(pdf) { folder, file in
            try await checkShape(of: file)
            let output = try await Self.run("pdftotext", ["-bbox-layout", "-l", "\(maxPages)", file.path, "-"],
                                            timeout: timeout, limits: limits)
            return PDFWordBoxes.words(inXHTML: String(decoding: output, as: UTF8.self))
        }
    }

    /// How rendered pages are written. Never PNG: compressing a 300 dpi colour page costs pdftoppm about 5 s of CPU,
    /// against 0.1 s for either of these.
    public enum PageImageFormat: Sendable {
        /// Uncompressed (PPM): the pixels PNG would hold, for OCR, which reads them once and throws them away.
        case pixMap
        /// JPEG: small, for a vision model that takes pictures over HTTP.
        case jpeg

        var pdftoppmArguments: [String] {
            switch self {
            case .pixMap: []
            case .jpeg: ["-jpeg", "-jpegopt", "quality=90"]
            }
        }

        var fileExtension: String {
            switch self {
            case .pixMap: ".ppm"
            case .jpeg: ".jpg"
            }
        }
    }

    /// The first `pages` pages (at most `maxPages`) as images.
    public func renderPages(of pdf: Data, as format: PageImageFormat, pages: Int? = nil) async throws -> [Data] {
        let last = min(pages ?? maxPages, maxPages)
        return try await withTemporaryFile(pdf) { folder, file in
            try await checkShape(of: file)
            let prefix = folder.appendingPathComponent("page")
            _ = try await Self.run("pdftoppm", ["-r", "\(dpi)"] + format.pdftoppmArguments
                                       + ["-f", "1", "-l", "\(last)", file.path, prefix.path],
                                   timeout: timeout, limits: limits)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("page") && $0.hasSuffix(format.fileExtension) }.sorted()
            return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        }
    }

    /// Refuses a PDF with too many pages, or with a first page that would render to too many pixels (`pdfinfo`).
    private func checkShape(of file: URL) async throws {
        let info = try await Self.run("pdfinfo", ["-f", "1", "-l", "\(maxPages)", file.path], timeout: timeout, limits: limits)
        let shape = Shape(pdfinfo: String(decoding: info, as: UTF8.self))
        if shape.pages > maxDocumentPages { throw PDFReadingError.tooManyPages(shape.pages, limit: maxDocumentPages) }
        let scale = Double(dpi) / 72
        for (width, height) in shape.pageSizes where width * scale * height * scale > Double(maxPagePixels) {
            throw PDFReadingError.pageTooLarge(width: width, height: height)
        }
    }

    /// What `pdfinfo` says of a PDF's size: its page count and the sizes (in points) of the pages it listed.
    struct Shape {
        var pages = 0
        var pageSizes: [(width: Double, height: Double)] = []

        /// Reads "Pages:          3" and "Page    1 size: 420 x 600 pts" lines; anything else is ignored.
        init(pdfinfo text: String) {
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: \.isWhitespace)
                if words.first == "Pages:", words.count >= 2, let count = Int(words[1]) { pages = count }
                if let size = words.firstIndex(of: "size:"), words.first == "Page",
                   words.count > size + 3, words[size + 2] == "x",
                   let width = Double(words[size + 1]), let height = Double(words[size + 3]) {
                    pageSizes.append((width, height))
                }
            }
        }
    }

    /// Whether extracted text is a real text layer rather than nothing or stray marks.
    public static func hasText(_ text: String) -> Bool {
        text.filter { $0.isLetter || $0.isNumber }.count >= 20
    }

    private func withTemporaryFile<T: Sendable>(_ data: Data, _ body: (URL, URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fintrak-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bill.pdf")
        try data.write(to: file)
        return try await body(folder, file)
    }

    /// Runs a tool found on PATH and returns its standard output. The tool reads files from strangers, so it gets
    /// an empty environment (no secret to leak), runs under `prlimit` with `limits`, and is killed when it runs past
    /// `timeout` or writes more than `limits.outputBytes` (or 64 KB of errors).
    static func run(_ tool: String, _ arguments: [String], timeout: Duration, limits: ToolLimits = ToolLimits()) async throws -> Data {
        guard let path = executable(tool) else { throw PDFReadingError.toolMissing(tool) }
        guard let prlimit = executable("prlimit") else { throw PDFReadingError.toolMissing("prlimit") }
        let child = ChildProcess(prlimit, limits.prlimitArguments + ["--", path] + arguments, environment: [:],
                                 timeout: timeout, maxOutputBytes: limits.outputBytes, maxErrorBytes: 64 * 1024)
        let result: ChildOutput
        do {
            result = try await child.run()
        } catch ChildProcessError.timedOut {
            throw PDFReadingError.timedOut(tool)
        } catch ChildProcessError.outputTooLarge(_, _, let limit) {
            throw PDFReadingError.outputTooLarge(tool, limit: limit)
        }
        guard result.succeeded else {
            throw PDFReadingError.toolFailed(tool, termination: result.termination, message: String(result.errorText.prefix(300)))
        }
        return result.standardOutput
    }

    private static func executable(_ tool: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Why `PDFReader` could not read a PDF: a poppler tool missing, failing or over a limit, or a document too big.
public enum PDFReadingError: Error, CustomStringConvertible {
    case toolMissing(String)
    case toolFailed(String, termination: Termination, message: String)
    case timedOut(String)
    case outputTooLarge(String, limit: Int)
    case tooManyPages(Int, limit: Int)
    case pageTooLarge(width: Double, height: Double)

    public var description: String {
        switch self {
        case .toolMissing(let tool): "\(tool) is not installed (poppler-utils, util-linux)"
        case .toolFailed(let tool, let termination, let message): "\(tool) \(termination): \(message)"
        case .timedOut(let tool): "\(tool) took too long"
        case .outputTooLarge(let tool, let limit): "\(tool) wrote more than \(limit) bytes"
        case .tooManyPages(let pages, let limit): "the PDF has \(pages) pages, over the limit of \(limit)"
        case .pageTooLarge(let width, let height): "a page of \(Int(width)) × \(Int(height)) points is too large to render"
        }
    }
}
