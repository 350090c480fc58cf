import Foundation

/// A number printed on a bill, as read from one line.
public struct AmountMatch: Sendable, Hashable {
    public var value: Decimal
    /// Character offsets in the line's text.
    var start: Int
    var end: Int
    /// Digits after the decimal separator (2 for money).
    var fractionDigits: Int
    /// Followed by "%": a rate, not an amount.
    public var isPercentage: Bool
    /// ISO code of a currency sign or word written right beside it.
    var currency: String?

    /// Written like money: two decimals or a currency sign.
    var isMoneyLike: Bool { !isPercentage && (fractionDigits == 2 || currency != nil) }
}

/// Finds amounts in a line: "1,23,456.50", "29,546.00", "€ 9.137,47", "4.237,30 €", "Rs.728.00", "-0.26", "(-)0.24".
/// Indian (lakh) and Western grouping, a comma or a point as decimal separator; dates and codes are left alone.
public enum AmountScanner {
    /// Currency signs and words that may stand next to an amount (CurrencyDetector votes with the same table).
    public static let currencyMarks: [(mark: String, code: String)] = [
        ("₹", "INR"), ("rs", "INR"), ("inr", "INR"), ("$", "USD"), ("usd", "USD"), ("us$", "USD"),
        ("€", "EUR"), ("eur", "EUR"), ("£", "GBP"), ("gbp", "GBP"), ("₪", "ILS"), ("ils", "ILS"), ("nis", "ILS"),
        ("aed", "AED"), ("sgd", "SGD"), ("s$", "SGD"), ("¥", "JPY"), ("jpy", "JPY"), ("chf", "CHF"), ("rm", "MYR"), ("myr", "MYR"),
    ]

