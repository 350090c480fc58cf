import Foundation

/// Reads amounts written in words, as Indian invoices print them under the figures ("Rupees One Lakh Three Thousand Two
/// Hundred Fifty Only", "INR Eleven Thousand Two Hundred Eighteen and Fifty Eight paise Only"). Words survive OCR
/// better than digits, so they confirm or correct the figures.
enum AmountInWords {
    struct Found: Sendable, Hashable {
        var value: Decimal
        /// Under a "Tax Amount (in words)" label rather than the bill's amount.
        var isTax: Bool
    }

    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Int] = [
        "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
        "crore": 10_000_000, "crores": 10_000_000, "million": 1_000_000,
    ]

    static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || scales[word] != nil || word == "hundred"
    }

    /// Every amount in words in the bill, with whether its label says it is the tax.
    static func find(in bill: BillText) -> [Found] {
        var found: [Found] = []
        var continued = Set<Int>()
        for line in bill.lines where !continued.contains(line.index) {
            // Words wrap: "RUPEES TWENTY NINE THOUSAND   Add: CGST …" / "FIVE HUNDRED FORTY SIX ONLY".
            var words = line.words
            var next = line.index + 1
            while next < bill.lines.count, let end = endOfUnfinishedRun(words),
                  let first = bill.lines[next].words.first, isNumberWord(first) || first == "only" || first == "and" {
                words = Array(words[..<end]) + bill.lines[next].words
                continued.insert(next)
                next += 1
            }
            guard let value = parse(words) else { continue }
            // The label is before the words on their line, or on the line above ("Amount Chargeable (in words)").
            let above = line.index > 0 ? bill.lines[line.index - 1].words : []
            let context = line.words.prefix { !isNumberWord($0) } + (above.contains("words") ? above : [])
            found.append(Found(value: value, isTax: context.contains("tax")))
        }
        return found
    }

    /// Where the run of number words in `words` stops, when it stops without "only" or "paise" (it may go on below).
    private static func endOfUnfinishedRun(_ words: [String]) -> Int? {
        guard var i = words.firstIndex(where: { units[$0] != nil }) else { return nil }
        while i < words.count, isNumberWord(words[i]) || (words[i] == "and" && i + 1 < words.count && isNumberWord(words[i + 1])) {
            i += 1
        }
        if i < words.count, ["only", "paise", "paisa"].contains(words[i]) { return nil }
        return i
    }

    /// The first run of number words in `words`, with paise after "and … paise"; nil when there is none or the run is
    /// garbled (an unknown word between number words).
    static func parse(_ words: [String]) -> Decimal? {
        guard let start = words.firstIndex(where: { units[$0] != nil }) else { return nil }
        var rupees: [String] = []
        var paise: [String] = []
        var inPaise = false
        var i = start
        while i < words.count {
            let word = words[i]
            if isNumberWord(word) {
                if inPaise { paise.append(word) } else { rupees.append(word) }
            } else if word == "and", i + 1 < words.count, isNumberWord(words[i + 1]) {
                // "… Eighteen and Fifty Eight paise": paise follow only if the run ends in "paise".
                let rest = words[(i + 1)...].prefix { isNumberWord($0) }
                let after = i + 1 + rest.count
                if after < words.count, words[after] == "paise" || words[after] == "paisa" {
                    inPaise = true
                } else {
                    rupees += rest
                    i = after
                    continue
                }
            } else if word == "paise" || word == "paisa" || word == "only" {
                break
            } else if i + 1 < words.count, isNumberWord(words[i + 1]) {
                return nil
            } else {
                break
            }
            i += 1
        }
        // One stray number word ("one" in "one time charges") is not an amount in words.
        guard rupees.count >= 2 || (i < words.count && words[i] == "only"),
              let whole = value(of: rupees), let fraction = paise.isEmpty ? 0 : value(of: paise), fraction < 100
        else { return nil }
        return Decimal(whole) + Decimal(fraction) / 100
    }

    private static func value(of words: [String]) -> Int? {
        var total = 0
        var current = 0
        for word in words {
            if let unit = units[word] {
                current += unit
            } else if word == "hundred" {
                current = max(current, 1) * 100
            } else if let scale = scales[word] {
                total += max(current, 1) * scale
                current = 0
            } else {
                return nil
            }
        }
        let value = total + current
        return value > 0 ? value : nil
    }
}
