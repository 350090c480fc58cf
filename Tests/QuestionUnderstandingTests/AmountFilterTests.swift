import QuestionSamples
@testable import QuestionUnderstanding
import Testing

/// Amount filters: a number is an amount only with a word that compares it, in English or Hindi order, and the
/// scale and currency words around it.
@Suite struct AmountFilterTests {
    @Test(arguments: [
        ("bills above 3000", "list amount>3000"),
        ("bills over 3000", "list amount>3000"),
        ("bills more than rs. 3000", "list amount>3000"),
        ("bills greater than 3000", "list amount>3000"),
        ("bills under ₹500", "list amount<500"),
        ("bills less than 500 rupees", "list amount<500"),
        ("bills of at least 2000", "list amount>=2000"),
        ("bills of at most 2000", "list amount<=2000"),
        ("bills upto 2000", "list amount<=2000"),
        ("bills 2000 and above", "list amount>=2000"),
        ("bills 2000 or more", "list amount>=2000"),
        ("bills 2000 or less", "list amount<=2000"),
        ("2k+ bills", "list amount>=2000"),
        ("kam se kam 2000 wale bill", "list amount>=2000"),
        ("5000 se zyada wale bills", "list amount>5000"),
        ("5000 se kam ke bills", "list amount<5000"),
        ("5000 ke upar ke bills", "list amount>5000"),
        ("5000 ke neeche ke bills", "list amount<5000"),
        ("5000 tak ke bills", "list amount<=5000"),
        ("10 hazar se upar ke bills", "list amount>10000"),
        ("das hazaar se upar ke bills", "list amount>10000"),
        ("bills above 1.5 lakh", "list amount>150000"),
        ("bills above 2 cr", "list amount>20000000"),
        ("bills above 10,000", "list amount>10000"),
        ("bills above 1,00,000", "list amount>100000"),
        ("bills between 1k and 5k", "list amount=1000...5000"),
        ("bills between 5000 and 1000", "list amount=1000...5000"),
        ("bills from rs 1000 to rs 5000", "list amount=1000...5000"),
        ("1000 se 5000 ke beech ke bills", "list amount=1000...5000"),
        ("1000 se 5000 tak ke bills", "list amount=1000...5000"),
        ("1000-5000 rupees ke bills", "list amount=1000...5000"),
        ("bills above 1000 and below 5000", "list amount>1000 amount<5000"),
        ("how many bills above 3000 last month", "count 2026-10-01..2026-10-31 amount>3000"),
        ("2000 se kam ke bill kitne the", "count amount<2000"),
        ("total of bills above 1000 at dmart", "total payee=DMart amount>1000"),
        ("gst on bills above 10000 this year", "total tax 2026-01-01..2026-12-31 amount>10000"),
    ])
    func amountsAreFiltersWithTheirComparison(text: String, expected: String) {
        #expect(understand(text).summary == expected, "\(text)")
    }

    /// Numbers that count, date or name something else stay what they were.
    @Test(arguments: [
        ("top 3 suppliers this year", "top 3 payee 2026-01-01..2026-12-31"),
        ("last 7 days spend", "total 2026-11-15..2026-11-21"),
        ("spend between 1 and 15 nov", "total 2026-11-01..2026-11-15"),
        ("1 aug se 15 sep tak kitna kharcha", "total 2026-08-01..2026-09-15"),
        ("2 mahine pehle kitna kharcha", "total 2026-09-01..2026-09-30"),
        ("spend in 2025", "total 2025-01-01..2025-12-31"),
        ("5 biggest bills", "largest 5"),
        ("sabse zyada kharcha kahan hua", "top 1 payee"),
        ("teen hazaar", "not understood"),
    ])
    func otherNumbersAreNoAmounts(text: String, expected: String) {
        #expect(understand(text).summary == expected, "\(text)")
    }

    @Test func aRangeHoldsItsEnds() {
        let above = AmountRange(lower: AmountBound(3000, inclusive: false))
        #expect(!above.contains(3000) && above.contains(3000.01))
        let between = AmountRange(lower: AmountBound(1000, inclusive: true), upper: AmountBound(5000, inclusive: true))
        #expect(between.contains(1000) && between.contains(5000) && !between.contains(5000.5) && !between.contains(999))
    }

    @Test(arguments: [("10,000", ["10000"]), ("1,00,000", ["100000"]), ("5k+", ["5", "k", "+"]), ("1,2", ["1", "2"]),
                      ("32,73793", ["32", "73793"]), ("dmart, reliance", ["dmart", "reliance"])])
    func commasGroupDigitsOnlyInThreesOrTwos(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text).map(\.text) == expected)
    }
}
