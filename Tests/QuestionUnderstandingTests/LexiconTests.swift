import FintrakCore
import QuestionSamples
@testable import QuestionUnderstanding
import Testing

@Suite struct LexiconTests {
    @Test func everySpellingHasOneMeaning() {
        var seen: [String: Word] = [:]
        for (word, spellings) in Lexicon.entries {
            for spelling in spellings.split(whereSeparator: \.isWhitespace).map(String.init) {
                #expect(seen[spelling] == nil || seen[spelling] == word, "\(spelling) means both \(seen[spelling]!) and \(word)")
                seen[spelling] = word
            }
        }
    }

    @Test(arguments: [
        ("spnding", "spending"), ("kharca", "kharcha"), ("mahne", "mahine"), ("septmber", "september"), ("invoces", "invoices"),
        ("avrage", "avrage"), ("yesturday", "yesturday"), ("biggst", "biggest"),
    ])
    func misspellingsFindTheWord(typed: String, meant: String) {
        #expect(Lexicon.meaning(of: typed) == Lexicon.words[meant])
    }

    @Test(arguments: ["lost", "xyz", "blorf", "reliance"])
    func unknownOrAmbiguousWordsStayUnknown(text: String) {
        #expect(Lexicon.meaning(of: text) == nil)
    }

    @Test(arguments: [
        ("pichlemahine", "pichle mahine"), ("kitnakharcha", "kitna kharcha"), ("lastmonth", "last month"), ("howmuch", "how much"),
    ])
    func twoKnownWordsRunTogetherAreSplit(text: String, words: String) {
        #expect(Lexicon.runTogether(text).map { "\($0.0) \($0.1)" } == words)
    }

    /// Not two known words, or one of them a filler ("so many" hides in the name "Somany").
    @Test(arguments: ["reliance", "somany", "mydmart", "ab", "blorfkitna"])
    func otherWordsAreNotSplit(text: String) {
        #expect(Lexicon.runTogether(text) == nil)
    }

    @Test(arguments: [
        ("reliance", "relaince", 1), ("dmart", "dmrt", 1), ("kitna", "kitna", 0), ("abc", "xyz", 3), ("", "abc", 3),
        ("september", "septmeber", 1), ("groceries", "grcoeries", 1),
    ])
    func editDistanceCountsTranspositionsAsOne(a: String, b: String, distance: Int) {
        #expect(Fuzzy.distance(a, b) == distance)
    }
}

@Suite struct TokenizerTests {
    @Test(arguments: [
        ("How much did I spend?", ["how", "much", "did", "i", "spend"]),
        ("Haldiram's bills", ["haldirams", "bills"]),
        ("top3 vendors", ["top", "3", "vendors"]),
        ("1st August", ["1", "august"]),
        ("15sep", ["15", "sep"]),
        ("month-wise", ["month", "wise"]),
        ("D-Mart", ["d", "mart"]),
        ("aug-oct", ["aug", "-", "oct"]),
        ("1 Aug – 15 Sep", ["1", "aug", "-", "15", "sep"]),
        ("x' OR 1=1 --", ["x", "or", "1", "1", "-"]),
        ("₹500 at DMart", ["500", "at", "dmart"]),
        ("Cash & Carry", ["cash", "and", "carry"]),
        ("1-15 nov", ["1", "-", "15", "nov"]),
        ("पिछले महीने का खर्च", ["पिछले", "महीने", "का", "खर्च"]),
    ])
    func wordsAreNormalised(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text).map(\.text) == expected)
    }

    @Test func datesFinancialYearsAndPhoneNumbersStayWhole() {
        #expect(Tokenizer.tokens("on 05/11/2026").last?.kind == .date(day: 5, month: 11, year: 2026))
        #expect(Tokenizer.tokens("2026-08-01").first?.kind == .date(day: 1, month: 8, year: 2026))
        #expect(Tokenizer.tokens("1/8").first?.kind == .date(day: 1, month: 8, year: nil))
        #expect(Tokenizer.tokens("FY 2025-26").last?.kind == .financialYear(2025))
        #expect(Tokenizer.tokens("bills of +919800000002").last?.kind == .phone)
        #expect(Tokenizer.tokens("9800000002").first?.kind == .phone)
        #expect(Tokenizer.tokens("99/99").allSatisfy { $0.kind != .date(day: 99, month: 99, year: nil) })
    }
}

