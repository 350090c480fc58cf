import Foundation

/// The text of one bill, cut into lines with their amounts and dates found once, and the helpers every field
/// finder shares: what label an amount stands under, where the buyer's block is.
struct BillText: Sendable {
    let lines: [TextLine]
    let amounts: [[AmountMatch]]
    let dates: [[DateMatch]]
    /// Lines from a "Bill To" / "Buyer" heading to the end of that block: the customer's name, address and GSTIN.
    let buyerLines: Set<Int>
    /// A buyer heading beside the seller's block ("ACME GmbH        Rechnungsadresse:"): for each line of that block,
    /// the character column from which its cells are the customer's.
    let buyerColumns: [Int: Int]

    init(_ text: String) {
        lines = TextLine.lines(of: text)
        dates = lines.map { DateScanner.dates(in: $0.text) }
        amounts = zip(lines, dates).map { line, dates in
            // A number inside a date is not an amount ("21.05.25").
            AmountScanner.amounts(in: line.text).filter { a in !dates.contains { $0.start <= a.start && a.end <= $0.end } }
        }
        buyerLines = Self.buyerBlock(lines)
        buyerColumns = Self.buyerColumns(lines)
    }

    /// Whether the cell of `line` at `range` belongs to the customer: its whole line is in the buyer's block, or it
    /// stands in the column under a buyer heading printed beside the seller's details.
    func isBuyerCell(line index: Int, range: Range<Int>) -> Bool {
        if buyerLines.contains(index) { return true }
        guard let column = buyerColumns[index] else { return false }
        return range.upperBound > column
    }

    static let buyerHeadings = LabelLexicon.phrases(.buyer)
    /// Each heading with its words, split once.
    static let buyerHeadingWords = buyerHeadings.map { ($0, $0.split(separator: " ").map(String.init)) }
    /// "Customer No.", "Customer Care", "Buyer's Order No." are fields, not the start of the buyer's block; "Guest
    /// Folio", "Customer Invoice", "Guest Bill" ("Atithi Bill") are titles: a buyer word before a document's name; a
    /// "Guest House" is the business that lodges the guest.
    static let notHeadingNext: Set<String> = ["no", "care", "id", "number", "copy", "gstin", "signature", "seal", "s", "order",
                                              "folio", "invoice", "receipt", "bill", "house"]

    /// A buyer block starts at a heading ("Bill To", "Buyer (Bill to)", "M/s.") and runs for a few lines; the seller's
    /// own details come before it (or in the footer), so names and GSTINs inside it are the customer's. (A bill that
    /// opens with "M/s. …" names its seller that way.)
    private static func buyerBlock(_ lines: [TextLine]) -> Set<Int> {
        var block = Set<Int>()
        for line in lines {
            guard let first = line.cells.first, startsWithBuyerHeading(first, line: line.index) else { continue }
            for i in line.index..<min(lines.count, line.index + 6) { block.insert(i) }
        }
        return block
    }

    /// Whether `cell` opens with a buyer heading ("Bill To", "Kunde", "Cliente") rather than a field named after the
    /// buyer ("Customer No.").
    private static func startsWithBuyerHeading(_ cell: String, line index: Int) -> Bool {
        startsWithBuyerHeading(words: TextLine.words(of: cell), line: index)
    }

    private static func startsWithBuyerHeading(words: [String], line index: Int) -> Bool {
        buyerHeadingWords.contains { phrase, p in
            let sellersOwn = index < 2 && (phrase == "m s" || phrase == "ms")
            guard words.starts(with: p), !sellersOwn else { return false }
            guard words.count > p.count, notHeadingNext.contains(words[p.count]) else { return true }
            // "Grahak Bill To": the heading again in a second language, not a title ("Guest Bill").
            return startsWithBuyerHeading(words: Array(words.dropFirst(p.count)), line: index)
        }
    }

