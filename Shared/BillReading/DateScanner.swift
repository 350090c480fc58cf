import FintrakCore
import Foundation

/// A date printed on a bill, as read from one line.
public struct DateMatch: Sendable, Hashable {
    public var day: CalendarDay
    /// Character offsets in the line's text.
    var start: Int
    var end: Int
    /// Read only after taking a printed digit for misread (a year "2617" as 2017) or an unusual form
    /// ("27032018" without separators): a doubt, never sure.
    var repaired = false
    /// For numbers alone ("05/03/2026"), which orders of day and month make a date.
    var order: NumericOrder?

    /// The readings a numeric date allows: bills that show one month-first date write them all so.
    enum NumericOrder: Sendable, Hashable {
        case dayFirstOnly
        case monthFirstOnly
        /// Both make a date; `day` is read day first, this is the month-first reading.
        case either(monthFirst: CalendarDay)
    }
}

/// Finds dates the way Indian bills write them: day first ("05/03/2026", "21.05.25", "07-06-2025"), ISO
/// ("2025-05-01"), month names ("14 Feb 2026", "08-Aug-2025", "2 March 2025", "March 2, 2025"), two-digit years.
/// Month-first only when the day-first reading is impossible ("12/25/2024").
public enum DateScanner {
    /// Month names in English, Dutch, French, German, Spanish and Malay, with their usual abbreviations.
    static let months: [(names: [String], number: Int)] = [
        (["january", "jan", "januari", "janvier", "januar", "janv", "enero", "ene"], 1),
        (["february", "feb", "februari", "février", "fevrier", "februar", "févr", "fevr", "febrero"], 2),
        (["march", "mar", "maart", "mars", "märz", "maerz", "mac", "mrt", "marzo"], 3),
        (["april", "apr", "avril", "avr", "abril", "abr"], 4),
        (["may", "mei", "mai", "mayo"], 5),
        (["june", "jun", "juni", "juin", "junio"], 6),
        (["july", "jul", "juli", "juillet", "juil", "julio"], 7),
        (["august", "aug", "augustus", "août", "aout", "ogos", "agosto", "ago"], 8),
        (["september", "sept", "sep", "septembre", "septiembre", "setiembre"], 9),
        (["october", "oct", "oktober", "octobre", "okt", "octubre"], 10),
        (["november", "nov", "novembre", "noviembre"], 11),
        (["december", "dec", "décembre", "decembre", "dezember", "dez", "disember", "déc", "diciembre", "dic"], 12),
    ]

    private static let monthPattern = months.flatMap(\.names).sorted { $0.count > $1.count }.joined(separator: "|")

