import AnswerFormatting
import FintrakChildProcess
import FintrakCore
import FintrakDocuments
import Foundation
@testable import QueryGenerator
import QuestionSamples
import QuestionUnderstanding
import Testing

@Suite struct FileWriterTests {
    static let sheet = Spreadsheet(
        filename: "bills.xlsx", title: "Bills",
        columns: [.init(title: "Date", width: 12), .init(title: "Payee", width: 20), .init(title: "Total", width: 12)],
        rows: [[.date(CalendarDay(year: 2026, month: 3, day: 5)!), .text("DMart & Co <Pune>"), .money(Decimal(string: "1234.50")!)],
               [.date(CalendarDay(year: 2026, month: 3, day: 6)!), .text("Swiggy"), .money(Decimal(string: "99.99")!)]],
        totals: [.text("Total"), .integer(2), .money(Decimal(string: "1334.49")!)])

    /// The .xlsx opened again: its sheet and shared strings as text, unzipped with the system's unzip.
    func members(of data: Data) throws -> [String: String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("test-\(UUID().uuidString).xlsx")
        try data.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        var members: [String: String] = [:]
        for name in ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"] {
            let unzipped = try ChildProcess("/usr/bin/unzip", ["-p", path.path, name]).runOnThisThread()
            try #require(unzipped.succeeded, "\(name) missing")
            members[name] = unzipped.outputText
        }
        return members
    }

    @Test func spreadsheetsReadBackWithTypedCellsAndTotals() throws {
        let data = try XLSXWriter.data(for: Self.sheet)
        #expect(data.prefix(2) == Data("PK".utf8))
        let files = try members(of: data)
        let strings = try #require(files["xl/sharedStrings.xml"])
        for text in ["Date", "Payee", "Total", "DMart &amp; Co &lt;Pune&gt;", "Swiggy"] {
            #expect(strings.contains(text), "\(text)")
        }
        let sheet = try #require(files["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<v>1234.5</v>"))
        #expect(cellValue("C3", in: sheet).flatMap(Double.init) == 99.99)
        #expect(sheet.contains("<f>SUM(C2:C3)</f><v>1334.49</v>"))
        #expect(sheet.contains("<v>46086</v>"), "5 Mar 2026 as an Excel date serial")
        #expect(sheet.contains("<pane ySplit=\"1\""), "the header row stays in view")
        #expect(try #require(files["xl/styles.xml"]).contains("d mmm yyyy"))
    }

    /// The `<v>` of a cell in sheet XML.
    func cellValue(_ reference: String, in sheet: String) -> String? {
        guard let cell = sheet.range(of: "<c r=\"\(reference)\""),
              let start = sheet.range(of: "<v>", range: cell.upperBound..<sheet.endIndex),
              let end = sheet.range(of: "</v>", range: start.upperBound..<sheet.endIndex) else { return nil }
        return String(sheet[start.upperBound..<end.lowerBound])
    }

    @Test func anEmptySheetStillOpens() throws {
        let empty = Spreadsheet(filename: "e.xlsx", title: "Empty", columns: [.init(title: "Payee", width: 10)], rows: [],
                                totals: [.empty])
        #expect(try members(of: XLSXWriter.data(for: empty))["xl/sharedStrings.xml"]?.contains("Payee") == true)
    }

    @Test func chartsArePNGsOfTheirSize() throws {
        let chart = BarChart(filename: "c.png", title: "Spending by month", currency: "INR",
                             bars: [.init(label: "Sep 26", value: 126501), .init(label: "Oct 26", value: Decimal(string: "109317.76")!)])
        let png = try ChartRenderer.png(for: chart)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((width, height) == (ChartRenderer.width, ChartRenderer.height))
        #expect(try ChartRenderer.png(for: BarChart(filename: "e.png", title: "Nothing", currency: "INR", bars: [])).count > 100)
    }

    @Test func pngChunksCarryTheirCRCAndRowsAreFilteredAgainstTheRowAbove() {
        #expect(PNGImage.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGImage.chunk("IEND", []) == Data([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]))
        // 2×2: the first row as it is (filter 0), the second as its difference from the first (filter 2).
        let rgb: [UInt8] = [10, 20, 30, 200, 100, 0, 10, 25, 30, 100, 100, 255]
        #expect(PNGImage.scanlines(rgb, width: 2, height: 2) == [0, 10, 20, 30, 200, 100, 0, 2, 0, 5, 0, 156, 0, 255])
    }

    /// The PNG read back by an independent reader (Python's zlib, the filters undone by the PNG rules) gives the
    /// pixels it was made from.
    @Test func pngsReadBackToTheirPixels() throws {
        let width = 5, height = 4
        let rgb: [UInt8] = (0..<(width * height * 3)).map { (index: Int) -> UInt8 in UInt8((index * 37 + index / 7) % 256) }
        let png = try PNGImage.encode(rgb: rgb, width: width, height: height)
        let reader = """
            import sys, zlib, struct
            data = sys.stdin.buffer.read(); pos = 8; idat = b""
            while pos < len(data):
                n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]
                assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0]
                if kind == b"IHDR": w, h = struct.unpack(">II", body[:8])
                if kind == b"IDAT": idat += body
                pos += 12 + n
            raw = zlib.decompress(idat); row = w * 3; out = []; prior = [0] * row
            for y in range(h):
                kind, line = raw[y * (row + 1)], list(raw[y * (row + 1) + 1:(y + 1) * (row + 1)])
                assert kind in (0, 2)
                line = [(b + (prior[i] if kind == 2 else 0)) % 256 for i, b in enumerate(line)]
                out += line; prior = line
            print(w, h, bytes(out).hex())
            """
        let printed = try ChildProcess("python3", ["-c", reader], input: png).runOnThisThread().outputText
        let hex = rgb.map { String(format: "%02x", $0) }.joined()
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "\(width) \(height) \(hex)")
    }

    @Test(arguments: [("950", "INR", "₹950"), ("12345", "INR", "₹12.3K"), ("187036.56", "INR", "₹1.9L"),
                      ("25000000", "INR", "₹2.5Cr"), ("2500000", "USD", "$2.5M")])
    func barLabelsAreCompact(amount: String, currency: String, expected: String) {
        #expect(ChartRenderer.compact(Decimal(string: amount)!, currency: currency) == expected)
    }
}