    public static func amounts(in text: String) -> [AmountMatch] {
        let chars = readingZerosAfterCurrency(Array(text))
        var found: [AmountMatch] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit, i == 0 || !isWordGlue(chars[i - 1], before: chars, at: i) else {
                i += 1
                continue
            }
            var (end, raw) = run(chars, from: i)
            // "RM34 60" at the end of its cell: a currency's whole units and cents, the point lost.
            if raw.allSatisfy(\.isASCIIDigit), raw.count <= 4, currency(before: i, in: chars) != nil, end + 2 < chars.count,
               chars[end] == " ", digitsAhead(chars, from: end + 1) == 2, endsCell(chars, at: end + 3) {
                raw += "." + String(chars[end + 1...end + 2])
                end += 3
            }
            if let match = interpret(raw, chars: chars, start: i, end: end) { found.append(match) }
            i = end
        }
        return found
    }

    /// "RMO.01", "RO.40": a letter O right after a currency mark and before the decimals is OCR's reading of 0 (same
    /// length, so offsets into the line hold).
    static func readingZerosAfterCurrency(_ chars: [Character]) -> [Character] {
        var out = chars
        for i in chars.indices where (chars[i] == "O" || chars[i] == "o") && i + 2 < chars.count
            && (chars[i + 1] == "." || chars[i + 1] == ",") && chars[i + 2].isASCIIDigit
            && (i + 3 == chars.count || !chars[i + 3].isLetter) {
            let mark = currencyMark(before: i, in: chars)
            // The mark must end right where the O starts (the O itself is a letter of the word otherwise).
            var k = i - 1
            while k >= 0, chars[k] == " " { k -= 1 }
            if mark != nil, k >= 0, !chars[k].isLetter || isCurrencyWord(chars, endingAt: k) { out[i] = "0" }
        }
        return out
    }

    private static func isCurrencyWord(_ chars: [Character], endingAt end: Int) -> Bool {
        var start = end
        while start > 0, chars[start - 1].isLetter { start -= 1 }
        let word = String(chars[start...end]).lowercased()
        return currencyMarks.contains { $0.mark == word }
    }

    /// A digit glued to letters ("KA16", "PO6153") belongs to a code, unless the letters are a currency ("Rs.728", "INR2379").
    private static func isWordGlue(_ previous: Character, before chars: [Character], at index: Int) -> Bool {
        if previous.isASCIIDigit { return true }
        guard previous.isLetter else { return false }
        var start = index - 1
        while start > 0, chars[start - 1].isLetter { start -= 1 }
        let word = String(chars[start..<index]).lowercased()
        return !currencyMarks.contains { $0.mark == word }
    }

    /// Digits with "," or "." between them; "1,08, 906.00" (a space after a grouping comma) and
    /// "17-33" at the end of a line (a decimal point read as a hyphen) are taken as OCR slips.
    private static func run(_ chars: [Character], from start: Int) -> (end: Int, raw: String) {
        var j = start
        var raw = ""
        var groupDigits = 0   // digits since the start or the last space taken for a thousands separator
        var spaceGrouped = false
        while j < chars.count {
            let c = chars[j]
            if c.isASCIIDigit {
                raw.append(c)
                groupDigits += 1
                j += 1
            } else if groupSpaces.contains(c), raw.allSatisfy(\.isASCIIDigit),
                      spaceGrouped ? groupDigits == 3 : (1...3).contains(groupDigits),
                      endsSpaceGrouping(chars, from: j + 1, space: c) {
                // "1 234,56 €", "12 345,00": French, Swiss and Nordic bills group thousands with a space (often a
                // narrow no-break space); a plain space only before a comma and cents, as in "5 002,50".
                spaceGrouped = true
                groupDigits = 0
                j += 1
            } else if (c == "," || c == "."), j + 1 < chars.count, chars[j + 1].isASCIIDigit {
                raw.append(c)
                j += 1
            } else if c == ",", j + 2 < chars.count, chars[j + 1] == " ", chars[j + 2].isASCIIDigit,
                      digitsAhead(chars, from: j + 2) == 3, !raw.contains(".") {
                raw.append(c)
                j += 2
            } else if c == ".", j + 2 < chars.count, chars[j + 1] == " ", !raw.contains("."),
                      digitsAhead(chars, from: j + 2) == 2, endsCell(chars, at: j + 4) {
                // "49. 39" at the end of its cell: OCR often sets the cents apart from the point.
                raw.append(c)
                j += 2
            } else if c == "-", !raw.contains(where: { $0 == "." || $0 == "," || $0 == "-" }),
                      digitsAhead(chars, from: j + 1) == 2, restIsBlank(chars, from: j + 3) {
                raw.append(".")
                j += 1
            } else {
                break
            }
        }
        return (j, raw)
    }

    /// Spaces that may group thousands: a plain, a no-break and a narrow no-break space.
    static let groupSpaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]

    /// Whether three digits at `start`, perhaps more groups of three after the same space, end in a decimal comma and
    /// cents ("234,56"), or (after a no-break space, which never separates two numbers) at the number's end.
    private static func endsSpaceGrouping(_ chars: [Character], from start: Int, space: Character) -> Bool {
        var k = start
        while digitsAhead(chars, from: k) == 3 {
            k += 3
            if k < chars.count, chars[k] == space, digitsAhead(chars, from: k + 1) == 3 {
                k += 1
                continue
            }
            if k + 2 < chars.count, chars[k] == ",", digitsAhead(chars, from: k + 1) == 2 { return true }
            return space != " " && (k >= chars.count || !(chars[k].isLetter || chars[k] == "," || chars[k] == "."))
        }
        return false
    }

    private static func digitsAhead(_ chars: [Character], from start: Int) -> Int {
        var n = 0
        while start + n < chars.count, chars[start + n].isASCIIDigit { n += 1 }
        return n
    }

    /// Whether a cell ends at `index`: the line's end or a column gap of two spaces.
    private static func endsCell(_ chars: [Character], at index: Int) -> Bool {
        index >= chars.count || (chars[index] == " " && (index + 1 >= chars.count || chars[index + 1] == " "))
    }

    private static func restIsBlank(_ chars: [Character], from start: Int) -> Bool {
        start >= chars.count || chars[start...].allSatisfy { $0 == " " || $0 == "|" || $0 == ")" }
    }

    private static func interpret(_ raw: String, chars: [Character], start: Int, end: Int) -> AmountMatch? {
        guard let (value, fraction) = parseNumber(raw) else { return nil }
        var after = end
        while after < chars.count, chars[after] == " " { after += 1 }
        let isPercentage = after < chars.count && chars[after] == "%"
        var match = AmountMatch(value: value, start: start, end: end, fractionDigits: fraction, isPercentage: isPercentage,
                                currency: currency(before: start, in: chars) ?? currency(after: end, in: chars))
        if !isPercentage, isNegative(before: start, end: end, in: chars) { match.value = -value }
        return match
    }

    /// Digits, grouping separators and at most one decimal separator (the last, followed by 1 or 2 digits).
    static func parseNumber(_ raw: String) -> (Decimal, Int)? {
        let separators = raw.enumerated().filter { $0.element == "," || $0.element == "." }
        var integerPart = raw
        var fraction = ""
        if let last = separators.last {
            let tail = raw.count - last.offset - 1
            let kinds = Set(separators.map(\.element))
            let lastIsDecimal = tail <= 2 || (kinds.count == 1 && separators.count == 1 && last.element == "." && tail != 3)
            if lastIsDecimal {
                integerPart = String(raw.prefix(last.offset))
                fraction = String(raw.suffix(tail))
                // The decimal separator is not also used for grouping ("21.05.25" is a date, not an amount).
                if integerPart.contains(last.element) { return nil }
            }
            let grouping = Set(integerPart.filter { $0 == "," || $0 == "." })
            if grouping.count > 1 { return nil }
            if let mark = grouping.first, !validGroups(integerPart.split(separator: mark, omittingEmptySubsequences: false)) {
                return nil
            }
        }
        let digits = integerPart.filter(\.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 13 else { return nil }
        guard let value = Decimal(string: fraction.isEmpty ? digits : digits + "." + fraction,
                                  locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return (value, fraction.count)
    }

    /// "1,23,456" (lakh) or "123,456" or "1.234.567": a leading group of 1–3 digits, then groups of 2 or 3, the last of 3.
    private static func validGroups(_ groups: [Substring]) -> Bool {
        guard groups.count > 1, let first = groups.first, let last = groups.last,
              (1...3).contains(first.count), last.count == 3 else { return false }
        return groups.dropFirst().dropLast().allSatisfy { $0.count == 2 || $0.count == 3 }
    }

    /// The currency sign or word just before `start` and where it begins.
    private static func currencyMark(before start: Int, in chars: [Character]) -> (code: String, start: Int)? {
        var j = start - 1
        while j >= 0, chars[j] == " " || chars[j] == "." || chars[j] == ":" || chars[j] == "-" { j -= 1 }
        guard j >= 0 else { return nil }
        if let sign = currencyMarks.first(where: { $0.mark.count == 1 && $0.mark.first == chars[j] }) { return (sign.code, j) }
        var k = j
        while k > 0, chars[k - 1].isLetter || chars[k - 1] == "$" { k -= 1 }
        let word = String(chars[k...j]).lowercased()
        return currencyMarks.first { $0.mark == word }.map { ($0.code, k) }
    }

    private static func currency(before start: Int, in chars: [Character]) -> String? {
        currencyMark(before: start, in: chars)?.code
    }

    /// A sign or code written after the amount ("4.237,30 €", "120.00 EUR"), unless it begins the next amount ("$ 118.04").
    private static func currency(after end: Int, in chars: [Character]) -> String? {
        var j = end
        while j < chars.count, chars[j] == " " { j += 1 }
        guard j < chars.count else { return nil }
        var k = j
        if chars[k].isLetter {
            while k < chars.count, chars[k].isLetter { k += 1 }
        } else {
            k += 1
        }
        let mark = String(chars[j..<k]).lowercased()
        guard mark.count == 1 || mark.count == 3, let code = currencyMarks.first(where: { $0.mark == mark })?.code else {
            return nil
        }
        var next = k
        while next < chars.count, chars[next] == " " || chars[next] == "." { next += 1 }
        return next < chars.count && chars[next].isASCIIDigit ? nil : code
    }

    /// "-372.00", "-₹372.00", "(-)0.24", "(0.26)"; a dash with a space after it is a separator ("TOTAL - 64,045.00").
    private static func isNegative(before start: Int, end: Int, in chars: [Character]) -> Bool {
        var j = start - 1
        // Look past a currency sign or word written between the sign and the digits.
        if j >= 0, chars[j] != "-", chars[j] != "(", let mark = currencyMark(before: start, in: chars) {
            j = mark.start - 1
            while j >= 0, chars[j] == " " { j -= 1 }
        }
        guard j >= 0 else { return false }
        if chars[j] == "-" { return j == 0 || !(chars[j - 1].isASCIIDigit || chars[j - 1].isLetter) }
        if chars[j] == "(" { return end < chars.count && chars[end] == ")" }
        if chars[j] == ")", j >= 2, chars[j - 1] == "-", chars[j - 2] == "(" { return true }
        return false
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
