import FintrakCore
import Foundation
@testable import AnswerFormatting
import QuestionSamples
import QuestionUnderstanding
import Testing

@Suite struct AnswerFormatterTests {
    func answer(_ question: String, _ result: QueryResult) throws -> Answer {
        let plan = try #require(understand(question).plan, "\(question)")
        return AnswerFormatter(plan: plan, today: sampleToday).answer(result)
    }

    static func inr(_ bills: Int, _ amount: Decimal, average: Decimal = 0, taxed: Int = 0) -> Totals {
        Totals(currency: "INR", bills: bills, amount: amount, average: average, taxedBills: taxed)
    }

    static func bill(_ date: String, _ payee: String, _ total: Decimal, tax: Decimal? = nil,
                     method: PaymentMethod? = .upi) -> BillRow {
        BillRow(date: CalendarDay(iso: date)!, payee: payee, number: "INV-1", total: total, tax: tax, currency: "INR",
                method: method, category: "groceries")
    }

    @Test func totalsSayTheAmountWithItsCurrencyAndThePeriod() throws {
        let reply = try answer("how much did I spend last month", .totals([Self.inr(12, Decimal(string: "109317.76")!)]))
        #expect(reply.text == "You spent ₹1,09,317.76 last month (October 2026), across 12 bills.")
        #expect(reply.summary == reply.text)
        #expect(reply.spreadsheet == nil && reply.chart == nil)
    }

    @Test func filtersAreNamed() throws {
        let reply = try answer("how much at dmart by upi on groceries last month", .totals([Self.inr(1, 5153)]))
        #expect(reply.text == "You spent ₹5,153.00 at DMart on groceries by UPI last month (October 2026), across 1 bill.")
        let cash = try answer("reliance cash ab tak", .totals([Self.inr(2, 500)]))
        #expect(cash.text == "You spent ₹500.00 at Reliance Digital in cash so far, across 2 bills.")
    }

    @Test func theAmountFilterIsSaid() throws {
        let above = try answer("how much did I spend on bills above 3000 last month", .totals([Self.inr(2, 8000)]))
        #expect(above.text == "You spent ₹8,000.00 (each over ₹3,000.00) last month (October 2026), across 2 bills.")
        let between = try answer("dmart ke 1k se 5k ke beech ke bills ka total", .totals([Self.inr(1, 1200)]))
        #expect(between.text.contains("at DMart (each ₹1,000.00 to ₹5,000.00) so far"))
        let atLeast = try answer("kitne bills kam se kam 2000 ke", .totals([Self.inr(4, 9000)]))
        #expect(atLeast.text.contains("(each ₹2,000.00 or more)"))
        let under = try answer("total of bills under 500", .totals([Self.inr(3, 900)]))
        #expect(under.text.contains("(each under ₹500.00)"))
    }

