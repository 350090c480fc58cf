import Foundation

/// One line of OCR or PDF text, with the cells its column gaps separate and the words its labels are matched on.
public struct TextLine: Sendable, Hashable {
    let index: Int
    /// The line as read, with typographic look-alikes (curly quotes, dashes, table rules) made plain.
    let text: String
    /// Pieces separated by two or more spaces or a table rule: side-by-side columns of a layout.
    let cells: [String]
    /// Where each cell starts and ends in `text`, in characters.
    let cellRanges: [Range<Int>]
    /// Lower-cased words for keyword matching ("C.G.S.T" → "cgst", "Inv." → "inv").
    let words: [String]
    /// The spaces `text` was indented by on the page: where its columns stand beside other lines'.
    let indent: Int

    init(index: Int, raw: String) {
        self.index = index
        indent = raw.prefix { $0 == " " || $0 == "\t" }.count
        text = Self.clean(raw)
        cellRanges = Self.cellRanges(of: text)
        let chars = Array(text)
        cells = cellRanges.map { String(chars[$0]) }
        words = Self.words(of: text)
    }

    /// The cell holding character `offset`, if any.
    func cellIndex(at offset: Int) -> Int? {
        cellRanges.firstIndex { $0.contains(offset) }
    }

    var isBlank: Bool { words.isEmpty }

    var letterCount: Int { text.reduce(0) { $0 + ($1.isLetter ? 1 : 0) } }

    /// Splits OCR or PDF text into lines, dropping empty ones but keeping their order.
    static func lines(of text: String) -> [TextLine] {
        text.split(whereSeparator: \.isNewline)
            .filter { !plainCharacters(String($0)).isEmpty }
            .enumerated()
            .map { TextLine(index: $0.offset, raw: String($0.element)) }
    }

    /// "C.G.S.T", "S G S T", "$.G.S.T", "C.GS.T": the GST abbreviations as OCR spells them.
    private static let gstAbbreviation = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z])(C|S|I|UT|\$)[. ]{0,2}G[. ]{0,2}S[. ]{0,2}T(?![A-Za-z])"#, options: [.caseInsensitive])

    static func clean(_ raw: String) -> String {
        let plain = plainCharacters(raw)
        let range = NSRange(plain.startIndex..., in: plain)
        let matches = gstAbbreviation.matches(in: plain, range: range)
        guard !matches.isEmpty else { return plain }
        var text = plain
        for match in matches.reversed() {
            guard let whole = Range(match.range, in: text), let prefix = Range(match.range(at: 1), in: text) else { continue }
            let letter = text[prefix] == "$" ? "S" : text[prefix].uppercased()
            text.replaceSubrange(whole, with: letter + "GST")
        }
        return text
    }

    private static func plainCharacters(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.count)
        for char in raw {
            // Of ASCII, only "`" and the tab are rewritten below.
            if char.isASCII, char != "`", char != "\t" {
                out.append(char)
                continue
            }
            switch char {
            case "\u{2018}", "\u{2019}", "\u{201B}", "`", "\u{00B4}": out.append("'")
            case "\u{201C}", "\u{201D}": out.append("\"")
            case "\u{2013}", "\u{2014}", "\u{2212}", "\u{2012}": out.append("-")
            case "\u{00A0}", "\u{2007}", "\u{202F}", "\t": out.append(" ")
            case "\u{00B7}", "\u{2022}": out.append("  ")   // "GSTIN … · Ph: …" separates like a column gap
            default: out.append(char)
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    static func cells(of text: String) -> [String] {
        let chars = Array(text)
        return cellRanges(of: text).map { String(chars[$0]) }
    }

    /// Runs of text between gaps of two or more spaces or a "|", trimmed of rules and stray punctuation.
    static func cellRanges(of text: String) -> [Range<Int>] {
        let chars = Array(text)
        let trim: Set<Character> = [" ", "|", ":", ";", "_", "-", "=", "~"]
        var ranges: [Range<Int>] = []
        var start = 0
        func flush(_ end: Int) {
            var a = start, b = end
            while a < b, trim.contains(chars[a]) { a += 1 }
            while b > a, trim.contains(chars[b - 1]) { b -= 1 }
            if a < b { ranges.append(a..<b) }
        }
        var i = 0
        while i < chars.count {
            if chars[i] == "|" {
                flush(i)
                start = i + 1
            } else if chars[i] == " ", i + 1 < chars.count, chars[i + 1] == " " {
                flush(i)
                while i < chars.count, chars[i] == " " { i += 1 }
                start = i
                continue
            }
            i += 1
        }
        flush(chars.count)
        return ranges
    }

    /// Letters and digits make words; dots between single letters join them ("c.g.s.t" → "cgst", "no.of" stays two).
    /// Accents on Latin letters are dropped ("Échéance" → "echeance", "Rückgeld" → "ruckgeld"): OCR often loses them
    /// and typists leave them out, so labels match either way.
    public static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var segment = 0   // letters since the last joining dot
        let chars = text.lowercased().map { $0.isASCII ? $0 : latinBase[$0] ?? $0 }
        for (i, char) in chars.enumerated() {
            if char.isLetter || char.isNumber {
                current.append(char)
                segment += 1
            } else if char == ".", segment == 1, current.last?.isLetter == true, i + 1 < chars.count, chars[i + 1].isLetter {
                segment = 0
            } else {
                segment = 0
                if !current.isEmpty { words.append(current) }
                current = ""
                if char == "&" || char == "#" || char == "%" { words.append(String(char)) }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

extension TextLine {
    /// Accented Latin letters and the plain letter each is written as when the accent is lost.
    static let latinBase: [Character: Character] = {
        let groups: [(Character, String)] = [
            ("a", "àáâäãåā"), ("c", "çćč"), ("e", "èéêëēė"), ("i", "ìíîïī"), ("n", "ñń"), ("o", "òóôöõøō"),
            ("u", "ùúûüū"), ("y", "ÿý"), ("s", "śš"), ("z", "źżž"),
        ]
        var table: [Character: Character] = [:]
        for (base, accented) in groups { for letter in accented { table[letter] = base } }
        return table
    }()
}

extension Array where Element == String {
    /// Whether `phrase` occurs as consecutive words.
    func contains(phrase: [String]) -> Bool {
        firstIndex(of: phrase) != nil
    }

    /// Where `phrase` starts as consecutive words, if it occurs.
    func firstIndex(of phrase: [String]) -> Int? {
        guard !phrase.isEmpty, phrase.count <= count else { return nil }
        for start in 0...(count - phrase.count) where self[start] == phrase[0] {
            if self[start..<(start + phrase.count)].elementsEqual(phrase) { return start }
        }
        return nil
    }

    /// Whether any of `phrases` (each written as space-separated words) occurs.
    public func contains(anyOf phrases: [String]) -> Bool {
        phrases.contains { phrase in
            // Most phrases' first word is not on the line: look for it before splitting the whole phrase.
            let firstEnd = phrase.utf8.firstIndex(of: UInt8(ascii: " ")) ?? phrase.endIndex
            if firstEnd != phrase.startIndex, !contains(where: { $0 == phrase[..<firstEnd] }) { return false }
            return contains(phrase: phrase.split(separator: " ").map(String.init))
        }
    }
}
