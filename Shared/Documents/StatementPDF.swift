import CCairo
import Foundation
import Khata

/// Statement → PDF bytes through cairo: A4 pages with the title, a table of every entry with its running balance,
/// and the total and verification code at the end. Every cairo pointer for statements stays in this file.
package enum StatementPDF {
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package static let contentType = "application/pdf"

    /// "khata-ramesh.pdf": the party's matching key, which holds only safe characters.
    package static func filename(party: KhataParty) -> String {
        "khata-\(PartyMatcher.key(party.name)).pdf"
    }

    /// A4 in points.
    static let pageWidth = 595.0
    static let pageHeight = 842.0
    static let margin = 40.0
    static let rowHeight = 16.0
    /// Left edges of the columns, and whether each is right-aligned (amounts).
    static let columns: [(x: Double, width: Double, right: Bool)] = [
        (40, 30, false), (72, 78, false), (152, 150, false), (306, 75, true), (385, 75, true), (464, 91, true),
    ]

    package static func pdf(for statement: Statement) throws -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status: cairo_status_t = withExtendedLifetime(sink) {
            guard let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), pageWidth, pageHeight) else { return CAIRO_STATUS_NO_MEMORY }
            defer { cairo_surface_destroy(surface) }
            guard let cr = cairo_create(surface) else { return CAIRO_STATUS_NO_MEMORY }
            draw(statement, cr)
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            return cairo_surface_status(surface)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Failure(description: "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.data
    }

    private static func draw(_ statement: Statement, _ cr: OpaquePointer) {
        var y = margin + 10
        font(cr, size: 16, bold: true)
        text(cr, statement.title, x: margin, y: y)
        y += 20
        font(cr, size: 9, bold: false)
        for line in statement.subtitle {
            text(cr, line, x: margin, y: y)
            y += 14
        }
        y += 8
        func header() {
            font(cr, size: 9, bold: true)
            row(cr, Statement.columns, y: y)
            cairo_set_line_width(cr, 0.5)
            cairo_move_to(cr, margin, y + 4)
            cairo_line_to(cr, pageWidth - margin, y + 4)
            cairo_stroke(cr)
            y += rowHeight
            font(cr, size: 9, bold: false)
        }
        header()
        for cells in statement.rows {
            if y > pageHeight - margin - 60 {
                cairo_show_page(cr)
                y = margin + 10
                header()
            }
            row(cr, cells, y: y)
            y += rowHeight
        }
        y += 10
        font(cr, size: 11, bold: true)
        for line in statement.footer {
            if y > pageHeight - margin {
                cairo_show_page(cr)
                y = margin + 10
            }
            text(cr, line, x: margin, y: y)
            y += 16
            font(cr, size: 9, bold: false)
        }
    }

    private static func row(_ cr: OpaquePointer, _ cells: [String], y: Double) {
        for (column, cell) in zip(columns, cells) {
            let clipped = String(cell.prefix(column.width > 100 ? 34 : 18))
            if column.right {
                var extents = cairo_text_extents_t()
                cairo_text_extents(cr, clipped, &extents)
                text(cr, clipped, x: column.x + column.width - extents.x_advance, y: y)
            } else {
                text(cr, clipped, x: column.x, y: y)
            }
        }
    }

    private static func font(_ cr: OpaquePointer, size: Double, bold: Bool) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
    }

    private static func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        cairo_show_text(cr, string)
    }
}
