import FintrakCore

/// Day arithmetic on the proleptic Gregorian calendar with plain integers (days since 1970-01-01),
/// so periods are computed without time zones or Foundation calendars once "today" is known.
extension CalendarDay {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(clampingYear: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Monday 0 … Sunday 6: weeks in India are counted from Monday.
    var weekdayFromMonday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    var firstOfMonth: CalendarDay { CalendarDay(clampingYear: year, month: month, day: 1) }

    var lastOfMonth: CalendarDay { firstOfMonth.addingMonths(1).adding(days: -1) }

    /// The same day `count` months later (earlier when negative), clamped to the month's length.
    func addingMonths(_ count: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + count
        // Floor division, so months before year 0 stay in 1…12 (the year is then clamped to 1).
        let (year, month) = index >= 0 ? (index / 12, index % 12) : ((index - 11) / 12, ((index % 12) + 12) % 12)
        return CalendarDay(clampingYear: year, month: month + 1, day: day)
    }

    /// "5 Mar 2026", as replies write dates.
    var display: String { "\(day) \(Self.monthNames[month - 1].prefix(3)) \(year)" }
}

extension DateRange {
    static func month(_ year: Int, _ month: Int) -> DateRange {
        let first = CalendarDay(clampingYear: year, month: month, day: 1)
        return DateRange(first: first, last: first.lastOfMonth)
    }

    static func year(_ year: Int) -> DateRange {
        DateRange(first: CalendarDay(clampingYear: year, month: 1, day: 1), last: CalendarDay(clampingYear: year, month: 12, day: 31))
    }

    /// India's financial year starting 1 April of `startYear`.
    static func financialYear(_ startYear: Int) -> DateRange {
        DateRange(first: CalendarDay(clampingYear: startYear, month: 4, day: 1),
                  last: CalendarDay(clampingYear: startYear + 1, month: 3, day: 31))
    }

    static func day(_ day: CalendarDay) -> DateRange { DateRange(first: day, last: day) }

    var dayCount: Int { last.dayNumber - first.dayNumber + 1 }

    /// Whole calendar months touched by the range.
    var monthCount: Int { (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1 }

    var isWholeMonth: Bool { first.day == 1 && last == first.lastOfMonth }

    var isWholeYear: Bool { first.month == 1 && first.day == 1 && last.month == 12 && last.day == 31 && first.year == last.year }

    /// "Oct 2026", "2025", "5 Mar 2026", "1 Aug – 15 Sep 2026".
    var display: String {
        if first == last { return first.display }
        if isWholeMonth { return "\(CalendarDay.monthNames[first.month - 1]) \(first.year)" }
        if isWholeYear { return "\(first.year)" }
        if first.year == last.year {
            let start = first.month == last.month ? "\(first.day)" : "\(first.day) \(CalendarDay.monthNames[first.month - 1].prefix(3))"
            return "\(start) – \(last.display)"
        }
        return "\(first.display) – \(last.display)"
    }

    /// The range as far as `today`: figures for "this month" stop at today.
    func capped(at today: CalendarDay) -> DateRange {
        DateRange(first: first, last: min(last, today))
    }
}