@Suite struct CalendarMathTests {
    @Test(arguments: ["1970-01-01", "2000-02-29", "2024-12-31", "2026-11-21", "1900-03-01", "2100-02-28"])
    func dayNumbersRoundTrip(iso: String) throws {
        let day = try #require(CalendarDay(iso: iso))
        #expect(CalendarDay(dayNumber: day.dayNumber) == day)
        #expect(day.adding(days: 1).adding(days: -1) == day)
    }

    @Test func weekdaysCountFromMonday() {
        #expect(CalendarDay(year: 2026, month: 11, day: 16)!.weekdayFromMonday == 0)
        #expect(CalendarDay(year: 2026, month: 11, day: 22)!.weekdayFromMonday == 6)
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.weekdayFromMonday == 3)
    }

    @Test(arguments: [
        ("2026-03-31", -1, "2026-02-28"), ("2024-03-31", -1, "2024-02-29"), ("2026-01-15", -1, "2025-12-15"),
        ("2026-11-21", 2, "2027-01-21"), ("2026-05-31", 1, "2026-06-30"),
    ])
    func monthsAreAddedWithTheDayClamped(start: String, months: Int, expected: String) {
        #expect(CalendarDay(iso: start)!.addingMonths(months).description == expected)
    }

    @Test func rangesDescribeThemselves() {
        #expect(DateRange.month(2026, 10).display == "October 2026")
        #expect(DateRange.year(2025).display == "2025")
        #expect(DateRange.day(CalendarDay(year: 2026, month: 3, day: 5)!).display == "5 Mar 2026")
        #expect(DateRange(first: CalendarDay(iso: "2026-08-01")!, last: CalendarDay(iso: "2026-09-15")!).display
            == "1 Aug – 15 Sep 2026")
        #expect(DateRange(first: CalendarDay(iso: "2025-12-01")!, last: CalendarDay(iso: "2026-01-15")!).display
            == "1 Dec 2025 – 15 Jan 2026")
    }
}

/// Periods on the days where calendars turn: new year, leap day, the financial year's end, a Monday.
@Suite struct PeriodEdgeTests {
    @Test(arguments: [
        ("2027-01-05", "last month", "2026-12-01..2026-12-31"),
        ("2027-01-05", "this year", "2027-01-01..2027-12-31"),
        ("2027-01-05", "in December", "2026-12-01..2026-12-31"),
        ("2027-01-05", "in January", "2027-01-01..2027-01-31"),
        ("2027-01-05", "between 1 Dec and 3 Jan", "2026-12-01..2027-01-03"),
        ("2027-01-05", "last 7 days", "2026-12-30..2027-01-05"),
        ("2027-01-05", "this financial year", "2026-04-01..2027-03-31"),
        ("2024-03-01", "yesterday", "2024-02-29..2024-02-29"),
        ("2024-03-01", "last month", "2024-02-01..2024-02-29"),
        ("2026-03-31", "this financial year", "2025-04-01..2026-03-31"),
        ("2026-04-01", "this financial year", "2026-04-01..2027-03-31"),
        ("2026-04-01", "last financial year", "2025-04-01..2026-03-31"),
        ("2026-11-16", "this week", "2026-11-16..2026-11-16"),
        ("2026-11-16", "last week", "2026-11-09..2026-11-15"),
        ("2026-11-22", "this week", "2026-11-16..2026-11-22"),
        ("2026-11-21", "between 1 Nov and 30 Nov", "2025-11-01..2025-11-30"),
        ("2026-11-21", "between 1 Aug 2025 and 15 Sep", "2025-08-01..2025-09-15"),
        ("2026-11-21", "from 15 sep to 1 aug", "2025-09-15..2026-08-01"),
        ("2026-11-21", "before 1 Jan", "1900-01-01..2025-12-31"),
        ("2026-11-21", "till 15 Sep", "1900-01-01..2026-09-15"),
        ("2026-11-21", "after 1 November", "2026-11-02..2026-11-21"),
        ("2026-11-21", "in may", "2026-05-01..2026-05-31"),
        ("2026-11-21", "last september", "2026-09-01..2026-09-30"),
        ("2026-09-10", "last september", "2025-09-01..2025-09-30"),
        ("2026-11-21", "september of last year", "2025-09-01..2025-09-30"),
        ("2026-11-21", "Q1", "2026-04-01..2026-06-30"),
        ("2026-02-10", "Q4", "2026-01-01..2026-03-31"),
        ("2026-11-21", "FY26", "2025-04-01..2026-03-31"),
        ("2026-11-21", "3 weeks ago", "2026-10-26..2026-11-01"),
        ("2026-11-21", "2 days ago", "2026-11-19..2026-11-19"),
        ("2026-11-21", "last year", "2025-01-01..2025-12-31"),
        ("2026-11-21", "aug se oct tak", "2026-08-01..2026-10-31"),
        ("2026-11-21", "aug-oct", "2026-08-01..2026-10-31"),
        ("2026-11-21", "5 march 2025", "2025-03-05..2025-03-05"),
        ("2026-11-21", "March 5", "2026-03-05..2026-03-05"),
    ])
    func periods(today: String, phrase: String, expected: String) throws {
        let plan = try #require(understand("how much did I spend " + phrase, today: CalendarDay(iso: today)!).plan)
        #expect(plan.filters.period.map { "\($0.range.first)..\($0.range.last)" } == expected, "\(phrase)")
    }

