import Foundation

/// An image's width and height as its header states them, read before anything decodes it: a few kilobytes
/// can claim gigapixels (a decompression bomb), and decoding first would be too late.
public struct ImageSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Width × height; `Int.max` when that would overflow.
    public var pixels: Int {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? .max : product
    }

    /// The size from a JPEG, PNG, WebP or Netpbm header; nil for anything else or a header cut short.
    public init?(header data: Data) {
        // A JPEG's size follows its metadata segments (EXIF, with a thumbnail, can fill 64 KiB); the rest is never read.
        let bytes = [UInt8](data.prefix(512 * 1024))
        guard let size = Self.png(bytes) ?? Self.webp(bytes) ?? Self.jpeg(bytes) ?? Self.netpbm(bytes) else { return nil }
        self = size
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        return bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= bytes.count else { return nil }
        return bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// The IHDR chunk comes first: width and height at bytes 16 and 20.
    private static func png(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), Array(bytes.dropFirst(12).prefix(4)) == Array("IHDR".utf8),
              let width = bigEndian(bytes, 16, 4), let height = bigEndian(bytes, 20, 4) else { return nil }
        return ImageSize(width: width, height: height)
    }

    /// The first chunk names the format: lossy (`VP8 `), lossless (`VP8L`) or extended (`VP8X`, canvas size).
    private static func webp(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: Array("RIFF".utf8)), Array(bytes.dropFirst(8).prefix(4)) == Array("WEBP".utf8) else { return nil }
        switch String(decoding: bytes.dropFirst(12).prefix(4), as: UTF8.self) {
        case "VP8 ":
            guard let width = littleEndian(bytes, 26, 2), let height = littleEndian(bytes, 28, 2) else { return nil }
            return ImageSize(width: width & 0x3FFF, height: height & 0x3FFF)
        case "VP8L":
            guard let bits = littleEndian(bytes, 21, 4) else { return nil }
            return ImageSize(width: 1 + (bits & 0x3FFF), height: 1 + ((bits >> 14) & 0x3FFF))
        case "VP8X":
            guard let width = littleEndian(bytes, 24, 3), let height = littleEndian(bytes, 27, 3) else { return nil }
            return ImageSize(width: width + 1, height: height + 1)
        default:
            return nil
        }
    }

    /// Netpbm (the pages rendered from PDFs for OCR): "P4", "P5" or "P6", then width and height as decimal text between
    /// white space and `#` comments.
    private static func netpbm(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), (UInt8(ascii: "4")...UInt8(ascii: "6")).contains(bytes[1])
        else { return nil }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        var numbers: [Int] = []
        var offset = 2
        var afterSpace = false
        while numbers.count < 2, offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "#") {
                while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
            } else if [0x20, 0x09, 0x0A, 0x0D].contains(byte) {
                afterSpace = true
                offset += 1
            } else if afterSpace, digits.contains(byte) {
                var value = 0
                while offset < bytes.count, digits.contains(bytes[offset]) {
                    value = value * 10 + Int(bytes[offset] - digits.lowerBound)
                    guard value <= 1 << 30 else { return nil }
                    offset += 1
                }
                numbers.append(value)
                afterSpace = false
            } else {
                return nil
            }
        }
        return numbers.count == 2 ? ImageSize(width: numbers[0], height: numbers[1]) : nil
    }

    /// Walks the segments to the first start-of-frame marker (SOF0…SOF15 but DHT, JPG and DAC), which holds the size.
    private static func jpeg(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var offset = 2
        while offset + 1 < bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            guard marker != 0xD9, marker != 0xDA, let length = bigEndian(bytes, offset + 2, 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = bigEndian(bytes, offset + 5, 2), let width = bigEndian(bytes, offset + 7, 2) else { return nil }
                return ImageSize(width: width, height: height)
            }
            offset += 2 + length
        }
        return nil
    }
}
