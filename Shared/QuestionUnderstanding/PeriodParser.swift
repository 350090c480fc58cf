import FintrakCore

extension Period {
    /// A period named relative to today ("last month"), shown with its dates: "last month (October 2026)".
    package static func relative(_ name: String, _ range: DateRange, today: CalendarDay) -> Period {
        Period(range: range, label: "\(name) (\(range.capped(at: today).display))")
    }

    /// A period given by dates or a month's name, described by them: "in September 2026", "on 5 Mar 2026".
    package static func dated(_ range: DateRange) -> Period {
        if range.first == range.last { return Period(range: range, label: "on \(range.first.display)") }
        if range.isWholeMonth || range.isWholeYear { return Period(range: range, label: "in \(range.display)") }
        if range.first.month == 4, range.first.day == 1, range.last == CalendarDay(year: range.first.year + 1, month: 3, day: 31) {
            return Period(range: range, label: "in FY \(range.first.year)-\(String(format: "%02d", (range.first.year + 1) % 100))")
        }
        if range.first == Period.beginning { return Period(range: range, label: "up to \(range.last.display)") }
        return Period(range: range, label: "from \(range.first.display) to \(range.last.display)")
    }

    /// The start of "before 1 Aug" and "until 15 Sep": earlier than any bill.
    package static let beginning = CalendarDay(clampingYear: readableYears.lowerBound, month: 1, day: 1)

    /// Years a written date may name; "1/1/0000" or "5/3/10000" is answered as a date that could not be read.
    package static let readableYears = 1900...2100

    /// The span just before this one, for "compare this month": the previous year, month, or as many days.
    package var previous: Period {
        let first = range.first
        if first.month == 1, first.day == 1, range.last.year == first.year, range.monthCount > 1 {
            return .dated(.year(first.year - 1))
        }
        if first.day == 1, range.monthCount == 1 {
            let month = first.addingMonths(-1)
            return .dated(.month(month.year, month.month))
        }
        return .dated(DateRange(first: first.adding(days: -range.dayCount), last: first.adding(days: -1)))
    }
}

