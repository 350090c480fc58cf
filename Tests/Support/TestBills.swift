import Foundation

/// Bills made on the spot: a one-page PDF whose text layer holds the given lines (Courier, so columns stay
/// aligned). `InvoiceExtractorTests` also renders that page to stand in for a photo.
public enum TestBills {
    public static let sharmaTraders = [
        "SHARMA TRADERS",
        "12, Station Road, Nashik - 422001",
        "GSTIN: 27AAPFU0939F1ZV",
        "TAX INVOICE",
        "Invoice No: ST-1021          Date: 05/03/2026",
        "Taxable Value                     1,296.60",
        "CGST @ 9%                           116.70",
        "SGST @ 9%                           116.70",
        "Grand Total                   Rs. 1,530.00",
        "Paid by UPI",
    ]

    /// `pages` pages (each showing the lines) of `mediaBox` points.
    public static func pdf(lines: [String], fontSize: Int = 12, pages: Int = 1, mediaBox: String = "0 0 420 600") -> Data {
        let escaped = lines.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)") }
        let content = "BT /F1 \(fontSize) Tf \(fontSize + 4) TL 24 560 Td " + escaped.map { "(\($0)) Tj T*" }.joined(separator: " ") + " ET"
        return pdf(content: content, pages: pages, mediaBox: mediaBox)
    }

    /// A page that draws a box and no text: a "scan" with nothing to read.
    public static func textlessPDF() -> Data {
        pdf(content: "0.2 g 60 300 300 200 re f")
    }

    private static func pdf(content: String, pages: Int = 1, mediaBox: String = "0 0 420 600") -> Data {
        // The pages share one content stream and font: objects 1–4, then one object per page.
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [\((0..<pages).map { "\($0 + 5) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
        ] + (0..<pages).map { _ in
            "<< /Type /Page /Parent 2 0 R /MediaBox [\(mediaBox)] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        out += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }
}
