import FintrakCore
import Foundation

/// The bill's own date: one labelled "Date", "Dated", "Invoice Date", "Bill Date", "Date of Issue" — never a due date,
/// a billing period, an order or delivery date, or the date a previous payment was received.
struct DateFinder {
    let bill: BillText

    static let positive = LabelLexicon.phrases(.date) + LabelLexicon.phrases(.issueDate)
    static let strong = LabelLexicon.phrases(.issueDate)
    static let negative = LabelLexicon.phrases(.otherDate)

    struct Candidate {
        var day: CalendarDay
        var line: Int
        var score: Double
        var labelled: Bool
        /// A digit of the year was taken for misread: never sure.
        var repaired = false
    }

    /// 2078 → 2018 when the reference is 2026: the latest year not after `reference` that differs from `year` in
    /// one of its last two digits.
    static func pastYearOneDigitAway(from year: Int, reference: Int) -> Int? {
        let century = year / 100 * 100, tens = year / 10 % 10, units = year % 10
        let options = (0...9).map { century + $0 * 10 + units } + (0...9).map { century + tens * 10 + $0 }
        return options.filter { $0 <= reference && $0 >= 2000 && $0 != year }.max()
    }

    /// Whether the bill writes its numeric dates month first: one of them can only be read so ("12/25/2026") and
    /// none only day first ("25/12/2026").
    func writesMonthFirst() -> Bool {
        let orders = bill.dates.joined().compactMap(\.order)
        return orders.contains(.monthFirstOnly) && !orders.contains(.dayFirstOnly)
    }

    func candidates(reference: CalendarDay?) -> [Candidate] {
        var out: [Candidate] = []
        let monthFirst = writesMonthFirst()
        for line in bill.lines {
            let dates = bill.dates[line.index].map { date -> DateMatch in
                guard monthFirst, case .either(let reading) = date.order else { return date }
                var swapped = date
                swapped.day = reading
                return swapped
            }
            for (k, date) in dates.enumerated() {
                var (score, labelled) = placement(line: line.index, start: date.start)
                if isInRange(date, at: k, in: dates, line: line) { score -= 6 }
                if date.repaired { score -= 2 }
                if let reference {
                    if date.day < reference.adding(days: -3 * 366) { score -= 2 }
                    // A bill is not dated after it was photographed (a week's grace for clocks and zones): a
                    // future year is a misread digit, most likely of the latest past year one digit away; a doubt.
                    if date.day > reference.adding(days: 7) {
                        if let year = Self.pastYearOneDigitAway(from: date.day.year, reference: reference.year),
                           let day = CalendarDay(year: year, month: date.day.month, day: date.day.day) {
                            out.append(Candidate(day: day, line: line.index, score: score - 3, labelled: labelled,
                                                 repaired: true))
                        }
                        score -= 8
                    }
                }
                out.append(Candidate(day: date.day, line: line.index, score: score, labelled: labelled,
                                     repaired: date.repaired))
            }
        }
        return out
    }

    /// What a date's place says of it: its label (the bill's date, or another such as a due date) and how far down
    /// the bill it is printed.
    private func placement(line: Int, start: Int) -> (score: Double, labelled: Bool) {
        let (label, heading) = bill.labelWords(line: line, start: start)
        var score = 0.0
        let labelled = label.contains(anyOf: Self.positive)
        if labelled { score += label.contains(anyOf: Self.strong) ? 5 : 4 }
        // A row of labels over a row of values ("Invoice date  Due date  Order date"): the other columns' labels say
        // nothing of a date whose own column names it.
        if label.contains(anyOf: Self.negative) || (!labelled && heading != label && heading.contains(anyOf: Self.negative)) {
            score -= 6
        }
        return (score - 0.05 * Double(line), labelled)
    }

    /// Where the bill prints something shaped like a date that reads as none ("49/05/16": a digit misread): another
    /// date whose value is unknown, scored by its place.
    func misreadDates() -> [(line: Int, score: Double)] {
        bill.lines.flatMap { line in
            DateScanner.misreadDateShapes(in: line.text, besides: bill.dates[line.index])
                .map { (line: line.index, score: placement(line: line.index, start: $0).score) }
        }
    }

    /// "15 Jan 2026 to 13 Feb 2026", "24-Apr-2025 - 23-May-2025": a billing period, not the bill's date.
    private func isInRange(_ date: DateMatch, at k: Int, in dates: [DateMatch], line: TextLine) -> Bool {
        let chars = Array(line.text)
        func joiner(_ a: DateMatch, _ b: DateMatch) -> Bool {
            let between = String(chars[a.end..<b.start]).trimmingCharacters(in: .whitespaces).lowercased()
            return ["to", "-", "till", "until", "upto", "through", "~"].contains(between)
        }
        if k + 1 < dates.count, joiner(date, dates[k + 1]) { return true }
        if k > 0, joiner(dates[k - 1], date) { return true }
        return false
    }

    func find(reference: CalendarDay?) -> Reading<CalendarDay>? {
        let all = candidates(reference: reference)
        guard let best = all.max(by: { ($0.score, -$0.line) < ($1.score, -$1.line) }) else { return nil }
        if let print = cleanReprint(of: best, among: all) { return Reading(print.day, confidence: 0.5) }
        // A date misread beyond reading may be another date or this one: it disagrees until shown otherwise.
        let misread = misreadDates()
        // An unlabelled date is the bill's when nothing else on it could be (a till receipt prints one date).
        let alone = !all.contains { $0.day != best.day } && misread.isEmpty
        var confidence = best.labelled && best.score > 0 ? 0.85 : (best.score > -1 ? (alone ? 0.65 : 0.55) : 0.3)
        if best.repaired { confidence = min(confidence, 0.4) }
        // Another well-placed date that disagrees makes the choice less certain.
        if all.contains(where: { $0.day != best.day && $0.score > best.score - 1 })
            || misread.contains(where: { $0.score > best.score - 1 }) {
            confidence -= 0.2
        }
        return Reading(best.day, confidence: confidence)
    }
}

extension DateFinder {
    /// The same date printed again and read without repair: the bill's date read beside its label needed a digit of
    /// its year taken for misread ("Date: 19/3/2617"), and another date on the bill, not labelled as some other date,
    /// has that year and that day ("19/09/2017"). A due or delivery date shares the month far more often than the day,
    /// so the month beside the label is the misread part.
    func cleanReprint(of best: Candidate, among all: [Candidate]) -> Candidate? {
        guard best.repaired else { return nil }
        return all.filter {
            !$0.repaired && $0.line != best.line && $0.score > -4 && $0.day.year == best.day.year
                && $0.day.day == best.day.day && $0.day.month != best.day.month
        }.max { $0.score < $1.score }
    }
}

extension CalendarDay {
    /// The day `days` after this one (before it when negative).
    public func adding(days: Int) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard let start = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              let moved = calendar.date(byAdding: .day, value: days, to: start) else { return self }
        return CalendarDay(moved, in: .gmt)
    }
}
