import Foundation

/// A word read from a page with the box it occupies, in pixels from the page's top-left corner (OCR) or in points
/// (a PDF's text layer). Where words stand decides which label a value belongs to, not the order a reader emitted them.
public struct PageWord: Sendable, Hashable, Codable {
    public var text: String
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double
    /// The reader's confidence in the word, 0–100; nil for a PDF's text layer (exact).
    public var confidence: Double?

    public init(_ text: String, left: Double, top: Double, right: Double, bottom: Double, confidence: Double? = nil) {
        self.text = text
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.confidence = confidence
    }

    public var height: Double { bottom - top }
    var middle: Double { (top + bottom) / 2 }
}

/// Words with boxes laid out as text lines, the way `pdftotext -layout` does: words whose boxes share a row form
/// one line, whatever block the reader put them in (a receipt's "TOTAL" at the left and its amount at the right
/// margin are one line even when OCR saw two columns), and each word starts at the column its left edge implies, so
/// that a gap between columns becomes two or more spaces and columns stay aligned from line to line.
public enum PageText {
    /// The text of `words`, one line per row, top to bottom.
    public static func text(of words: [PageWord]) -> String {
        rows(of: words).map(line).joined(separator: "\n")
    }

    /// Words grouped into rows: a word joins the row whose middle lies within half its height of the word's middle,
    /// so slightly tilted or differently sized words on one printed line stay together, and the lines above and
    /// below (a line's height away) do not.
    static func rows(of words: [PageWord]) -> [[PageWord]] {
        let usable = words.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty && $0.height > 0 }
        var rows: [(middle: Double, height: Double, words: [PageWord])] = []
        for word in usable.sorted(by: { $0.middle < $1.middle }) {
            let fit = rows.indices.last { i in
                abs(rows[i].middle - word.middle) <= 0.5 * min(rows[i].height, word.height)
                    && !rows[i].words.contains { overlapsAcross($0, word) }
            }
            if let i = fit {
                let n = Double(rows[i].words.count)
                rows[i].middle = (rows[i].middle * n + word.middle) / (n + 1)
                rows[i].height = (rows[i].height * n + word.height) / (n + 1)
                rows[i].words.append(word)
            } else {
                rows.append((word.middle, word.height, [word]))
            }
        }
        return rows.sorted { $0.middle < $1.middle }.map { $0.words.sorted { $0.left < $1.left } }
    }

    /// Two words covering the same stretch across the page cannot be on one line.
    private static func overlapsAcross(_ a: PageWord, _ b: PageWord) -> Bool {
        min(a.right, b.right) - max(a.left, b.left) > 0.5 * min(a.right - a.left, b.right - b.left)
    }

    /// A row's words placed at the columns their left edges imply: one space between words of a phrase, two or more
    /// where the gap is wider than a character and a half (a column gap).
    static func line(_ words: [PageWord]) -> String {
        let width = characterWidth(words)
        var out = ""
        var previousRight: Double?
        for word in words {
            let text = word.text.trimmingCharacters(in: .whitespaces)
            if let previousRight {
                let gap = word.left - previousRight
                if gap > 1.5 * width {
                    let column = Int((word.left / width).rounded())
                    out += String(repeating: " ", count: max(2, column - out.count))
                } else {
                    out += " "
                }
            } else {
                out += String(repeating: " ", count: max(0, Int((word.left / width).rounded())))
            }
            out += text
            previousRight = word.right
        }
        return out
    }

    /// The width of one character on this row: its words' widths over their letters, the median.
    private static func characterWidth(_ words: [PageWord]) -> Double {
        let widths = words.compactMap { word -> Double? in
            let count = word.text.count
            return count > 0 ? (word.right - word.left) / Double(count) : nil
        }.sorted()
        guard !widths.isEmpty else { return 1 }
        return max(1, widths[widths.count / 2])
    }
}
