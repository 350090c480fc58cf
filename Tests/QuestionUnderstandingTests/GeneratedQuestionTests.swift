import FintrakCore
import GeneratedInput
import QuestionSamples
@testable import QuestionUnderstanding
import Testing

/// No question can crash the parser: what it cannot read becomes an understanding to answer, never a trap.
@Suite struct GeneratedQuestionTests {
    @Test(arguments: [
        ("total spend 1/1/0000", "1/1/0000"),
        ("total spend 31/13/2026", "31/13/2026"),
        ("bills on 0/5/2026", "0/5/2026"),
        ("spend since 1.1.10000", "1.1.10000"),
        ("kharcha 2026-00-12", "2026-00-12"),
        ("spend on 1/1/1899", "1/1/1899"),
    ])
    func aDateThatIsNoDayIsSaidSo(question: String, written: String) {
        #expect(understand(question).summary == "unreadable date \(written)")
    }

    @Test(arguments: [
        "total spend last 999999999 years", "spend in the last 999999999 days", "last 999999999 quarters",
        "999 years ago", "q4 of fy 2100", "between 1 jan 2100 and 31 dec", "before 1/1/1900", "compare 31/12/2100 with last",
    ])
    func periodsAtTheCalendarsEdgesStayRealDays(question: String) {
        let periods = understand(question).plan.map(Self.periods) ?? []
        #expect(!periods.isEmpty, "\(question)")
        #expect(periods.allSatisfy(Self.isReal), "\(question)")
    }

    /// 100,000 generated questions: each is understood as something, and every period in it is made of real days.
    @Test func generatedQuestionsAllReturn() {
        let words = Array(Lexicon.words.keys).sorted() + ["dmart", "reliance", "q", "fy", "on", "from", "to"]
        var counts = (plans: 0, others: 0)
        for question in GeneratedText(seed: 9, count: 100_000, words: words) {
            switch understand(question) {
            case .plan(let plan):
                #expect(Self.periods(plan).allSatisfy(Self.isReal), "\(question)")
                counts.plans += 1
            case .unreadableDate(let written):
                #expect(question.contains(written))
                counts.others += 1
            case .unknownName, .notUnderstood:
                counts.others += 1
            }
        }
        #expect(counts.plans + counts.others == 100_000)
        #expect(counts.plans > 10_000)
    }

    static func periods(_ plan: QueryPlan) -> [Period] {
        ([plan.filters.period] + plan.parts.map(\.filters.period)).compactMap { $0 }
    }

    static func isReal(_ period: Period) -> Bool {
        [period.range.first, period.range.last].allSatisfy { CalendarDay(year: $0.year, month: $0.month, day: $0.day) == $0 }
    }
}
