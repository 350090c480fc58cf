/// What an amount on a bill is, judged by the label it stands under.
public enum AmountRole: Sendable, Hashable {
    /// "Grand Total", "Net Payable", "Amount Payable", "Invoice Total": the amount to pay.
    case payable
    /// A bare "Total": usually the amount to pay, but also table totals.
    case total
    /// "Total Current Charges", "Current Bill Amount": this period's charges, before arrears.
    case currentCharges
    /// "Sub Total", "Taxable Value", "Net amount" (Western, before VAT), "Food Total": before tax and charges.
    case subtotal
    /// One tax line: CGST, SGST, UTGST, IGST, GST, VAT, cess, sales tax.
    case tax(String)
    /// "Total Tax", "Tax Amount", "Total GST".
    case totalTax
    /// Added to the bill after the subtotal: service charge, delivery, packing.
    case charge
    /// Taken off the bill: discount, coupon.
    case discount
    /// "Round Off", "R.Off", "Rounding": a few paise either way.
    case roundOff
    /// Money handed over at the till and the change given back: tendered − change = total.
    case tendered(Tendered)
    /// Shown but not part of this bill's amount: previous balance, savings, late fee, quantities.
    case other

    public enum Tendered: Sendable, Hashable {
        case given, change
    }

    /// Beside the bill's arithmetic: never a total, a subtotal, a tax or a line item's amount.
    var isAside: Bool {
        switch self {
        case .other, .tendered: true
        default: false
        }
    }

    /// The lexicon's amount labels as words.
    static let phrases: [(words: [String], role: AmountRole)] = LabelLexicon.entries.compactMap { entry in
        guard case .amount(let role) = entry.role else { return nil }
        return (entry.phrase.split(separator: " ").map(String.init), role)
    }

    /// For each first word of a phrase, the phrases it starts (indices into `phrases`, in the lexicon's order).
    static let phrasesByFirstWord: [String: [Int]] = Dictionary(grouping: phrases.indices.filter { !phrases[$0].words.isEmpty }) {
        phrases[$0].words[0]
    }

    /// Every word of the lexicon's amount labels.
    static let labelWords = Set(phrases.flatMap(\.words))

    /// The labels a receipt's arithmetic turns on, which OCR often slips a letter of ("Tota!", "Grand Tota.", "Chanse",
    /// "Amaunt"). Only these are corrected: many everyday words are a letter away from other labels ("ground" and
    /// "round", "parking" and "packing").
    static let slipCorrected = ["total", "amount", "change", "rounding", "subtotal", "discount", "payable", "tendered",
                                "jumlah", "totaal", "mwst", "cgst", "sgst", "igst"]

    /// `word` read as the key label one letter away (a letter dropped, added or changed) when it is no label itself.
    static func correctingSlip(_ word: String) -> String {
        let length = word.count
        guard length >= 4, !labelWords.contains(word), word.allSatisfy(\.isLetter) else { return word }
        // "Totals", "Amounts": a table's sums or a heading, not a slip. A four-letter label with one letter changed is
        // often another word ("mwst": "must", "most"), so a short one is read only through a letter read in too many
        // ("MwsSt").
        let near = slipCorrected.filter { key in
            abs(key.count - length) <= 1 && isOneEditApart(key, word) && word != key + "s"
                && (key.count > 4 || length > key.count)
        }
        return near.count == 1 ? near[0] : word
    }

    /// "TotalGST", "ExclofGST": label words OCR ran together (the space between them lost) read as the words; a word
    /// that is a label itself, or not made of label words only, stays whole.
    static func splittingGlued(_ word: String) -> [String] {
        guard word.count >= 6, !labelWords.contains(word), word.allSatisfy(\.isLetter) else { return [word] }
        func split(_ rest: Substring) -> [String]? {
            if rest.isEmpty { return [] }
            for end in stride(from: rest.count, through: 2, by: -1) {
                let head = String(rest.prefix(end))
                if labelWords.contains(head), let tail = split(rest.dropFirst(end)) { return [head] + tail }
            }
            return nil
        }
        return split(Substring(word)) ?? [word]
    }

    static func isOneEditApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard x != y, abs(x.count - y.count) <= 1 else { return false }
        if x.count == y.count { return zip(x, y).filter { $0 != $1 }.count == 1 }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        return long.indices.contains { i in Array(long[..<i] + long[(i + 1)...]) == short }
    }

    /// The role of the phrase nearest the end of `label` (the amount follows the label); nil when nothing matches.
    static func classify(_ words: [String]) -> AmountRole? {
        let label = words.flatMap(splittingGlued).map(correctingSlip)
        var best: (end: Int, length: Int, role: AmountRole)?
        // Only a phrase whose first word is on the label can match; tried in the lexicon's order (ties go to the first).
        let candidates = Set(label).flatMap { phrasesByFirstWord[$0] ?? [] }.sorted()
        for (words, role) in candidates.map({ phrases[$0] }) {
            var searchFrom = 0
            while searchFrom < label.count, let start = Array(label[searchFrom...]).firstIndex(of: words) {
                let end = searchFrom + start + words.count
                if best.map({ end > $0.end || (end == $0.end && words.count > $0.length) }) ?? true {
                    best = (end, words.count, role)
                }
                searchFrom += start + 1
            }
        }
        return best?.role
    }
}
