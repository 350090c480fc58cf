// The only file that touches zlib: every C pointer of it stays here.
import CZlib
import Foundation

/// RGB pixels → PNG bytes: each row filtered against the one above (PNG filter "Up"), deflated by zlib at its
/// fastest level. Charts are flat colours, straight lines and a little text, so "Up" turns most rows into zeros and
/// the fastest level loses little size; cairo's own writer (libpng's defaults) cost several milliseconds of CPU per
/// chart, more than the rest of answering the question.
enum PNGImage {
    struct EncodingError: Error, CustomStringConvertible {
        let description: String
    }

    /// - Parameter rgb: `width × height × 3` bytes, row after row, red, green, blue.
    static func encode(rgb: [UInt8], width: Int, height: Int) throws -> Data {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw EncodingError(description: "\(rgb.count) bytes are not a \(width)×\(height) RGB image")
        }
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: size, 8 bits per sample, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
        png.append(chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0]))
        png.append(chunk("IDAT", try deflate(scanlines(rgb, width: width, height: height))))
        png.append(chunk("IEND", []))
        return png
    }

    /// Each row prefixed by its filter type: 0 (None) for the first, 2 (Up: each byte minus the byte above) after it.
    static func scanlines(_ rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
        let rowBytes = width * 3
        return [UInt8](unsafeUninitializedCapacity: height * (rowBytes + 1)) { lines, count in
            rgb.withUnsafeBufferPointer { pixels in
                for y in 0..<height {
                    let out = y * (rowBytes + 1), row = y * rowBytes
                    lines[out] = y == 0 ? 0 : 2
                    for x in 0..<rowBytes {
                        lines[out + 1 + x] = y == 0 ? pixels[row + x] : pixels[row + x] &- pixels[row - rowBytes + x]
                    }
                }
            }
            count = height * (rowBytes + 1)
        }
    }

    /// Length, type, data and the CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> Data {
        let typed = Array(type.utf8) + data
        return Data(bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { CZlib.crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    /// A zlib stream (header, deflate data, Adler-32), which is what IDAT holds. Run-length matching only
    /// (Z_RLE): after the "Up" filter a chart is mostly runs of zeros, which it finds at a fraction of the cost of
    /// a full match search.
    private static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 8, Z_RLE, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw EncodingError(description: "zlib could not start a deflate stream")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw EncodingError(description: "zlib could not compress (status \(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
