import AnswerFormatting
import Foundation
import Testing

@Suite("GST summary")
struct GSTSummaryTests {
    func amount(_ text: String) -> Decimal { Decimal(string: text) ?? -1 }

    @Test func ratesSnapToTheSlabsAndSplitByPlaceOfSupply() {
        let bills = [
            GSTSummary.Bill(supplier: "Sharma Traders", gstin: "27AAPFU0939F1ZV", total: amount("1180"), tax: amount("180")),
            GSTSummary.Bill(supplier: "Sharma Traders", gstin: "27AAPFU0939F1ZV", total: amount("590.01"), tax: amount("90.01")),
            GSTSummary.Bill(supplier: "Delhi Paper", gstin: "07AAACD1234E1Z5", total: amount("1050"), tax: amount("50")),
            GSTSummary.Bill(supplier: "Chai stall", gstin: nil, total: amount("40"), tax: nil),
        ]
        #expect(GSTSummary.homeState(given: nil, bills: bills) == "27")
        let rows = GSTSummary.rows(bills, homeState: "27")
        #expect(rows.map(\.gstin) == ["07AAACD1234E1Z5", "27AAPFU0939F1ZV", nil])
        let delhi = rows[0], sharma = rows[1], stall = rows[2]
        #expect(delhi.rate == 5 && delhi.igst == 50 && delhi.cgst == 0 && delhi.taxable == 1000)
        #expect(sharma.rate == 18 && sharma.bills == 2 && sharma.taxable == 1500)
        #expect(sharma.cgst == amount("135.01") && sharma.sgst == amount("135") && sharma.cgst + sharma.sgst == amount("270.01"))
        #expect(sharma.total == amount("1770.01") && sharma.igst == 0)
        #expect(stall.rate == 0 && stall.taxable == 40 && stall.total == 40)
    }

    @Test func anOddRateIsKeptToTwoPlacesAndTheGivenStateWins() {
        #expect(GSTSummary.rate(tax: 100, taxable: 1000) == 10)
        #expect(GSTSummary.rate(tax: 179, taxable: 1000) == 18)
        #expect(GSTSummary.rate(tax: 0, taxable: 1000) == 0)
        #expect(GSTSummary.rate(tax: 10, taxable: 0) == 0)
        let bill = GSTSummary.Bill(supplier: "A", gstin: "27AAPFU0939F1ZV", total: 118, tax: 18)
        #expect(GSTSummary.homeState(given: "29", bills: [bill]) == "29")
        #expect(GSTSummary.rows([bill], homeState: "29").first?.igst == 18)
        #expect(GSTSummary.rows([bill], homeState: nil).first?.cgst == 9)
    }

    @Test func theSpreadsheetTotalsEveryAmountColumn() {
        let rows = GSTSummary.rows([GSTSummary.Bill(supplier: "A", gstin: "27AAPFU0939F1ZV", total: 118, tax: 18),
                                    GSTSummary.Bill(supplier: "B", gstin: "07AAACD1234E1Z5", total: 105, tax: 5)], homeState: "27")
        let sheet = GSTSummary.spreadsheet(rows, period: "November 2026")
        #expect(sheet.filename == "gst-summary-November2026.xlsx")
        #expect(sheet.rows.count == 2)
        #expect(sheet.totals[4] == .money(200) && sheet.totals[8] == .money(223) && sheet.totals[7] == .money(5))
    }
}

@Suite("GST report period and reply")
struct GSTReportTests {
    @Test func theReplySumsTheRows() {
        let rows = GSTSummary.rows([GSTSummary.Bill(supplier: "A", gstin: "27AAPFU0939F1ZV", total: 1180, tax: 180)], homeState: nil)
        let text = GSTSummary.reply(rows, period: "November 2026")
        #expect(text.contains("1 bill,") && text.contains("taxable value ₹1,000.00") && text.contains("CGST ₹90.00"))
        #expect(GSTSummary.reply([], period: "November 2026").hasPrefix("No bills in November 2026"))
    }
}

import FintrakCore
import QuestionUnderstanding

@Suite("Report periods")
struct ReportPeriodTests {
    let today = CalendarDay(clampingYear: 2026, month: 12, day: 6)

    @Test func aMonthNameOrNothing() {
        let november = Period.report("november", today: today)
        #expect(november.range.first == CalendarDay(clampingYear: 2026, month: 11, day: 1))
        #expect(november.range.last == CalendarDay(clampingYear: 2026, month: 11, day: 30))
        #expect(Period.report("", today: today).range == november.range)
        #expect(Period.report("", today: today).label == "November 2026")
        #expect(Period.report("blah", today: today).range == november.range)
        #expect(Period.report("november 2026", today: today).label == "November 2026")
    }
}