    /// The year may be split by a space OCR put in ("18/04/20 17"), unless a time follows ("18/04/20 17:30").
    private static let dayFirst = regex(
        #"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|20 \d{2}(?![\d:])|\d{2})(?![\d])"#)
    /// Day, month and year run together ("27032018"), as some tills print them.
    private static let compact = regex(#"(?<![\w/.\-])(\d{2})(\d{2})(20\d{2})(?![\w/.\-])"#)
    private static let yearFirst = regex(#"(?<![\d/.\-])(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/.\-])"#)
    /// Between day, month and year: punctuation and spaces, or Spanish "de" ("6 de diciembre de 2026").
    private static let dateJoiner = #"(?:\s+del?\s+|[\s./,'\-]{0,3})"#
    private static let dayMonthName = regex(
        #"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?"# + dateJoiner + "(" + monthPattern + #")\b\.?"# + dateJoiner
            + #"(\d{4}|'?\d{2})(?![\d])"#)
    private static let monthNameDay = regex(#"\b("# + monthPattern + #")\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(\d{4})(?![\d])"#)

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants; a typo is a programming error caught by the first test run.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// The dates on a line; when none reads as printed, letters OCR takes for digits inside runs of digits
    /// ("11/09/2@17", "O5/O1/2018") are read as those digits and the line scanned again, and then day, month and
    /// year run together ("27032018") are read as a doubtful date.
    public static func dates(in text: String) -> [DateMatch] {
        let found = scan(text)
        guard found.isEmpty else { return found }
        let repaired = digitLookAlikesRepaired(text)
        let again = repaired == text ? [] : scan(repaired)
        guard again.isEmpty else { return again }
        let slipped = monthSlipDates(in: text)
        return slipped.isEmpty ? compactDates(in: text) : slipped
    }

    /// A day, a word and a four-digit year where the word is one letter off a single month's name of four letters or
    /// more ("31 aodt 2024" for "31 août 2024", "3 Juy 2025"): that month, as a doubt.
    private static let dayWordYear = regex(#"(?<![\d])(\d{1,2})\.?\s{1,3}(\p{L}{4,10})\.?,?\s{1,3}(\d{4})(?![\d])"#)

    static func monthSlipDates(in text: String) -> [DateMatch] {
        let ns = text as NSString
        return dayWordYear.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let word = ns.substring(with: m.range(at: 2)).lowercased()
            guard month(named: word) == nil else { return nil }
            let near = Set(months.filter { month in
                month.names.contains { $0.count >= 4 && AmountRole.isOneEditApart($0, word) }
            }.map(\.number))
            guard near.count == 1, let reading = make(year: ns.substring(with: m.range(at: 3)), month: near.first,
                                                         day: Int(ns.substring(with: m.range(at: 1)))),
                  let span = characterSpan(of: m, in: text) else { return nil }
            return DateMatch(day: reading.day, start: span.start, end: span.end, repaired: true)
        }
    }

    /// "27032018": a day, month and year run together with nothing else in the word; doubtful.
    static func compactDates(in text: String) -> [DateMatch] {
        let ns = text as NSString
        return compact.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            guard let day = Int(ns.substring(with: m.range(at: 1))), let month = Int(ns.substring(with: m.range(at: 2))),
                  let year = Int(ns.substring(with: m.range(at: 3))),
                  let date = CalendarDay(year: year, month: month, day: day),
                  let span = characterSpan(of: m, in: text) else { return nil }
            return DateMatch(day: date, start: span.start, end: span.end, repaired: true)
        }
    }

    /// Letters and signs OCR confuses with digits, and the digit each stands for.
    static let digitLookAlikes: [Character: Character] = [
        "O": "0", "o": "0", "@": "0", "Q": "0", "D": "0", "°": "0", "l": "1", "I": "1", "|": "1", "!": "1", "i": "1",
        "S": "5", "s": "5", "$": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "T": "7",
    ]

    /// Each space-separated run with at least four digits and one or two look-alikes has them read as digits; the
    /// text keeps its length, so positions stay valid.
    static func digitLookAlikesRepaired(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { token -> String in
            let digits = token.filter(\.isASCIIDigit).count
            let lookAlikes = token.filter { digitLookAlikes[$0] != nil }.count
            guard digits >= 4, (1...2).contains(lookAlikes) else { return String(token) }
            return String(token.map { digitLookAlikes[$0] ?? $0 })
        }.joined(separator: " ")
    }

    private static func scan(_ text: String) -> [DateMatch] {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        var found: [DateMatch] = []
        func add(_ m: NSTextCheckingResult, _ reading: (day: CalendarDay, repaired: Bool)?,
                 order: DateMatch.NumericOrder? = nil) {
            guard let reading, let span = characterSpan(of: m, in: text) else { return }
            if !found.contains(where: { $0.start < span.end && span.start < $0.end }) {
                found.append(DateMatch(day: reading.day, start: span.start, end: span.end, repaired: reading.repaired,
                                       order: order))
            }
        }
        func group(_ m: NSTextCheckingResult, _ i: Int) -> String { ns.substring(with: m.range(at: i)) }
        for m in yearFirst.matches(in: text, range: whole) {
            add(m, make(year: group(m, 1), month: Int(group(m, 3)), day: Int(group(m, 4))))
        }
        for m in dayFirst.matches(in: text, range: whole) {
            guard let a = Int(group(m, 1)), let b = Int(group(m, 3)) else { continue }
            // Day first, as most of the world writes it; month first when the day-first reading cannot be a date.
            let dayFirstReading = make(year: group(m, 4), month: b, day: a)
            let monthFirstReading = make(year: group(m, 4), month: a, day: b)
            if let dayFirstReading {
                add(m, dayFirstReading, order: monthFirstReading.map { .either(monthFirst: $0.day) } ?? .dayFirstOnly)
            } else {
                add(m, monthFirstReading, order: .monthFirstOnly)
            }
        }
        for m in dayMonthName.matches(in: text, range: whole) {
            add(m, make(year: group(m, 3), month: month(named: group(m, 2)), day: Int(group(m, 1))))
        }
        for m in monthNameDay.matches(in: text, range: whole) {
            add(m, make(year: group(m, 3), month: month(named: group(m, 1)), day: Int(group(m, 2))))
        }
        return found.sorted { $0.start < $1.start }
    }

    /// Two numbers and a year with the same separator between them ("49/05/16", "19/13/2018").
    private static let numericShape = regex(#"(?<![\d/.\-])\d{1,2}\s?([/.\-])\s?\d{1,2}\s?\1\s?\d{2,4}(?![\d/.\-])"#)

    /// Where `text` holds something written like a numeric date that is none of `dates` (a digit misread beyond
    /// reading: day 49, month 13): the character offsets where each starts.
    static func misreadDateShapes(in text: String, besides dates: [DateMatch]) -> [Int] {
        let ns = text as NSString
        return numericShape.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            guard let span = characterSpan(of: m, in: text) else { return nil }
            return dates.contains { $0.start < span.end && span.start < $0.end } ? nil : span.start
        }
    }

    /// Where a match lies in `text`, in characters (as `DateMatch` and the bill's lines count), not UTF-16 units.
    private static func characterSpan(of match: NSTextCheckingResult, in text: String) -> (start: Int, end: Int)? {
        guard let range = Range(match.range, in: text) else { return nil }
        let start = text.distance(from: text.startIndex, to: range.lowerBound)
        return (start, start + text[range].count)
    }

    static func month(named name: String) -> Int? {
        let lower = name.lowercased()
        return months.first { $0.names.contains(lower) }?.number
    }

    /// Two-digit years are this century. A four-digit year out of it is a misreading: "2617", "2817", "2917" are
    /// 2017 with the 0 misread (a doubt); any other is no date.
    private static func make(year text: String, month: Int?, day: Int?) -> (day: CalendarDay, repaired: Bool)? {
        let digits = text.filter(\.isASCIIDigit)
        guard let month, let day, var year = Int(digits) else { return nil }
        if digits.count == 2 { year += 2000 }
        var repaired = false
        if !(2000...2099).contains(year), digits.count == 4, year / 1000 == 2, [6, 8, 9].contains(year / 100 % 10) {
            year = 2000 + year % 100
            repaired = true
        }
        guard (2000...2099).contains(year), let date = CalendarDay(year: year, month: month, day: day) else { return nil }
        return (date, repaired)
    }
}
