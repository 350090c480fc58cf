import FintrakCore
import Foundation

extension TextLine {
    /// The text of `cell` after the first occurrence of `phrase` (as words) and the separator that follows it.
    public static func text(after phrase: [String], in cell: String) -> String? {
        let words = TextLine.words(of: cell)
        guard let at = words.firstIndex(of: phrase) else { return nil }
        var rest = Substring(cell)
        for _ in 0..<(at + phrase.count) {
            rest = rest.drop { !($0.isLetter || $0.isNumber || $0 == "&" || $0 == "#" || $0 == "%") }
            rest = rest.drop { $0.isLetter || $0.isNumber || $0 == "&" || $0 == "#" || $0 == "%" }
        }
        // Skip the separator after the label ("No.:", "Name -"), keeping a sign that is part of the value ("$").
        return String(rest.drop { $0.isWhitespace || ":.-=#|".contains($0) })
    }
}

/// The bill's number: the value after "Invoice No", "Bill No", "Inv. No.", "Invoice #", "Receipt No", "Factuurnummer",
/// "N° de facture", "Rechnungsnummer"…, on the same line or under a heading.
struct InvoiceNumberFinder {
    let bill: BillText

    static let labels: [(phrase: String, weight: Double)] = [
        ("invoice no", 3), ("invoice number", 3), ("invoice #", 3), ("inv no", 3), ("invoice id", 3), ("bill no", 3),
        ("bill number", 3), ("bill #", 3), ("receipt no", 3), ("receipt number", 3), ("voucher no", 2), ("memo no", 2),
        ("inv #", 3),
        // Dutch, French, German, Spanish, Malay and Hindi-English.
        ("factuurnummer", 3), ("factuurnr", 3), ("factuur nr", 3), ("n de facture", 3), ("no de facture", 3),
        ("numero de facture", 3), ("facture n", 3), ("rechnungsnummer", 3), ("rechnungsnr", 3), ("rechnung nr", 3),
        ("n de factura", 3), ("numero de factura", 3), ("factura n", 3), ("no invois", 3), ("bill sankhya", 3),
        ("notanummer", 3), ("folio no", 3), ("folio number", 3), ("n de folio", 3), ("rechnungs nr", 3),
        // A credit note's own number.
        ("credit note no", 3), ("credit note number", 3), ("creditnotanummer", 3), ("avoir n", 3), ("gutschrift nr", 3),
        ("gutschriftsnummer", 3), ("gutschrifts nr", 3),
        ("बिल संख्या", 3), ("बीजक संख्या", 3), ("चालान संख्या", 3), ("बिल नं", 3),
        ("invoice", 1), ("bill", 0.5),
    ]

    func find() -> Reading<String>? {
        var best: (value: String, score: Double)?
        for line in bill.lines {
            for (k, cell) in line.cells.enumerated() {
                let cellWords = TextLine.words(of: cell)
                // "No. 5200        Date 04/06/24": a bare "No." opening the line that carries the date heads a cash
                // memo's number.
                let memoNumber = k == 0 && cellWords.first == "no" && !bill.dates[line.index].isEmpty
                    ? (phrase: "no", weight: 2.0) : nil
                guard let label = Self.labels.first(where: { cellWords.contains(phrase: $0.phrase.split(separator: " ").map(String.init)) })
                        ?? memoNumber,
                      label.weight > 0 else { continue }
                let phrase = label.phrase.split(separator: " ").map(String.init)
                var value = TextLine.text(after: phrase, in: cell).flatMap(Self.code)
                // A bare "Invoice" or "Bill" is a number's label only with the number right after it.
                if value == nil, label.weight >= 2, k + 1 < line.cells.count { value = Self.code(line.cells[k + 1]) }
                if value == nil, label.weight >= 2, line.index + 1 < bill.lines.count {
                    let below = bill.lines[line.index + 1]
                    let column = below.cells.count == line.cells.count ? k : bill.alignedCell(in: below, with: line.cellRanges[k])
                    if let column { value = Self.code(below.cells[column]) }
                }
                guard let value else { continue }
                let score = label.weight - 0.02 * Double(line.index)
                if best.map({ score > $0.score }) ?? true { best = (value, score) }
            }
        }
        guard let best else { return nil }
        return Reading(best.value, confidence: best.score >= 2 ? 0.8 : 0.5)
    }

