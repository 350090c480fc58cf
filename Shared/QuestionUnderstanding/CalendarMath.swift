import FintrakCore

/// Day arithmetic on the proleptic Gregorian calendar with plain integers (days since 1970-01-01, `CivilCalendar`),
/// so periods are computed without time zones or Foundation calendars once "today" is known.
extension CalendarDay {
    package static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// Days since 1970-01-01.
    package var dayNumber: Int { CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) }

    package init(dayNumber: Int) {
        let (year, month, day) = CivilCalendar.date(fromDays: dayNumber)
        self.init(clampingYear: year, month: month, day: day)
    }

    package func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Monday 0 … Sunday 6: weeks in India are counted from Monday.
    package var weekdayFromMonday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    package var firstOfMonth: CalendarDay { CalendarDay(clampingYear: year, month: month, day: 1) }

    package var lastOfMonth: CalendarDay { firstOfMonth.addingMonths(1).adding(days: -1) }

    /// The same day `count` months later (earlier when negative), clamped to the month's length.
    package func addingMonths(_ count: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + count
        // Floor division, so months before year 0 stay in 1…12 (the year is then clamped to 1).
        let (year, month) = index >= 0 ? (index / 12, index % 12) : ((index - 11) / 12, ((index % 12) + 12) % 12)
        return CalendarDay(clampingYear: year, month: month + 1, day: day)
    }

    /// "5 Mar 2026", as replies write dates.
    package var display: String { "\(day) \(Self.monthNames[month - 1].prefix(3)) \(year)" }
}

extension DateRange {
    package static func month(_ year: Int, _ month: Int) -> DateRange {
        let first = CalendarDay(clampingYear: year, month: month, day: 1)
        return DateRange(first: first, last: first.lastOfMonth)
    }

    package static func year(_ year: Int) -> DateRange {
        DateRange(first: CalendarDay(clampingYear: year, month: 1, day: 1), last: CalendarDay(clampingYear: year, month: 12, day: 31))
    }

    /// India's financial year starting 1 April of `startYear`.
    package static func financialYear(_ startYear: Int) -> DateRange {
        DateRange(first: CalendarDay(clampingYear: startYear, month: 4, day: 1),
                  last: CalendarDay(clampingYear: startYear + 1, month: 3, day: 31))
    }

    package static func day(_ day: CalendarDay) -> DateRange { DateRange(first: day, last: day) }

    package var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    /// Whole calendar months touched by the range.
    package var monthCount: Int { (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1 }

    package var isWholeMonth: Bool { first.day == 1 && last == first.lastOfMonth }

    package var isWholeYear: Bool { first.month == 1 && first.day == 1 && last.month == 12 && last.day == 31 && first.year == last.year }

    /// "Oct 2026", "2025", "5 Mar 2026", "1 Aug – 15 Sep 2026".
    package var display: String {
        if first == last { return first.display }
        if isWholeMonth { return "\(CalendarDay.monthNames[first.month - 1]) \(first.year)" }
        if isWholeYear { return "\(first.year)" }
        if first.year == last.year {
            let start = first.month == last.month ? "\(first.day)" : "\(first.day) \(CalendarDay.monthNames[first.month - 1].prefix(3))"
            return "\(start) – \(last.display)"
        }
        return "\(first.display) – \(last.display)"
    }

    /// The range cut at month boundaries: the whole calendar months inside it (from the 1st of the first to the last
    /// day of the last), and the days before and after them. 5 Mar – 10 Jun: whole April and May, 5–31 Mar, 1–10 Jun.
    package var monthSplit: (wholeMonths: DateRange?, before: DateRange?, after: DateRange?) {
        let start = first.day == 1 ? first : first.lastOfMonth.adding(days: 1)
        let end = last == last.lastOfMonth ? last : last.firstOfMonth.adding(days: -1)
        guard start < end else { return (nil, self, nil) }
        return (DateRange(first: start, last: end), first < start ? DateRange(first: first, last: start.adding(days: -1)) : nil,
                end < last ? DateRange(first: end.adding(days: 1), last: last) : nil)
    }

    /// The range as far as `today`: figures for "this month" stop at today.
    package func capped(at today: CalendarDay) -> DateRange {
        DateRange(first: first, last: min(last, today))
    }
}
