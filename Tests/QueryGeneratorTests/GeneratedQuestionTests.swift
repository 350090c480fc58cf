import FintrakCore
import FintrakTestSupport
@testable import QueryGenerator
import Testing

/// No question can crash the parser: what it cannot read becomes a reply, never a trap.
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
        #expect(Guidance.unreadableDate(written).hasPrefix("I couldn't read the date '\(written)'."))
    }

    @Test func aLongRunOfDigitsIsQuotedShort() {
        let reply = Guidance.unreadableDate(String(repeating: "9", count: 40) + "/1/1")
        #expect(reply.hasPrefix("I couldn't read the date '99999999999999999999…'."))
    }

    @Test(arguments: [
        "total spend last 999999999 years", "spend in the last 999999999 days", "last 999999999 quarters",
        "999 years ago", "q4 of fy 2100", "between 1 jan 2100 and 31 dec", "before 1/1/1900", "compare 31/12/2100 with last",
    ])
    func periodsAtTheCalendarsEdgesStayRealDays(question: String) {
        for period in understand(question).plan.map(Self.periods) ?? [] {
            #expect(Self.isReal(period.range.first) && Self.isReal(period.range.last), "\(question)")
        }
    }

    /// 100,000 generated questions; each is understood as something, and every period in it is made of real days.
    @Test func generatedQuestionsAllReturn() {
        let words = Array(Lexicon.words.keys).sorted() + ["dmart", "reliance", "q", "fy", "on", "from", "to"]
        var answered = 0
        for question in GeneratedText(seed: 9, count: 100_000, words: words) {
            let understanding = understand(question)
            switch understanding {
            case .plan(let plan):
                let periods = Self.periods(plan)
                #expect(periods.allSatisfy { Self.isReal($0.range.first) && Self.isReal($0.range.last) }, "\(question)")
            case .unreadableDate(let written):
                #expect(Guidance.unreadableDate(written).count < 140)
            case .unknownName, .notUnderstood:
                break
            }
            if QueryLog.kind(understanding).isEmpty == false { answered += 1 }
        }
        #expect(answered == 100_000)
    }

    static func periods(_ plan: QueryPlan) -> [Period] {
        ([plan.filters.period] + plan.parts.map(\.filters.period)).compactMap { $0 }
    }

    static func isReal(_ day: CalendarDay) -> Bool { CalendarDay(year: day.year, month: day.month, day: day.day) == day }
}