    /// The first word of `text` when it looks like a bill number: has a digit, no date, up to 30 characters. A value
    /// that opens with a date ("14 Feb 2026") is a date printed where the number was expected, not a number.
    static func code(_ text: String) -> String? {
        // Leading marks are separators or OCR debris ("> 7/2865"), trailing ones punctuation; a "$" before a letter is
        // an "S" (no bill number holds a currency sign: "$S/258").
        let value = String(text.drop(while: { !($0.isLetter || $0.isNumber || $0 == "$") }))
            .replacing(/\$(?=[A-Za-z])/, with: "S")
            .drop(while: { !($0.isLetter || $0.isNumber) })
        guard let first = value.split(separator: " ").first,
              !DateScanner.dates(in: String(value)).contains(where: { $0.start == 0 }) else { return nil }
        let token = String(first).trimmingCharacters(in: CharacterSet(charactersIn: ":.#-,;|"))
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/-_."))
        guard (1...30).contains(token.count), token.contains(where: \.isNumber),
              token.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }),
              DateScanner.dates(in: token).isEmpty else { return nil }
        return seriesLettersRepaired(token)
    }

    /// A series of letters before a "/" or "-" whose first letter OCR read as its look-alike digit ("6T/339" for
    /// "GT/339"): a series is letters or digits, and one digit followed by letters only is a misread letter.
    static func seriesLettersRepaired(_ token: String) -> String {
        guard let end = token.firstIndex(where: { $0 == "/" || $0 == "-" }) else { return token }
        let series = token[..<end]
        guard series.count >= 2, let first = series.first, let letter = GSTINFinder.toLetter[first],
              series.dropFirst().allSatisfy({ $0.isLetter && $0.isASCII }) else { return token }
        return String(letter) + token.dropFirst()
    }
}

/// The seller's GSTIN: 15 characters checked by their last. OCR confuses O/0, I/1, S/5, B/8, Z/2 — each position's
/// kind (digit or letter) says which was meant, and the check character confirms the repair.
struct GSTINFinder {
    let bill: BillText

    /// Position kinds: state code (2 digits), PAN (5 letters, 4 digits, 1 letter), entity, "Z", check.
    static let kinds: [Kind] = [.digit, .digit, .letter, .letter, .letter, .letter, .letter, .digit, .digit, .digit, .digit,
                                .letter, .any, .any, .any]
    enum Kind { case digit, letter, any }

    static let toDigit: [Character: Character] = ["O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "Z": "2", "S": "5",
                                                  "B": "8", "G": "6", "T": "7", "A": "4"]
    static let toLetter: [Character: Character] = ["0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "7": "T",
                                                   "4": "A"]
    /// Characters OCR swaps in positions that may hold either kind.
    static let lookAlikes: [Character: [Character]] = [
        "0": ["O", "D", "Q"], "O": ["0", "D", "Q"], "D": ["0", "O"], "Q": ["0", "O"], "1": ["I", "L", "7"], "I": ["1", "L"],
        "L": ["1", "I"], "5": ["S"], "S": ["5"], "8": ["B"], "B": ["8"], "2": ["Z"], "Z": ["2"], "6": ["G"], "G": ["6"],
        "7": ["T", "1"], "T": ["7"],
    ]

    static let buyerWords = ["party", "customer", "buyer", "recipient", "consignee", "bill to", "ship to", "receiver"]
    static let sellerWords = ["seller", "supplier", "sold by", "our gstin", "vendor"]

    /// A GSTIN read on the bill, where it stands and whose it is.
    struct Found {
        var reading: Reading<String>
        var line: Int
        /// The characters of its line it starts in.
        var column: Int
        var isBuyers: Bool
    }

