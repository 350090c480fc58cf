import FintrakCore

extension Period {
    /// The period a report asks for ("November", "last quarter", "this month"), read with the questions' period
    /// grammar; no words (or none it knows) mean last month, the one a return is filed for.
    package static func report(_ phrase: String, today: CalendarDay) -> Period {
        if !phrase.isEmpty, let period = PeriodParser(tokens: Tokenizer.tokens(phrase), today: today).matches()
            .lazy.compactMap(\.period).first {
            // Questions' labels read "in November 2026"; a report's title is the period alone.
            return Period(range: period.range, label: period.label.hasPrefix("in ") ? String(period.label.dropFirst(3)) : period.label)
        }
        let lastMonth = today.firstOfMonth.addingMonths(-1)
        return Period(range: .month(lastMonth.year, lastMonth.month),
                      label: "\(CalendarDay.monthNames[lastMonth.month - 1]) \(lastMonth.year)")
    }
}