    /// Buyer headings that start a later cell of their line: the customer's block is the column from that heading's
    /// left edge (less a little, for text that starts a character early) for the few lines from it down.
    private static func buyerColumns(_ lines: [TextLine]) -> [Int: Int] {
        var columns: [Int: Int] = [:]
        for line in lines {
            for (cell, range) in zip(line.cells, line.cellRanges).dropFirst()
            where startsWithBuyerHeading(cell, line: line.index) {
                let column = max(0, range.lowerBound - 2)
                for i in line.index..<min(lines.count, line.index + 6) { columns[i] = min(columns[i] ?? column, column) }
            }
        }
        return columns
    }

    /// The words an amount stands under: the label cell just before it on its line ("Sub Total", "CGST @ 9%"), or,
    /// when that cell names nothing, everything before it on the line.
    func label(of amount: AmountMatch, onLine index: Int) -> [String] {
        let text = Array(lines[index].text)
        let previousEnd = amounts[index].last { $0.end <= amount.start }?.end ?? 0
        let immediate = String(text[previousEnd..<amount.start])
        let cells = TextLine.cells(of: immediate).filter { cell in
            let w = TextLine.words(of: cell)
            return !w.isEmpty && !w.allSatisfy { word in AmountScanner.currencyMarks.contains { $0.mark == word } || word == "%" }
        }
        if let last = cells.last {
            let words = TextLine.words(of: last)
            if AmountRole.classify(words) != nil { return words }
        }
        return TextLine.words(of: String(text[0..<amount.start]))
    }

    /// The label of a value starting at character `start` of line `index`: the text before it in its cell, else the
    /// cell before it, else — for a value alone at the start of its line — the heading above it (the heading in the
    /// same column when both lines have as many cells, as in "Invoice No.   Dated" over "277/25-26   06-Dec-2025").
    func labelWords(line index: Int, start: Int) -> (words: [String], headingLine: [String]) {
        let line = lines[index]
        let chars = Array(line.text)
        if let cell = line.cellIndex(at: start) {
            let before = TextLine.words(of: String(chars[line.cellRanges[cell].lowerBound..<start]))
            if before.contains(where: { $0.first?.isLetter == true }) { return (before, []) }
            // The cell before is the label, unless it is another value of a row under a row of labels ("R8981"
            // between "08.07.2026" and "15.07.2026", each under its own heading).
            if cell > 0 {
                let previous = TextLine.words(of: line.cells[cell - 1])
                let isValueUnderLabels = line.cells[cell - 1].contains(where: \.isNumber) && index > 0 && isLabelOnly(index - 1)
                if previous.contains(where: { $0.first?.isLetter == true }), !isValueUnderLabels { return (previous, []) }
            }
            guard index > 0, isLabelOnly(index - 1) else { return ([], []) }
            let above = lines[index - 1]
            if above.cells.count == line.cells.count {
                return (TextLine.words(of: above.cells[cell]), above.words)
            }
            if let k = alignedCell(in: above, with: line.cellRanges[cell]) {
                return (TextLine.words(of: above.cells[k]), above.words)
            }
            return cell == 0 ? (above.words, above.words) : ([], [])
        }
        return ([], [])
    }

    /// The cell of `line` standing over or under `range` of a neighbouring line: layout text keeps columns roughly
    /// aligned, so the nearest cell within a few characters.
    func alignedCell(in line: TextLine, with range: Range<Int>) -> Int? {
        let nearest = line.cellRanges.indices.min { gap(line.cellRanges[$0], range) < gap(line.cellRanges[$1], range) }
        return nearest.flatMap { gap(line.cellRanges[$0], range) <= 6 ? $0 : nil }
    }

    /// Characters between two column ranges; 0 when they overlap.
    private func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        max(0, max(a.lowerBound, b.lowerBound) - min(a.upperBound, b.upperBound))
    }

    /// Lines that carry nothing but a label (no amount, no date), e.g. a column of headings above or beside values.
    func isLabelOnly(_ index: Int) -> Bool {
        amounts[index].isEmpty && dates[index].isEmpty && lines[index].letterCount >= 3
    }
}
