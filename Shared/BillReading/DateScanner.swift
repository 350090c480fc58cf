import FintrakCore
import Foundation

/// A date printed on a bill, as read from one line.
public struct DateMatch: Sendable, Hashable {
    public var day: CalendarDay
    /// Character offsets in the line's text.
    var start: Int
    var end: Int
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

    private static let dayFirst = regex(#"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d])"#)
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
    /// ("11/09/2@17", "O5/O1/2018") are read as those digits and the line scanned again.
    public static func dates(in text: String) -> [DateMatch] {
        let found = scan(text)
        guard found.isEmpty else { return found }
        let repaired = digitLookAlikesRepaired(text)
        return repaired == text ? [] : scan(repaired)
    }

    /// Letters and signs OCR confuses with digits, and the digit each stands for.
    static let digitLookAlikes: [Character: Character] = [
        "O": "0", "o": "0", "@": "0", "Q": "0", "D": "0", "°": "0", "l": "1", "I": "1", "|": "1", "!": "1", "i": "1",
        "S": "5", "s": "5", "$": "5", "B": "8", "Z": "2", "z": "2", "g": "9",
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
        func add(_ m: NSTextCheckingResult, _ day: CalendarDay?) {
            guard let day, let range = Range(m.range, in: text) else { return }
            let start = text.distance(from: text.startIndex, to: range.lowerBound)
            let end = start + text[range].count
            if !found.contains(where: { $0.start < end && start < $0.end }) {
                found.append(DateMatch(day: day, start: start, end: end))
            }
        }
        func group(_ m: NSTextCheckingResult, _ i: Int) -> String { ns.substring(with: m.range(at: i)) }
        for m in yearFirst.matches(in: text, range: whole) {
            add(m, make(year: group(m, 1), month: Int(group(m, 3)), day: Int(group(m, 4))))
        }
        for m in dayFirst.matches(in: text, range: whole) {
            guard let a = Int(group(m, 1)), let b = Int(group(m, 3)) else { continue }
            // Day first, as India writes it; month first only when the day-first reading cannot be a date.
            let dayFirstReading = make(year: group(m, 4), month: b, day: a)
            add(m, dayFirstReading ?? make(year: group(m, 4), month: a, day: b))
        }
        for m in dayMonthName.matches(in: text, range: whole) {
            add(m, make(year: group(m, 3), month: month(named: group(m, 2)), day: Int(group(m, 1))))
        }
        for m in monthNameDay.matches(in: text, range: whole) {
            add(m, make(year: group(m, 3), month: month(named: group(m, 1)), day: Int(group(m, 2))))
        }
        return found.sorted { $0.start < $1.start }
    }

    static func month(named name: String) -> Int? {
        let lower = name.lowercased()
        return months.first { $0.names.contains(lower) }?.number
    }

    /// Two-digit years are this century; bills from before 2000 or after 2099 are misreadings ("2625").
    private static func make(year text: String, month: Int?, day: Int?) -> CalendarDay? {
        let digits = text.filter(\.isASCIIDigit)
        guard let month, let day, var year = Int(digits) else { return nil }
        if digits.count == 2 { year += 2000 }
        guard (2000...2099).contains(year) else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }
}
