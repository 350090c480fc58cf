import Foundation

/// PDFs with poppler's tools: the text layer when the PDF has one (`pdftotext -layout`, which keeps columns
/// aligned), else the pages rendered as images for OCR (`pdftoppm`). The file goes to the tools through a private
/// temporary folder that is removed afterwards.
public struct PDFReader: Sendable {
    public var timeout: Duration = .seconds(30)
    /// Bills are short; a long PDF is read by its first pages (where seller, date and totals are).
    public var maxPages = 3
    public var dpi = 300

    public init() {}

    public enum Failure: Error, CustomStringConvertible {
        case toolMissing(String)
        case toolFailed(String, status: Int32, message: String)
        case timedOut(String)

        public var description: String {
            switch self {
            case .toolMissing(let tool): "\(tool) is not installed (poppler-utils)"
            case .toolFailed(let tool, let status, let message): "\(tool) exited with \(status): \(message)"
            case .timedOut(let tool): "\(tool) took too long"
            }
        }
    }

    /// The text layer, "" when the PDF has none (a scan).
    public func textLayer(of pdf: Data) async throws -> String {
        try await withTemporaryFile(pdf) { folder, file in
            let output = try await Self.run("pdftotext", ["-layout", "-l", "\(maxPages)", file.path, "-"], timeout: timeout)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The first pages as PNG images.
    public func renderPages(of pdf: Data) async throws -> [Data] {
        try await withTemporaryFile(pdf) { folder, file in
            let prefix = folder.appendingPathComponent("page")
            _ = try await Self.run("pdftoppm", ["-r", "\(dpi)", "-png", "-f", "1", "-l", "\(maxPages)", file.path, prefix.path],
                                   timeout: timeout)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted()
            return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
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

    /// Runs a tool found on PATH and returns its standard output; stops it after `timeout`.
    static func run(_ tool: String, _ arguments: [String], timeout: Duration) async throws -> Data {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw Failure.toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let finished = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in finished.continuation.finish() }
        try process.run()
        // Read while it runs (a full pipe would stop the tool), on threads outside Swift's cooperative pool.
        async let output = readAll(stdout.fileHandleForReading)
        async let message = readAll(stderr.fileHandleForReading)
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        for await _ in finished.stream {}
        watchdog.cancel()
        let (out, err) = await (output, message)
        if process.terminationReason == .uncaughtSignal { throw Failure.timedOut(tool) }
        guard process.terminationStatus == 0 else {
            throw Failure.toolFailed(tool, status: process.terminationStatus,
                                     message: String(decoding: err.prefix(300), as: UTF8.self))
        }
        return out
    }

    /// Reads a pipe to its end on a thread of its own (GCD's global queues share threads with Swift's pool on Linux).
    private static func readAll(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }
}