    /// The seller's GSTIN, never the buyer's: numbers in a block introduced by buyer words (in that block's column:
    /// a seller's block printed beside it is not the buyer's) or labelled as the customer's are left aside; of the
    /// rest, the one printed with the seller's name (in its column, nearest below it) — on a letter whose buyer's
    /// address window carries no heading, that is what tells them apart. `seller` is the payee as read.
    func find(seller: String? = nil) -> Reading<String>? {
        let found = candidates()
        let sellers = found.filter { !$0.isBuyers }
        guard let first = sellers.first else {
            return found.first.map { Reading($0.reading.value, confidence: $0.reading.confidence - 0.4) }
        }
        guard Set(sellers.map(\.reading.value)).count > 1 else { return first.reading }
        guard let (nameLine, nameCell) = seller.flatMap(place(of:)) else {
            return Reading(first.reading.value, confidence: first.reading.confidence - 0.15)
        }
        let inColumn = sellers.filter { found in
            let line = bill.lines[found.line]
            let cell = line.cellRanges.first { $0.contains(found.column) } ?? found.column..<(found.column + 15)
            return Self.onPage(cell, of: line).overlaps(nameCell)
        }
        let pool = inColumn.isEmpty ? sellers : inColumn
        let nearest = pool.min { a, b in
            distance(from: nameLine, to: a.line) < distance(from: nameLine, to: b.line)
        } ?? first
        return inColumn.isEmpty ? Reading(nearest.reading.value, confidence: nearest.reading.confidence - 0.15) : nearest.reading
    }

    /// A cell's characters counted from the page's left edge, as columns of different lines are compared.
    static func onPage(_ range: Range<Int>, of line: TextLine) -> Range<Int> {
        (range.lowerBound + line.indent)..<(range.upperBound + line.indent)
    }

    /// Lines from the name to the number, a number above the name counting as further than one below it.
    private func distance(from name: Int, to line: Int) -> Int {
        line >= name ? line - name : 2 * (name - line)
    }

    /// The line and cell where the seller's name is printed (outside the buyer's block).
    func place(of seller: String) -> (line: Int, cell: Range<Int>)? {
        let words = TextLine.words(of: seller)
        for phrase in [words, Array(words.prefix(2))] where !phrase.isEmpty {
            for line in bill.lines where !bill.buyerLines.contains(line.index) {
                for (cell, range) in zip(line.cells, line.cellRanges) where TextLine.words(of: cell).contains(phrase: phrase) {
                    return (line.index, Self.onPage(range, of: line))
                }
            }
        }
        return nil
    }

    /// Every GSTIN on the bill, top to bottom.
    func candidates() -> [Found] {
        let pans = panNumbers()
        var out: [Found] = []
        for line in bill.lines {
            // A repaired token is a GSTIN only beside its label: elsewhere a label run into a number ("IdNr DE40…")
            // can be forced into one.
            let labelled = line.words.contains { $0.hasPrefix("gst") }
            let upper = line.text.uppercased()
            for (token, start) in Self.tokens(upper) {
                guard let reading = Self.repair(token, pans: pans), labelled || reading.confidence >= 0.95 else { continue }
                out.append(Found(reading: reading, line: line.index, column: start,
                                 isBuyers: isBuyers(line: line, column: start)))
            }
        }
        return out
    }

    /// Whether the number starting at `column` of `line` is the buyer's: its cell or the one before it names the buyer
    /// ("Customer GSTIN"), or it stands in a buyer block's column (within a few characters right of the heading's end,
    /// where the buyer's details are written).
    func isBuyers(line: TextLine, column: Int) -> Bool {
        let k = line.cellIndex(at: column) ?? 0
        let near = line.cells.indices.filter { $0 == k || $0 == k - 1 }.flatMap { TextLine.words(of: line.cells[$0]) }
        if near.contains(anyOf: Self.sellerWords) { return false }
        if near.contains(anyOf: Self.buyerWords) { return true }
        if let start = bill.buyerColumns[line.index], column >= start { return true }
        guard bill.buyerLines.contains(line.index) else { return false }
        for index in stride(from: line.index, through: max(0, line.index - 5), by: -1) {
            let heading = bill.lines[index]
            guard let first = heading.cells.first, let range = heading.cellRanges.first,
                  BillText.buyerHeadings.contains(where: { TextLine.words(of: first).starts(with: $0.split(separator: " ").map(String.init)) })
            else { continue }
            return column + line.indent <= range.upperBound + heading.indent + 12
        }
        return true
    }

