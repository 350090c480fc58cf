import AnswerFormatting
import CCairo
import FintrakCore
import Foundation

/// BarChart → PNG bytes through cairo: a title, one labelled bar per month, day or compared period, and the
/// amount above each bar. Every cairo pointer stays in this file.
enum ChartRenderer {
    struct ChartError: Error, CustomStringConvertible {
        let description: String
    }

    static let width = 800
    static let height = 450

    static func png(for chart: BarChart) throws -> Data {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw ChartError(description: "cairo could not create a surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw ChartError(description: "cairo could not create a context") }
        defer { cairo_destroy(cr) }
        draw(chart, cr)
        cairo_surface_flush(surface)
        guard let pixels = cairo_image_surface_get_data(surface) else {
            throw ChartError(description: "cairo has no pixels for the surface")
        }
        // RGB24 keeps each pixel in a native 32-bit word, 0x00RRGGBB; PNGImage takes the three bytes in order.
        let stride = Int(cairo_image_surface_get_stride(surface))
        let raw = UnsafeRawPointer(pixels)
        let rgb = [UInt8](unsafeUninitializedCapacity: width * height * 3) { bytes, count in
            for y in 0..<height {
                for x in 0..<width {
                    let pixel = raw.load(fromByteOffset: y * stride + x * 4, as: UInt32.self)
                    let at = (y * width + x) * 3
                    bytes[at] = UInt8(truncatingIfNeeded: pixel >> 16)
                    bytes[at + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                    bytes[at + 2] = UInt8(truncatingIfNeeded: pixel)
                }
            }
            count = width * height * 3
        }
        return try PNGImage.encode(rgb: rgb, width: width, height: height)
    }

    private static func draw(_ chart: BarChart, _ cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        cairo_set_font_size(cr, 20)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        text(cr, String(chart.title.prefix(80)), x: 32, y: 40)

        let left = 72.0, right = Double(width) - 24, top = 80.0, bottom = Double(height) - 70
        // Pixel geometry only: the amounts themselves are printed from their Decimal values.
        let values = chart.bars.map { NSDecimalNumber(decimal: $0.value).doubleValue }
        let maximum = max(values.max() ?? 0, 1) * 1.1    // room for the label above the tallest bar
        cairo_set_line_width(cr, 1)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 11)
        // The scale: a line and its amount at each quarter of the tallest bar's height.
        let tallest = chart.bars.map(\.value).max() ?? 0
        for step in 0...4 {
            let y = bottom - (bottom - top) * Double(step) / 4 / 1.1
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
            cairo_move_to(cr, left, y)
            cairo_line_to(cr, right, y)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45)
            let label = compact(tallest * Decimal(step) / 4, currency: chart.currency)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, label, &extents)
            text(cr, label, x: left - 8 - extents.width - extents.x_bearing, y: y + 4)
        }
        guard !chart.bars.isEmpty else { return }

        let slot = (right - left) / Double(chart.bars.count)
        let barWidth = max(slot * 0.7, 1)
        let fontSize = min(14, max(8, slot / 5))
        cairo_set_font_size(cr, fontSize)
        let labelEvery = max(1, Int((Double(chart.bars.count) * fontSize * 5 / (right - left)).rounded(.up)))
        for (index, bar) in chart.bars.enumerated() {
            let x = left + slot * Double(index) + (slot - barWidth) / 2
            let barHeight = (bottom - top) * values[index] / maximum
            cairo_set_source_rgb(cr, 0.11, 0.49, 0.38)
            cairo_rectangle(cr, x, bottom - barHeight, barWidth, barHeight)
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            if index % labelEvery == 0 {
                centredText(cr, bar.label, centre: x + barWidth / 2, y: bottom + fontSize + 8)
                if chart.bars.count <= 16 {
                    centredText(cr, compact(bar.value, currency: chart.currency), centre: x + barWidth / 2,
                                y: bottom - barHeight - 6)
                }
            }
        }
    }

    private static func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, string)
    }

    private static func centredText(_ cr: OpaquePointer, _ string: String, centre: Double, y: Double) {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, string, &extents)
        text(cr, string, x: centre - extents.width / 2 - extents.x_bearing, y: y)
    }

    /// "₹1.87L", "₹2.5Cr", "₹12.3K": short enough to sit above a bar.
    static func compact(_ amount: Decimal, currency: String) -> String {
        let symbol = String(MoneyFormat.format(0, currency: currency).dropLast(4))
        let (divisor, suffix): (Decimal, String) = currency.uppercased() == "INR"
            ? (amount >= 10_000_000 ? (10_000_000, "Cr") : amount >= 100_000 ? (100_000, "L") : amount >= 1000 ? (1000, "K") : (1, ""))
            : (amount >= 1_000_000 ? (1_000_000, "M") : amount >= 1000 ? (1000, "K") : (1, ""))
        let scaled = (amount / divisor).rounded(scale: divisor == 1 ? 0 : (amount / divisor >= 100 ? 0 : 1))
        return symbol + "\(scaled)" + suffix
    }
}