    @Test func mayIsAMonthOnlyWhereADateIsMeant() {
        #expect(understand("may I know my total spend").plan?.filters.period == nil)
    }

    @Test func periodsAreLabelledForReplies() {
        #expect(understand("spend last month").plan?.filters.period?.label == "last month (October 2026)")
        #expect(understand("spend this month").plan?.filters.period?.label == "this month (1 – 21 Nov 2026)")
        #expect(understand("spend in september").plan?.filters.period?.label == "in September 2026")
        #expect(understand("spend on 5 march").plan?.filters.period?.label == "on 5 Mar 2026")
        #expect(understand("spend since 1 aug").plan?.filters.period?.label == "since 1 Aug 2026")
        #expect(understand("spend in the last 7 days").plan?.filters.period?.label == "in the last 7 days (15 – 21 Nov 2026)")
        #expect(understand("spend between 1 aug and 15 sep").plan?.filters.period?.label
            == "from 1 Aug 2026 to 15 Sep 2026")
        #expect(understand("spend today").plan?.filters.period?.label == "today (21 Nov 2026)")
    }

    @Test(arguments: [
        // range, whole months, days before, days after ("-" for none)
        ("2026-03-05", "2026-06-10", "2026-04-01…2026-05-31", "2026-03-05…2026-03-31", "2026-06-01…2026-06-10"),
        ("2026-10-01", "2026-10-31", "2026-10-01…2026-10-31", "-", "-"),
        ("2026-01-01", "2026-12-07", "2026-01-01…2026-11-30", "-", "2026-12-01…2026-12-07"),
        ("2026-02-01", "2026-02-28", "2026-02-01…2026-02-28", "-", "-"),
        ("2026-11-25", "2026-12-02", "-", "2026-11-25…2026-12-02", "-"),
        ("2026-11-01", "2026-11-21", "-", "2026-11-01…2026-11-21", "-"),
        ("2026-11-10", "2026-12-31", "2026-12-01…2026-12-31", "2026-11-10…2026-11-30", "-"),
    ])
    func rangesSplitIntoWholeMonthsAndTheDaysAround(first: String, last: String, months: String, before: String, after: String) {
        let split = DateRange(first: CalendarDay(iso: first)!, last: CalendarDay(iso: last)!).monthSplit
        let text = { (range: DateRange?) in range.map { "\($0.first)…\($0.last)" } ?? "-" }
        #expect(text(split.wholeMonths) == months)
        #expect(text(split.before) == before)
        #expect(text(split.after) == after)
    }
}