    /// 15-character runs of letters and digits, also across the spaces OCR puts into one ("29PSAPA418411 ZD",
    /// "06 VOOCB 156 2A1ZZ"), and 16-character runs (one character too many read in). Each with the character it starts at.
    static func tokens(_ text: String) -> [(token: String, start: Int)] {
        let chars = Array(text)
        let pieces = chars.indices.split { !(chars[$0].isLetter || chars[$0].isNumber) || !chars[$0].isASCII }
            .map { (text: String(chars[$0.startIndex..<$0.endIndex]), start: $0.startIndex) }
        var out: [(token: String, start: Int)] = []
        for (i, piece) in pieces.enumerated() {
            if piece.text.count == 15 || piece.text.count == 16 { out.append((piece.text, piece.start)) }
            // Beyond two pieces, each is one of the short groups OCR splits a number into, not a word ("Kerkstraat 12
            // Vervaldatum 24").
            var joined = piece.text
            var short = piece.text.count <= 5
            for (k, next) in pieces.dropFirst(i + 1).prefix(3).enumerated() where joined.count < 15 {
                short = short && next.text.count <= 5
                guard k == 0 || short else { break }
                joined += next.text
                if joined.count == 15 { out.append((joined, piece.start)) }
            }
        }
        return out
    }

    /// PANs printed on the bill ("PAN: LMRPA9627S"): the 10 middle characters of the seller's GSTIN.
    func panNumbers() -> [String] {
        bill.lines.filter { $0.words.contains("pan") }.flatMap { line in
            line.text.uppercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count == 10 }
                .map { Self.coerce(Array($0), kinds: Array(Self.kinds[2..<12])) }
                .compactMap { $0.map { String($0) } }
        }
    }

    static func coerce(_ chars: [Character], kinds: [Kind]) -> [Character]? {
        var out: [Character] = []
        for (c, kind) in zip(chars, kinds) {
            switch kind {
            case .digit: guard let d = c.isNumber ? c : toDigit[c] else { return nil }; out.append(d)
            case .letter: guard let l = c.isLetter ? c : toLetter[c] else { return nil }; out.append(l)
            case .any: out.append(c)
            }
        }
        return out
    }

    /// The token as a valid GSTIN: as read (confidence 0.95), or after fixing look-alike characters (lower). A token of
    /// 16 characters has one read in too many: it is the GSTIN that leaving out one of them makes (or repairs to, with the
    /// fewest look-alikes fixed), when only one does.
    static func repair(_ token: String, pans: [String]) -> Reading<String>? {
        guard token.count == 16 else { return repairing(token, pans: pans) }
        let chars = Array(token)
        // Left out at random, a character leaves a check character that fits one time in 36: a PAN's letters and
        // digits where they belong are asked for too.
        let repaired = chars.indices.compactMap { i in repairing(String(chars[..<i] + chars[(i + 1)...]), pans: pans) }
            .filter { coerce(Array($0.value), kinds: kinds) == Array($0.value) }
        guard let surest = repaired.map(\.confidence).max() else { return nil }
        let best = Set(repaired.filter { $0.confidence == surest }.map(\.value))
        guard best.count == 1, let only = best.first else { return nil }
        return Reading(only, confidence: 0.6)
    }

    private static func repairing(_ token: String, pans: [String]) -> Reading<String>? {
        if GSTIN.isValid(token) { return Reading(token, confidence: 0.95) }
        guard var chars = coerce(Array(token), kinds: kinds) else { return nil }
        if let pan = pans.first(where: { pan in zip(pan, chars[2..<12]).filter { $0 != $1 }.count <= 3 }) {
            chars.replaceSubrange(2..<12, with: Array(pan))
        }
        // The 14th character is "Z" on GSTINs issued so far.
        if chars[13] == "2" { chars[13] = "Z" }
        if GSTIN.isValid(String(chars)) { return Reading(String(chars), confidence: 0.85) }
        // One look-alike swap of the kind its position holds ("D" read "O" in the PAN's letters), confirmed by the
        // check character: the entity number and the check character first, then in the state code or the PAN when
        // only one swap there fits.
        func swaps(at positions: [Int]) -> [String] {
            positions.flatMap { position in
                (lookAlikes[chars[position]] ?? []).filter { fits($0, kinds[position]) }.compactMap { alternative in
                    var candidate = chars
                    candidate[position] = alternative
                    return GSTIN.isValid(String(candidate)) ? String(candidate) : nil
                }
            }
        }
        if let swapped = swaps(at: [12, 14]).first { return Reading(swapped, confidence: 0.7) }
        let anywhere = Set(swaps(at: Array(0..<12)))
        return anywhere.count == 1 ? anywhere.first.map { Reading($0, confidence: 0.7) } : nil
    }

    private static func fits(_ c: Character, _ kind: Kind) -> Bool {
        switch kind {
        case .digit: c.isNumber
        case .letter: c.isLetter
        case .any: true
        }
    }
}
