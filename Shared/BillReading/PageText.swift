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
        let width = characterWidth(words)
        return rows(of: words).map { line($0, characterWidth: width) }.joined(separator: "\n")
    }

    /// Words grouped into rows by chaining, left to right: a word continues the row whose last word it follows and
    /// lines up with (their boxes overlap by half the smaller height; a dash or a dot sits inside the last word's
    /// height). Comparing with the neighbouring word, not the row's average, follows a line across a page that is
    /// tilted or photographed at an angle; the rows come out top to bottom by where they start.
    static func rows(of words: [PageWord]) -> [[PageWord]] {
        let usable = words.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty && $0.height > 0 }
        var rows: [[PageWord]] = []
        for word in usable.sorted(by: { ($0.left, $0.top) < ($1.left, $1.top) }) {
            let fit = rows.indices.filter { i in
                guard let last = rows[i].last else { return false }
                return word.left >= last.right - 0.3 * min(last.right - last.left, word.right - word.left)
                    && linesUp(word, after: last)
            }.min { a, b in
                abs((rows[a].last?.middle ?? 0) - word.middle) < abs((rows[b].last?.middle ?? 0) - word.middle)
            }
            if let fit { rows[fit].append(word) } else { rows.append([word]) }
        }
        return rows.sorted { ($0.first?.middle ?? 0) < ($1.first?.middle ?? 0) }
    }

    /// Whether `word` stands on the same printed line as `last`, the word before it.
    private static func linesUp(_ word: PageWord, after last: PageWord) -> Bool {
        let shorter = min(word.height, last.height)
        if shorter < 0.5 * max(word.height, last.height) {
            // Punctuation or a small sign beside text: its middle inside the other's height.
            let (small, tall) = word.height < last.height ? (word, last) : (last, word)
            return small.middle >= tall.top && small.middle <= tall.bottom
        }
        return min(word.bottom, last.bottom) - max(word.top, last.top) >= 0.5 * shorter
    }

    /// A row's words placed at the columns their left edges imply: one space between words of a phrase, two or more
    /// where the gap is wider than a character and a half (a column gap).
    static func line(_ words: [PageWord], characterWidth width: Double) -> String {
        var out = ""
        var previousRight: Double?
        for word in words {
            let text = word.text.trimmingCharacters(in: .whitespaces)
            if let previousRight {
                let gap = word.left - previousRight
                if gap < 0.25 * width {
                    // Narrower than a space: one word OCR cut in two ("Texti les").
                } else if gap > 1.5 * width {
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

    /// The width of one character on the page: words' widths over their letters, the median.
    private static func characterWidth(_ words: [PageWord]) -> Double {
        let widths = words.compactMap { word -> Double? in
            let count = word.text.count
            return count > 0 ? (word.right - word.left) / Double(count) : nil
        }.sorted()
        guard !widths.isEmpty else { return 1 }
        return max(1, widths[widths.count / 2])
    }
}