/// Finds the time words of a question and turns them into date ranges, counted from `today` in the business's
/// time zone (CONTRACT.md, "Meanings of time words").
package struct PeriodParser {
    package struct Match: Hashable {
        package var tokens: Range<Int>
        /// nil: "so far", "ab tak" — all time.
        package var period: Period?
        /// The unit a relative period was counted in, for "compare this month with last".
        package var unit: TimeUnit?

        package init(tokens: Range<Int>, period: Period? = nil, unit: TimeUnit? = nil) {
            self.tokens = tokens
            self.period = period
            self.unit = unit
        }
    }

    package let tokens: [Token]
    package let today: CalendarDay

    package func matches() -> [Match] {
        var found: [Match] = []
        var index = 0
        while index < tokens.count {
            if let match = match(at: index) {
                found.append(match)
                index = match.tokens.upperBound
            } else {
                index += 1
            }
        }
        return found + ellipticalLast(after: found)
    }

    // MARK: Patterns

    private func match(at i: Int) -> Match? {
        endingOn(at: i) ?? allTime(at: i) ?? range(at: i) ?? relative(at: i) ?? financialYear(at: i) ?? quarter(at: i) ?? half(at: i) ?? single(at: i)
    }

    private func word(_ i: Int) -> Word? { tokens[safe: i]?.word }
    private func text(_ i: Int) -> String? { tokens[safe: i]?.text }

    /// "quarter ended 30th September 2026", "year ending 31 March": the whole unit that ends on that day.
    private func endingOn(at i: Int) -> Match? {
        guard case .unit(let unit) = word(i), ["ended", "ending", "ends"].contains(text(i + 1)),
              let point = endpoint(at: i + 2) else { return nil }
        let last = resolve(point).last
        let first = switch unit {
        case .day: last
        case .week: last.adding(days: -6)
        case .month: last.addingMonths(-1).adding(days: 1)
        case .quarter: last.addingMonths(-3).adding(days: 1)
        case .year: last.addingMonths(-12).adding(days: 1)
        }
        return Match(tokens: i..<point.next, period: .dated(DateRange(first: first, last: last)))
    }

    /// "so far", "till now", "till date", "ab tak", "aaj tak", "all time", "overall", "ytd", "mtd".
    private func allTime(at i: Int) -> Match? {
        let pairs: Set<[String]> = [["so", "far"], ["till", "now"], ["till", "date"], ["to", "date"], ["ab", "tak"],
                                    ["abhi", "tak"], ["aaj", "tak"], ["all", "time"], ["until", "now"], ["up", "to", "now"]]
        for pair in pairs where i + pair.count <= tokens.count && tokens[i..<(i + pair.count)].map(\.text) == pair {
            return Match(tokens: i..<(i + pair.count), period: nil)
        }
        // "month to date", "year till date": this month or year so far, like "mtd" and "ytd".
        if case .unit(let unit) = word(i), unit == .month || unit == .year, word(i + 1) == .to, text(i + 2) == "date" {
            return Match(tokens: i..<(i + 3), period: current(unit), unit: unit)
        }
        if word(i) == .soFar { return Match(tokens: i..<(i + 1), period: nil) }
        if word(i) == .toDate {
            let isMonth = text(i) == "mtd"
            let range = isMonth ? DateRange(first: today.firstOfMonth, last: today.lastOfMonth) : DateRange.year(today.year)
            return Match(tokens: i..<(i + 1), period: .relative(isMonth ? "this month" : "this year", range, today: today),
                         unit: isMonth ? .month : .year)
        }
        return nil
    }

    /// "between 1 Aug and 15 Sep", "from August to October", "1 aug se 15 sep tak", "since 1 Aug", "before 5 March".
    private func range(at i: Int) -> Match? {
        var start = i
        let opener = word(i)
        if opener == .between || opener == .from || opener == .since || opener == .after || opener == .before
            || opener == .to {
            start = i + 1
            if word(start) == .within || word(start) == .on { start += 1 }    // "since in august", "till on 5 march"
        }
        if let days = dayPairBeforeMonth(at: start) { return Match(tokens: i..<days.next, period: .dated(span(days.first, days.last))) }
        guard let first = endpoint(at: start) ?? dayOfRange(at: start) else { return nil }
        var next = first.next
        if let opener, opener == .since || opener == .after || opener == .before || opener == .to {
            return openRange(opener, first, end: next, start: i)
        }
        // "5 nov ke baad", "5 nov se pehle": the Hindi word for after or before follows the date.
        let after = word(next) == .ka || word(next) == .se ? next + 1 : next
        if word(after) == .after || word(after) == .ago, opener == nil {
            return openRange(word(after) == .after ? .after : .before, first, end: after + 1, start: i)
        }
        let connector = word(next)
        let isDash = next < tokens.count && tokens[next].kind == .dash
        if connector == .and && opener == .between || connector == .to || isDash || connector == .se {
            if let second = endpoint(at: next + 1) {
                next = second.next
                if word(next) == .tak { next += 1 }
                return Match(tokens: i..<next, period: .dated(span(first, second)))
            }
            if connector == .se {    // "1 aug se" : since
                return openRange(.since, first, end: next + 1, start: i)
            }
        }
        if connector == .tak { return openRange(.to, first, end: next + 1, start: i) }
        // "bills from September" are September's; only "since" runs on to today.
        if opener == .from { return Match(tokens: i..<next, period: .dated(resolve(first))) }
        return nil
    }

    /// The first day of "1 se 15 nov", "1-15 nov", "between 1 and 15 nov": a day alone, in the month of the day after it.
    private func dayOfRange(at i: Int) -> Endpoint? {
        guard let day = tokens[safe: i]?.digits, (1...31).contains(day), tokens[i].text.count <= 2 else { return nil }
        let connector = word(i + 1)
        guard connector == .to || connector == .se || connector == .and || tokens[safe: i + 1]?.kind == .dash,
              let end = endpoint(at: i + 2), let endDay = end.day, day <= endDay else { return nil }
        return Endpoint(day: day, month: end.month, year: end.year, next: i + 1)
    }

    /// "3-9 oct": written alone "3-9" would be 3 September, but a month's name after it makes it days 3 to 9.
    private func dayPairBeforeMonth(at i: Int) -> (first: Endpoint, last: Endpoint, next: Int)? {
        guard case .date(let day, let lastDay, nil) = tokens[safe: i]?.kind, tokens[i].text.contains("-"), day <= lastDay,
              let month = endpoint(at: i + 1), month.day == nil else { return nil }
        return (Endpoint(day: day, month: month.month, year: month.year, next: i + 1),
                Endpoint(day: lastDay, month: month.month, year: month.year, next: month.next), month.next)
    }

    private func openRange(_ kind: Word, _ point: Endpoint, end: Int, start: Int) -> Match {
        let range = resolve(point)
        let period: Period
        switch kind {
        case .since:
            period = Period(range: DateRange(first: range.first, last: today), label: "since \(range.first.display)")
        case .after:
            let first = range.last.adding(days: 1)
            period = Period(range: DateRange(first: first, last: today), label: "since \(first.display)")
        case .before:
            period = .dated(DateRange(first: Period.beginning, last: range.first.adding(days: -1)))
        default:
            period = .dated(DateRange(first: Period.beginning, last: range.last))
        }
        return Match(tokens: start..<end, period: period)
    }

    /// "this month", "last week", "pichle 7 din", "last 3 months", "2 mahine pehle", "today", "kal", "last september".
    private func relative(at i: Int) -> Match? {
        // "gaya mahina", Gujarati "gaya mahine" (the month that went): the last one; but after a verb or "kitna",
        // "gaya" ends that verb ("kitna kharch ho gaya mahine mein" is about the month, not the last one).
        if Self.went.contains(text(i) ?? ""), case .unit(let unit) = word(i + 1), !completesVerb(before: i) {
            return Match(tokens: i..<(i + 2), period: previous(unit), unit: unit)
        }
        // "jo hafta gaya" (the week that went): the last one.
        if text(i) == "jo", case .unit(let unit) = word(i + 1), Self.went.contains(text(i + 2) ?? "") {
            return Match(tokens: i..<(i + 3), period: previous(unit), unit: unit)
        }
        switch word(i) {
        case .or:
            // Marathi "ya mahinyat" (this month): "ya" right before a unit is "this"; but right after a unit it is the
            // Hindi "or", and the second unit takes the first one's word: "pichle hafte ya mahine" is last week or
            // last month.
            guard case .unit(let unit) = word(i + 1) else { return nil }
            guard case .unit? = word(i - 1) else { return Match(tokens: i..<(i + 2), period: current(unit), unit: unit) }
            switch word(i - 2) {
            case .last?: return Match(tokens: (i + 1)..<(i + 2), period: previous(unit), unit: unit)
            case .this?: return Match(tokens: (i + 1)..<(i + 2), period: current(unit), unit: unit)
            default: return nil
            }
        case .today: return Match(tokens: i..<(i + 1), period: .relative("today", .day(today), today: today), unit: .day)
        case .yesterday:
            return Match(tokens: i..<(i + 1), period: .relative("yesterday", .day(today.adding(days: -1)), today: today), unit: .day)
        case .dayBeforeYesterday: return Match(tokens: i..<(i + 1), period: .dated(.day(today.adding(days: -2))))
        case .unit(.day) where word(i + 1) == .before && word(i + 2) == .yesterday:
            return Match(tokens: i..<(i + 3), period: .dated(.day(today.adding(days: -2))))
        case .this:
            if case .unit(let unit) = word(i + 1) {
                return Match(tokens: i..<(i + 2), period: current(unit), unit: unit)
            }
            if case .monthName(let month) = word(i + 1) {
                return Match(tokens: i..<(i + 2), period: .dated(.month(today.year, month)))
            }
            return nil
        case .last:
            var next = i + 1
            // "pichle do mahine": the Hindi "do" (two) where a count goes.
            let count = tokens[safe: next]?.number ?? (text(next) == "do" ? 2 : nil)
            if let count, count > 0, case .unit(let unit) = word(next + 1) {
                next += 2
                return Match(tokens: i..<next, period: rolling(count, unit), unit: nil)
            }
            if case .unit(let unit) = word(next) {
                return Match(tokens: i..<(next + 1), period: previous(unit), unit: unit)
            }
            if case .monthName(let month) = word(next) {
                // "last September": the most recent September before this month.
                let year = month < today.month ? today.year : today.year - 1
                return Match(tokens: i..<(next + 1), period: .dated(.month(year, month)))
            }
            return nil
        default:
            guard let count = tokens[i].number, (1..<1000).contains(count), case .unit(let unit) = word(i + 1) else {
                return nil
            }
            if word(i + 2) == .ago {
                return Match(tokens: i..<(i + 3), period: ago(count, unit))
            }
            // "7 din mein": the last 7 days; but not the N of "top 3 months", and never a bare number word.
            let counted: Set<Word> = [.top, .largest, .smallest, .most, .least, .sabse]
            guard tokens[i].digits != nil, unit != .quarter, unit != .year,
                  i == 0 || !counted.contains(tokens[i - 1].word ?? .filler) else { return nil }
            return Match(tokens: i..<(i + 2), period: rolling(count, unit))
        }
    }

    /// "gaya" (went), as Hindi, Gujarati and Devanagari write it.
    static let went: Set<String> = ["gaya", "gaye", "gayi", "gayu", "गया", "गए", "गये", "गई"]

    /// Whether "gaya" at `i` completes the word before it: a verb ("ho gaya", "kharch gaya", "chala gaya") or "kitna"
    /// (how much went), not a time word's opening.
    private func completesVerb(before i: Int) -> Bool {
        guard let previous = tokens[safe: i - 1] else { return false }
        switch previous.word {
        case .spend?, .kitna?, .kitne?: return true
        default: return ["ho", "hua", "chala", "chal", "nikal", "lag", "हो", "चला"].contains(previous.text)
        }
    }

    /// "this FY", "last financial year", "FY 2025-26", "FY26", "2025-26".
    private func financialYear(at i: Int) -> Match? {
        var next = i
        var shift = 0
        if word(i) == .this { next += 1 }
        if word(i) == .last { next += 1; shift = -1 }
        if case .financialYear(let start) = tokens[safe: next]?.kind { return Match(tokens: i..<(next + 1), period: .dated(.financialYear(start))) }
        guard word(next) == .financialYear else { return nil }
        next += 1
        if word(next) == .unit(.year) { next += 1 }
        let currentStart = today.month >= 4 ? today.year : today.year - 1
        if next < tokens.count {
            if case .financialYear(let start) = tokens[next].kind {
                return Match(tokens: i..<(next + 1), period: .dated(.financialYear(start)))
            }
            if let year = tokens[next].digits, shift == 0, (10...99).contains(year) || (1990...2100).contains(year) {
                // "FY 25-26" starts in 2025; FY26 and FY 2026 end in March 2026.
                let dash = tokens[safe: next + 1]?.kind == .dash ? 1 : 0
                if year < 100, tokens[safe: next + 1 + dash]?.digits == year + 1 {
                    return Match(tokens: i..<(next + 2 + dash), period: .dated(.financialYear(2000 + year)))
                }
                let end = year < 100 ? 2000 + year : year
                return Match(tokens: i..<(next + 1), period: .dated(.financialYear(end - 1)))
            }
        }
        let start = currentStart + shift
        let name = shift == 0 ? "this financial year" : "last financial year"
        return Match(tokens: i..<next, period: .relative(name, .financialYear(start), today: today), unit: nil)
    }

    /// "Q1" … "Q4" of the financial year (Q1 is April to June).
    private func quarter(at i: Int) -> Match? {
        guard text(i) == "q", let number = tokens[safe: i + 1]?.digits, (1...4).contains(number) else { return nil }
        let fyStart = today.month >= 4 ? today.year : today.year - 1
        let startMonth = (number - 1) * 3 + 4
        var first = CalendarDay(clampingYear: fyStart + (startMonth > 12 ? 1 : 0), month: (startMonth - 1) % 12 + 1, day: 1)
        if first > today { first = first.addingMonths(-12) }
        return Match(tokens: i..<(i + 2), period: .dated(DateRange(first: first, last: first.addingMonths(3).adding(days: -1))))
    }

    /// "H1", "H2" of the financial year (H1 is April to September): this one, or the one named after it ("H1 of
    /// FY 2025-26", "H2 of last financial year").
    private func half(at i: Int) -> Match? {
        guard text(i) == "h", let number = tokens[safe: i + 1]?.digits, (1...2).contains(number) else { return nil }
        var end = i + 2
        var start = today.month >= 4 ? today.year : today.year - 1
        let linked = word(end).map { [Word.of, .ka, .within].contains($0) } == true ? end + 1 : end
        if let year = financialYear(at: linked), let first = year.period?.range.first {
            start = first.year
            end = year.tokens.upperBound
        }
        let first = CalendarDay(clampingYear: start, month: number == 1 ? 4 : 10, day: 1)
        return Match(tokens: i..<end, period: .dated(DateRange(first: first, last: first.addingMonths(6).adding(days: -1))))
    }

    /// A day, a month or a year on its own: "5 March", "on 05/03", "September", "in 2025", "September 2025".
    private func single(at i: Int) -> Match? {
        var start = i
        if word(i) == .on || word(i) == .within { start += 1 }
        if let point = endpoint(at: start) {
            return Match(tokens: i..<point.next, period: .dated(resolve(point)))
        }
        if word(i) == .unit(.year), let year = tokens[safe: i + 1]?.digits, (1990...2100).contains(year) {
            return Match(tokens: i..<(i + 2), period: .dated(.year(year)))
        }
        if let year = tokens[safe: i]?.digits, tokens[i].text.count == 4, (1990...2100).contains(year) {
            return Match(tokens: i..<(i + 1), period: year == today.year
                ? .relative("this year", .year(year), today: today) : .dated(.year(year)), unit: year == today.year ? .year : nil)
        }
        return nil
    }

    /// "compare this month with last": a bare "last" after a linking word borrows the unit of the other period.
    private func ellipticalLast(after found: [Match]) -> [Match] {
        guard let unit = found.compactMap(\.unit).first else { return [] }
        let linking: Set<Word> = [.with, .versus, .to, .and, .or, .se, .compare]
        return tokens.indices.filter { index in
            tokens[index].word == .last && index > 0 && linking.contains(tokens[index - 1].word ?? .filler)
                && !found.contains { $0.tokens.contains(index) }
        }.map { Match(tokens: $0..<($0 + 1), period: previous(unit), unit: unit) }
    }

    // MARK: Dates

    /// A day or a month as written, before its year is known.
    package struct Endpoint {
        package var day: Int?
        package var month: Int
        package var year: Int?
        package var next: Int

        package init(day: Int? = nil, month: Int, year: Int? = nil, next: Int) {
            self.day = day
            self.month = month
            self.year = year
            self.next = next
        }
    }

    private func endpoint(at i: Int) -> Endpoint? {
        guard i < tokens.count else { return nil }
        if case .date(let day, let month, let year) = tokens[i].kind {
            return Endpoint(day: day, month: month, year: year, next: i + 1)
        }
        // 5 March [2026], 5th of March
        if let day = tokens[i].digits, (1...31).contains(day), tokens[i].text.count <= 2 {
            var next = i + 1
            if word(next) == .of { next += 1 }
            if let month = monthName(at: next, strict: false) {
                let (year, after) = year(at: next + 1)
                return Endpoint(day: day, month: month, year: year, next: after)
            }
            return nil
        }
        // March 5 [2026], March [2026], March of last year
        guard let month = monthName(at: i, strict: true) else { return nil }
        if let day = tokens[safe: i + 1]?.digits, (1...31).contains(day), tokens[i + 1].text.count <= 2, !isUnit(i + 2) {
            let (year, after) = year(at: i + 2)
            return Endpoint(day: day, month: month, year: year, next: after)
        }
        let (year, after) = year(at: i + 1)
        return Endpoint(day: nil, month: month, year: year, next: after)
    }

    private func isUnit(_ i: Int) -> Bool {
        if case .unit = word(i) { return true }
        return false
    }

    /// A month's name; "may" only where a date is plainly meant ("in may", "may 2026", "5 may").
    private func monthName(at i: Int, strict: Bool) -> Int? {
        guard case .monthName(let month) = word(i) else { return nil }
        if text(i) == "may", strict {
            let before = i > 0 ? tokens[i - 1].word : nil
            let after = tokens[safe: i + 1]
            let dateContext = [Word.within, .of, .since, .from, .between, .to, .and, .se, .this, .last, .on].contains(before)
            guard dateContext || after?.digits != nil else { return nil }
        }
        return month
    }

    /// "2026", "of 2026", "last year", "pichle saal", "this year" after a month.
    private func year(at i: Int) -> (Int?, Int) {
        var next = i
        if word(next) == .of { next += 1 }
        if let year = tokens[safe: next]?.digits, tokens[next].text.count == 4, (1990...2100).contains(year) {
            return (year, next + 1)
        }
        if word(next) == .last, word(next + 1) == .unit(.year) { return (today.year - 1, next + 2) }
        if word(next) == .this, word(next + 1) == .unit(.year) { return (today.year, next + 2) }
        return (nil, i)
    }

    /// A day or month, in the most recent year that does not put it in the future.
    private func resolve(_ point: Endpoint) -> DateRange {
        let year = point.year ?? ((point.month, point.day ?? 1) <= (today.month, today.day) ? today.year : today.year - 1)
        guard let day = point.day else { return .month(year, point.month) }
        return .day(CalendarDay(clampingYear: year, month: point.month, day: day))    // "31 Feb": its last day
    }

    /// Both ends included, in the most recent such span not in the future.
    private func span(_ a: Endpoint, _ b: Endpoint) -> DateRange {
        var start = a, end = b
        if end.year == nil, let year = start.year {
            end.year = (end.month, end.day ?? 31) >= (start.month, start.day ?? 1) ? year : year + 1
        }
        let last = resolve(end).last
        if start.year == nil {
            start.year = (start.month, start.day ?? 1) <= (last.month, last.day) ? last.year : last.year - 1
        }
        let first = resolve(start).first
        return first <= last ? DateRange(first: first, last: last) : DateRange(first: last, last: first)
    }

    // MARK: Relative spans

    package func current(_ unit: TimeUnit) -> Period {
        switch unit {
        case .day: .relative("today", .day(today), today: today)
        case .week: .relative("this week", DateRange(first: today.adding(days: -today.weekdayFromMonday), last: today), today: today)
        case .month: .relative("this month", DateRange(first: today.firstOfMonth, last: today.lastOfMonth), today: today)
        case .quarter: .relative("this quarter", quarterRange(containing: today), today: today)
        case .year: .relative("this year", .year(today.year), today: today)
        }
    }

    private func previous(_ unit: TimeUnit) -> Period {
        switch unit {
        case .day: .relative("yesterday", .day(today.adding(days: -1)), today: today)
        case .week:
            .relative("last week", DateRange(first: today.adding(days: -today.weekdayFromMonday - 7),
                                             last: today.adding(days: -today.weekdayFromMonday - 1)), today: today)
        case .month:
            .relative("last month", .month(today.addingMonths(-1).year, today.addingMonths(-1).month), today: today)
        case .quarter: .relative("last quarter", quarterRange(containing: quarterRange(containing: today).first.adding(days: -1)), today: today)
        case .year: .relative("last year", .year(today.year - 1), today: today)
        }
    }

    /// The last `count` units up to today: "last 7 days" is today and the 6 days before.
    private func rolling(_ count: Int, _ unit: TimeUnit) -> Period {
        let first: CalendarDay
        switch unit {
        case .day: first = today.adding(days: -(count - 1))
        case .week: first = today.adding(days: -(7 * count - 1))
        case .month: first = today.addingMonths(-count).adding(days: 1)
        case .quarter: first = today.addingMonths(-3 * count).adding(days: 1)
        case .year: first = today.addingMonths(-12 * count).adding(days: 1)
        }
        let plural = count == 1 ? "\(unit.rawValue)" : "\(count) \(unit.rawValue)s"
        return .relative("in the last \(plural)", DateRange(first: first, last: today), today: today)
    }

    /// The whole unit `count` units before this one: "2 months ago" is the calendar month two before this.
    private func ago(_ count: Int, _ unit: TimeUnit) -> Period {
        switch unit {
        case .day: return .dated(.day(today.adding(days: -count)))
        case .week:
            let monday = today.adding(days: -today.weekdayFromMonday - 7 * count)
            return .dated(DateRange(first: monday, last: monday.adding(days: 6)))
        case .month:
            let month = today.addingMonths(-count)
            return .dated(.month(month.year, month.month))
        case .quarter:
            let first = quarterRange(containing: today).first.addingMonths(-3 * count)
            return .dated(DateRange(first: first, last: first.addingMonths(3).adding(days: -1)))
        case .year: return .dated(.year(today.year - count))
        }
    }

    private func quarterRange(containing day: CalendarDay) -> DateRange {
        let first = CalendarDay(clampingYear: day.year, month: (day.month - 1) / 3 * 3 + 1, day: 1)
        return DateRange(first: first, last: first.addingMonths(3).adding(days: -1))
    }

    package init(tokens: [Token], today: CalendarDay) {
        self.tokens = tokens
        self.today = today
    }
}

extension Array {
    package subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
