@testable import BillScanning
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Testing

/// Files made to hurt: sizes come from headers before decoding, poppler runs with no environment and under limits,
/// and a bomb or a 5,000-page PDF is answered with a polite refusal.
@Suite("hostile files")
struct HostileFileTests {
    /// A PNG whose header claims `width` × `height`; what follows is not a real image (nothing may decode it).
    static func pngHeader(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
        bytes += [8, 0, 0, 0, 0] + [UInt8](repeating: 0x78, count: 4096)
        return Data(bytes)
    }

    @Test func imageSizesAreReadFromTheHeader() throws {
        #expect(ImageSize(header: Self.pngHeader(width: 30_000, height: 20_000)) == ImageSize(width: 30_000, height: 20_000))
        // JPEG: an APP0 segment, then SOF2 (progressive) with height 480 and width 640.
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03])
        #expect(ImageSize(header: jpeg) == ImageSize(width: 640, height: 480))
        // WebP, extended: canvas 4000 × 3000 stored as size − 1 in 24 bits.
        var webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        webp += [0x9F, 0x0F, 0x00, 0xB7, 0x0B, 0x00]
        #expect(ImageSize(header: Data(webp)) == ImageSize(width: 4000, height: 3000))
        #expect(ImageSize(header: Data([0xFF, 0xD8, 0xFF])) == nil)
        #expect(ImageSize(header: Data("GIF89a".utf8)) == nil)
        #expect(ImageSize(header: Data("P6\n# rendered\n2550 3300\n255\n".utf8)) == ImageSize(width: 2550, height: 3300))
        #expect(ImageSize(header: Data("P5 2550".utf8)) == nil)
        #expect(ImageSize(header: Data("P52550 3300\n".utf8)) == nil)
        #expect(ImageSize(width: Int.max, height: 3).pixels == .max)
    }

    @Test func aDecompressionBombIsRefusedBeforeDecoding() async throws {
        let ocr = TesseractOCR(workers: 1)
        defer { ocr.close() }
        do {
            _ = try await ocr.recognize(image: Self.pngHeader(width: 30_000, height: 30_000), layout: .automatic)
            Issue.record("a 900-megapixel header was decoded")
        } catch OCRError.tooManyPixels(let size, let limit) {
            #expect(size.pixels == 900_000_000)
            #expect(limit == 40_000_000)
        }
    }

    @Test func popplerToolsInheritNoEnvironment() async throws {
        // This process has DATABASE_URL and the rest (scripts/test.sh exports them); the tool must see none of it.
        #expect(ProcessInfo.processInfo.environment["DATABASE_URL"] != nil)
        let output = try await PDFReader.run("env", [], timeout: .seconds(10))
        #expect(String(decoding: output, as: UTF8.self).isEmpty)
    }

    @Test func aToolThatWritesWithoutEndIsStoppedAtTheOutputCap() async throws {
        var limits = PDFReader.ToolLimits()
        limits.outputBytes = 1 << 20
        do {
            _ = try await PDFReader.run("yes", [], timeout: .seconds(60), limits: limits)
            Issue.record("yes ended by itself")
        } catch PDFReadingError.outputTooLarge(let tool, let limit) {
            #expect(tool == "yes" && limit == 1 << 20)
        }
    }

    @Test func aToolSpinningPastItsCPULimitIsStoppedBeforeTheClockRunsOut() async throws {
        var limits = PDFReader.ToolLimits()
        limits.cpuSeconds = 1
        let started = ContinuousClock.now
        do {
            _ = try await PDFReader.run("sh", ["-c", "while :; do :; done"], timeout: .seconds(120), limits: limits)
            Issue.record("the loop ended by itself")
        } catch PDFReadingError.toolFailed(let tool, _, _) {
            #expect(tool == "sh")
        }
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func pdfinfoShapesAreRead() {
        let shape = PDFReader.Shape(pdfinfo: "Title: x\nPages:          5000\nPage    1 size: 420 x 600 pts\nPage size: 14400 x 14400 pts (A4)\n")
        #expect(shape.pages == 5000)
        #expect(shape.pageSizes.map { [$0.width, $0.height] } == [[420, 600], [14400, 14400]])
    }

    @Test func aFiveThousandPagePDFIsRefusedAndABillAfterItIsRead() async throws {
        let reader = PDFReader()
        do {
            _ = try await reader.textLayer(of: TestBills.pdf(lines: TestBills.sharmaTraders, pages: 5000))
            Issue.record("a 5,000-page PDF was read")
        } catch PDFReadingError.tooManyPages(let pages, _) {
            #expect(pages == 5000)
        }
        do {
            _ = try await reader.renderPages(of: TestBills.pdf(lines: ["HUGE"], mediaBox: "0 0 14400 14400"), as: .pixMap)
            Issue.record("a 200-inch page was rendered")
        } catch PDFReadingError.pageTooLarge(let width, _) {
            #expect(width == 14400)
        }
        let text = try await reader.textLayer(of: TestBills.pdf(lines: TestBills.sharmaTraders, pages: 2))
        #expect(text.contains("SHARMA TRADERS"))
    }
}

extension InvoiceHandlerTests {
    @Test func aBombAndAHugePDFAreAnsweredWithAPoliteRefusal() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/bomb.png": HostileFileTests.pngHeader(width: 50_000, height: 50_000),
                   "/book.pdf": TestBills.pdf(lines: TestBills.sharmaTraders, pages: 5000)],
                  on: server)
            let handler = try handler(server)
            #expect(try await reply(handler, message(media: "/bomb.png", server: server, contentType: "image/png"))
                    == InvoiceReplies.tooBigToRead)
            #expect(try await reply(handler, message(media: "/book.pdf", server: server)) == InvoiceReplies.tooBigToRead)
            #expect(try await count("SELECT count(*) AS n FROM invoices") == 0)
        }
    }
}
