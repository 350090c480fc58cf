import BillScanning
import FintrakTestSupport
import Foundation
import Testing

/// What the image preparation before Tesseract must keep legible on photographed bills.
@Suite("Photo preparation")
struct PhotoPreparationTests {
    /// The grey levels of a rendered page (a binary PPM, "P6 width height 255" then RGB bytes).
    static func grey(_ ppm: Data) throws -> (width: Int, height: Int, levels: [UInt8]) {
        var fields: [String] = [], field = "", index = ppm.startIndex
        while fields.count < 4, index < ppm.endIndex {
            let byte = ppm[index]
            index += 1
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                if !field.isEmpty { fields.append(field) }
                field = ""
            } else {
                field.append(Character(UnicodeScalar(byte)))
            }
        }
        let width = try #require(Int(fields[1])), height = try #require(Int(fields[2]))
        let rgb = [UInt8](ppm[index...])
        try #require(fields[0] == "P6" && rgb.count == width * height * 3)
        return (width, height, (0..<width * height).map { rgb[$0 * 3 + 1] })
    }

    /// `page` faded (ink at 165, paper at 205, as old thermal print photographed in dim light), sheared as a page
    /// photographed a few degrees askew, on a table as dark as the ink, as a grey PGM.
    static func fadedAndAskewOnATable(_ page: (width: Int, height: Int, levels: [UInt8])) -> Data {
        let margin = page.height / 10, shear = 0.08
        let width = page.width + 2 * margin + Int(Double(page.height) * shear), height = page.height + 2 * margin
        var levels = [UInt8](repeating: 165, count: width * height)
        for y in 0..<page.height {
            let left = margin + Int(Double(y) * shear)
            for x in 0..<page.width {
                levels[(margin + y) * width + left + x] = UInt8(205 - (255 - Int(page.levels[y * page.width + x])) * 40 / 255)
            }
        }
        return Data("P5\n\(width) \(height)\n255\n".utf8) + Data(levels)
    }

    @Test func fadedPrintOnATableIsRead() async throws {
        // The paper's bounding box takes in corners of the table; painted white, they were the page's lightest class
        // and Tesseract's one level split the grey paper from them, reading the page as one block of ink.
        var reader = PDFReader()
        reader.dpi = 150
        let rendered = try await reader.renderPages(of: TestBills.pdf(lines: TestBills.sharmaTraders), as: .pixMap)[0]
        let photo = Self.fadedAndAskewOnATable(try Self.grey(rendered))
        let ocr = TesseractOCR(workers: 1)
        defer { ocr.close() }
        let text = try await ocr.recognize(image: photo, layout: .automatic).text
        #expect(text.contains("SHARMA TRADERS"))
        #expect(text.contains("1,530.00"))
    }
}
