import Foundation

/// The words of a PDF's text layer with their boxes, from `pdftotext -bbox-layout` (XHTML with one
/// `<word xMin= yMin= xMax= yMax=>` element per word, grouped by `<page width= height=>`), so that a PDF is laid out
/// by positions as OCR words are (`PageText`). Pages are stacked top to bottom: page 2's words come below page 1's.
public enum PDFWordBoxes {
    private static let pagePattern = regex(#"<page\b[^>]*\bheight="([0-9.]+)""#)
    private static let wordPattern = regex(
        #"<word\b[^>]*\bxMin="([0-9.]+)"[^>]*\byMin="([0-9.]+)"[^>]*\bxMax="([0-9.]+)"[^>]*\byMax="([0-9.]+)"[^>]*>([^<]*)</word>"#)

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants; a typo is a programming error caught by the first test run.
        try! NSRegularExpression(pattern: pattern)
    }

    /// The words in `xhtml`, in points from the first page's top-left corner; words with unreadable boxes are skipped.
    public static func words(inXHTML xhtml: String) -> [PageWord] {
        let ns = xhtml as NSString
        let whole = NSRange(location: 0, length: ns.length)
        // Where each page starts in the text and how far down it is placed.
        var pageStarts: [(location: Int, offset: Double)] = []
        var offset = 0.0
        for match in pagePattern.matches(in: xhtml, range: whole) {
            pageStarts.append((match.range.location, offset))
            offset += Double(ns.substring(with: match.range(at: 1))) ?? 0
        }
        var out: [PageWord] = []
        for match in wordPattern.matches(in: xhtml, range: whole) {
            let numbers = (1...4).compactMap { Double(ns.substring(with: match.range(at: $0))) }
            let text = unescaped(ns.substring(with: match.range(at: 5))).trimmingCharacters(in: .whitespaces)
            guard numbers.count == 4, !text.isEmpty, numbers[2] > numbers[0], numbers[3] > numbers[1] else { continue }
            let down = pageStarts.last { $0.location < match.range.location }?.offset ?? 0
            out.append(PageWord(text, left: numbers[0], top: numbers[1] + down, right: numbers[2], bottom: numbers[3] + down))
        }
        return out
    }

    /// XML's five character entities and numeric references, as pdftotext writes them.
    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        while let range = out.range(of: #"&#(x[0-9A-Fa-f]+|[0-9]+);"#, options: .regularExpression) {
            let body = out[range].dropFirst(2).dropLast()
            let code = body.first == "x" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            out.replaceSubrange(range, with: code.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "")
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