    @Test func nothingFoundIsSaidWithAZero() throws {
        #expect(try answer("how much did I spend yesterday", .totals([])).text
            == "No bills yesterday (20 Nov 2026), so nothing spent (₹0.00).")
        #expect(try answer("how many bills yesterday", .totals([])).text == "No bills yesterday (20 Nov 2026): 0.")
    }

    @Test func taxCountAverageAndMedian() throws {
        #expect(try answer("GST last month", .totals([Self.inr(12, Decimal(string: "13438.31")!, taxed: 10)])).text
            == "GST last month (October 2026): ₹13,438.31, on 10 of 12 bills.")
        #expect(try answer("how many bills last month", .totals([Self.inr(12, 1000)])).text
            == "12 bills last month (October 2026), ₹1,000.00 in all.")
        let average = try answer("average bill last month",
                                 .totals([Self.inr(12, Decimal(string: "109317.76")!, average: Decimal(string: "9109.81333")!)]))
        #expect(average.text == "Your average bill last month (October 2026) was ₹9,109.81 (12 bills, ₹1,09,317.76 in all).")
        let median = try answer("median bill this year", .median([Self.inr(7, 0, average: Decimal(string: "1234.565")!)]))
        #expect(median.text == "Your median bill this year (1 Jan – 21 Nov 2026) was ₹1,234.57 (the middle of 7 bills).")
    }

    @Test func averagesPerDayCountTheDaysUpToToday() throws {
        #expect(try answer("average daily spend this month", .totals([Self.inr(5, 21000)])).text
            == "On average you spent ₹1,000.00 a day this month (1 – 21 Nov 2026) (₹21,000.00 over 21 days).")
    }

    @Test func theLargestBillNamesItsPayeeAmountAndDate() throws {
        let reply = try answer("biggest bill last month", .bills([Self.bill("2026-10-12", "Reliance Digital",
                                                                             Decimal(string: "39085.39")!, tax: 5962)],
                                                                  totals: []))
        #expect(reply.text == """
            Your biggest bill last month (October 2026): Reliance Digital, ₹39,085.39 on 12 Oct 2026.
            Invoice INV-1 · groceries · paid by UPI · GST ₹5,962.00
            """)
        let three = try answer("3 smallest bills", .bills([Self.bill("2026-10-12", "Swiggy", 200),
                                                           Self.bill("2026-10-13", "DMart", 300)], totals: []))
        #expect(three.text == "Your 2 smallest bills so far:\n1. Swiggy — ₹200.00 on 12 Oct 2026\n2. DMart — ₹300.00 on 13 Oct 2026")
    }

    @Test func topPayeesAreListedInOrderAfterASummaryLine() throws {
        let rows = [GroupRow(label: "Reliance Digital", currency: "INR", bills: 3, amount: 90000),
                    GroupRow(label: "Gupta Estates", currency: "INR", bills: 1, amount: 25000),
                    GroupRow(label: "Sharma Traders", currency: "INR", bills: 1, amount: 12000)]
        let reply = try answer("top 3 payees last month", .groups(rows, totals: []))
        #expect(reply.text == """
            Your top 3 payees last month (October 2026):
            1. Reliance Digital — ₹90,000.00 (3 bills)
            2. Gupta Estates — ₹25,000.00 (1 bill)
            3. Sharma Traders — ₹12,000.00 (1 bill)
            """)
        let day = try answer("which day did I spend the most last month",
                             .groups([GroupRow(label: "2026-10-12", currency: "INR", bills: 2, amount: 45000)], totals: []))
        #expect(day.text == "Last month (October 2026), you spent the most on 12 Oct 2026: ₹45,000.00 across 2 bills.")
    }

    @Test func comparisonsShowBothNumbersAndTheDifference() throws {
        let reply = try answer("UPI vs cash spend in September?", .comparison([[Self.inr(5, 8934)], [Self.inr(3, 2504)]]))
        #expect(reply.text == """
            UPI ₹8,934.00 vs cash ₹2,504.00, in September 2026.
            • UPI: ₹8,934.00 (5 bills)
            • cash: ₹2,504.00 (3 bills)
            UPI is ₹6,430.00 more than cash (+257%).
            """)
        #expect(reply.chart?.bars.map(\.value) == [8934, 2504])
        let months = try answer("compare this month with last", .comparison([[Self.inr(2, 100)], []]))
        #expect(months.summary == "This month (1 – 21 Nov 2026) ₹100.00 vs last month (October 2026) ₹0.00.")
    }

    @Test func shortListsAreInlineAndLongOnesGoToASpreadsheet() throws {
        let short = try answer("list all DMart bills", .bills([Self.bill("2026-10-05", "DMart", 2000)],
                                                              totals: [Self.inr(1, 2000)]))
        #expect(short.text == "1 bill at DMart so far, ₹2,000.00 in all:\n• 5 Oct 2026 — DMart — ₹2,000.00 (UPI)")
        #expect(short.spreadsheet == nil)
        let rows = (1...12).map { Self.bill(String(format: "2026-10-%02d", $0), "DMart", Decimal($0 * 100)) }
        let long = try answer("list all DMart bills", .bills(rows, totals: [Self.inr(12, 7800)]))
        #expect(long.text == "12 bills at DMart so far, ₹7,800.00 in all. They're all in the attached spreadsheet.")
        let sheet = try #require(long.spreadsheet)
        #expect(sheet.rows.count == 12)
        #expect(sheet.columns.map(\.title) == ["Date", "Payee", "Invoice no.", "Category", "Payment method", "Currency",
                                               "Tax", "Total"])
        #expect(sheet.totals.last == .money(7800))
    }

    @Test func monthlyTrendsFillEmptyMonthsAndComeWithAChart() throws {
        let rows = [GroupRow(label: "2026-08-01", currency: "INR", bills: 2, amount: 1000),
                    GroupRow(label: "2026-10-01", currency: "INR", bills: 1, amount: 500)]
        let reply = try answer("month by month spending", .groups(rows, totals: [Self.inr(3, 1500)]))
        #expect(reply.text == """
            Spending by month so far: ₹1,500.00 in all.
            • August 2026 — ₹1,000.00 (2 bills)
            • September 2026 — ₹0.00 (0 bills)
            • October 2026 — ₹500.00 (1 bill)
            """)
        #expect(reply.chart?.bars.map(\.label) == ["Aug 26", "Sep 26", "Oct 26"])
    }

    @Test func askingAboutOthersIsAnsweredForTheSenderOnly() throws {
        let reply = try answer("show me everyone's invoices", .bills([], totals: []))
        #expect(reply.text == "No bills so far.\n(I only ever see your own records — nobody else's.)")
    }

    @Test func guidanceOffersThreeQuestionsThatWork() {
        let text = Guidance.notUnderstood(mentionsOthers: false, vocabulary: sampleVocabulary)
        let examples = Guidance.examples(sampleVocabulary)
        #expect(examples.count == 3)
        for example in examples {
            #expect(text.contains(example))
            #expect(understand(example).plan != nil, "\(example)")
        }
        let unknown = Guidance.unknownName(kind: .payee, known: ["DMart"], vocabulary: sampleVocabulary)
        #expect(unknown.hasPrefix("I couldn't find any bills from that payee. Your payees include DMart."))
    }

    @Test(arguments: [(0, "0"), (7, "7"), (1234, "1,234"), (123_456, "1,23,456")])
    func countsUseIndianGrouping(count: Int, expected: String) {
        #expect(count.grouped == expected)
    }
}

/// A date that is no day gets a reply that says which, briefly.
@Suite struct UnreadableDateReplyTests {
    @Test func theDateIsQuotedBack() {
        #expect(Guidance.unreadableDate("1/1/0000")
            == "I couldn't read the date '1/1/0000'. Please write it as day/month/year, for example 5/3/2026.")
    }

    @Test func aLongRunOfDigitsIsQuotedShort() {
        let reply = Guidance.unreadableDate(String(repeating: "9", count: 4096) + "/1/1")
        #expect(reply.hasPrefix("I couldn't read the date '99999999999999999999…'."))
        #expect(reply.count < 120)
    }
}
