import FintrakCore
import Foundation
import Testing
@testable import BillReading

@Suite("Amounts as bills print them")
struct AmountScannerTests {
    func values(_ line: String) -> [Decimal] {
        AmountScanner.amounts(in: line).map(\.value)
    }

    func money(_ line: String) -> [AmountMatch] {
        AmountScanner.amounts(in: line).filter(\.isMoneyLike)
    }

    @Test func indianAndWesternGrouping() {
        #expect(values("Grand Total ₹1,23,456.50") == [Decimal(string: "123456.50")!])
        #expect(values("BILL AMOUNT   29,546.00") == [29546])
        #expect(values("Closing Balance :  1,08, 906.00 Dr") == [108906])
        #expect(values("Sub Total 1325.00") == [1325])
    }

    @Test func europeanDecimalComma() {
        #expect(values("Total € 9.137,47") == [Decimal(string: "9137.47")!])
        #expect(values("Subtotal (net)   4.237,30 €") == [Decimal(string: "4237.30")!])
        #expect(values("plus 19% VAT  805,09 €").last == Decimal(string: "805.09")!)
    }

    @Test func currencyBesideTheAmount() {
        #expect(money("NET PAYABLE   Rs.728.00").first?.currency == "INR")
        #expect(money("TOTAL   INR 573.00").first?.currency == "INR")
        #expect(money("Total due  $ 2,378.28").first?.currency == "USD")
        #expect(money("4.237,30 €").first?.currency == "EUR")
        #expect(money("Amount ₪274.95").first?.currency == "ILS")
        // The "$" belongs to the next figure, not to the quantity before it.
        let row = AmountScanner.amounts(in: "2      $59.02     5%     $ 118.04")
        #expect(row.first?.currency == nil)
        #expect(row.first?.isMoneyLike == false)
    }

    @Test func signs() {
        #expect(values("Round Off (+/-)  -0.24") == [Decimal(string: "-0.24")!])
        #expect(values("Less : Round Off (-)0.24") == [Decimal(string: "-0.24")!])
        #expect(values("Discount (0.26)") == [Decimal(string: "-0.26")!])
        #expect(values("Discount @15%   -372.00") == [15, -372])
        // A dash with a space after it separates; it does not negate.
        #expect(values("GRAND TOTAL - 64,045.00") == [64045])
        #expect(values("VAT (17%)  39.95") == [17, Decimal(string: "39.95")!])
    }

    @Test func ratesAreNotAmounts() {
        let found = AmountScanner.amounts(in: "CGST @ 2.5%   56.65")
        #expect(found.map(\.isPercentage) == [true, false])
        #expect(found.filter(\.isMoneyLike).map(\.value) == [Decimal(string: "56.65")!])
    }

    @Test func ocrSlips() {
        // A decimal point read as a hyphen at the end of a line.
        #expect(values("CGST 2.50%        17-33") == [Decimal(string: "2.50")!, Decimal(string: "17.33")!])
        // The cents set apart from the point.
        #expect(values("Total RM   49. 39") == [Decimal(string: "49.39")!])
        #expect(values("Items  3. 25 pcs") == [3, 25])
        // Codes and phone numbers are not money.
        #expect(money("Vehicle No. : KA16C2050").isEmpty)
        #expect(money("Tel: 0353-53977997").isEmpty)
        #expect(money("GSTIN: 19CWSPM2831T2ZC").isEmpty)
    }

    @Test func datesDoNotParseAsAmounts() {
        #expect(AmountScanner.parseNumber("21.05.25") == nil)
        #expect(AmountScanner.parseNumber("1,545,00") == nil)
    }
}

@Suite("Dates as bills print them")
struct DateScannerTests {
    func days(_ line: String) -> [String] {
        DateScanner.dates(in: line).map(\.day.description)
    }

    @Test func dayFirstNumeric() {
        #expect(days("Date: 05/03/2026") == ["2026-03-05"])
        #expect(days("Date: 21.05.25") == ["2025-05-21"])
        #expect(days("Date: 07-06-2025   Time: 23:53") == ["2025-06-07"])
        #expect(days("Dt. 3/4/26") == ["2026-04-03"])
    }

    @Test func monthFirstOnlyWhenDayFirstIsImpossible() {
        #expect(days("Date 12/25/2024") == ["2024-12-25"])
        #expect(days("Date 31/02/2025").isEmpty)
    }

    @Test func isoAndMonthNames() {
        #expect(days("Date: 2025-05-01") == ["2025-05-01"])
        #expect(days("Bill Date  14 Feb 2026") == ["2026-02-14"])
        #expect(days("Date: 08-Aug-2025") == ["2025-08-08"])
        #expect(days("Date   2 March 2025") == ["2025-03-02"])
        #expect(days("Invoice date: March 2, 2025") == ["2025-03-02"])
        #expect(days("Dated 5th September 2024") == ["2024-09-05"])
        #expect(days("Date: 5-Mar-26") == ["2026-03-05"])
        #expect(days("Bill Period 24-Apr-2025 to 23-May-2025") == ["2025-04-24", "2025-05-23"])
    }

    @Test func lettersOCRTakesForDigitsInADate() {
        #expect(days("Date:  11/09/2@17") == ["2017-09-11"])
        #expect(days("Tarikh O5/O1/2018") == ["2018-01-05"])
        // Words stay words.
        #expect(days("SOLD 12 Items") == [])
    }

    @Test func aFutureYearIsReadAsTheLatestPastYearOneDigitAway() {
        #expect(DateFinder.pastYearOneDigitAway(from: 2078, reference: 2026) == 2018)
        #expect(DateFinder.pastYearOneDigitAway(from: 2037, reference: 2026) == 2017)
        #expect(DateFinder.pastYearOneDigitAway(from: 2099, reference: 2026) == 2019)
    }

    @Test func monthNamesInTheLanguagesBillsAreWrittenIn() {
        #expect(days("Factuurdatum: 3 maart 2026") == ["2026-03-03"])
        #expect(days("Date de facture : 14 février 2026") == ["2026-02-14"])
        #expect(days("Rechnungsdatum: 5. März 2026") == ["2026-03-05"])
        #expect(days("Tarikh: 12 Ogos 2018") == ["2018-08-12"])
        #expect(days("le 1 décembre 2025") == ["2025-12-01"])
        #expect(days("Fecha de factura: 6 de diciembre de 2025") == ["2025-12-06"])
        #expect(days("Fecha: 14 feb. 2026") == ["2026-02-14"])
        #expect(days("Datum: 06.12.2025") == ["2025-12-06"])
    }

    @Test func notDates() {
        #expect(days("Tel: 0353-53977997").isEmpty)
        #expect(days("Sub Total 1,125.00").isEmpty)
        #expect(days("Time: 09:50:15").isEmpty)
        // A year OCR misread out of this century is not a date.
        #expect(days("Date : 14-Feb-2525").isEmpty)
    }
}

@Suite("Amounts in words")
struct AmountInWordsTests {
    func parse(_ text: String) -> Decimal? {
        AmountInWords.parse(TextLine.words(of: text))
    }

    @Test func indianNumbering() {
        #expect(parse("Rupees One Lakh Three Thousand Two Hundred Fifty Only") == 103_250)
        #expect(parse("INR Seventy Four Thousand Three Hundred Forty Five Only") == 74_345)
        #expect(parse("Rupees Two Crore Five Lakh Only") == 20_500_000)
        #expect(parse("INR Eleven Thousand Two Hundred Eighteen and Fifty Eight paise Only") == Decimal(string: "11218.58"))
        #expect(parse("Rupees One Hundred and Twenty Only") == 120)
    }

    @Test func notAmounts() {
        #expect(parse("One Time Charges") == nil)
        #expect(parse("Twenty Thirty Fourty Garbled Nine Hundred") == nil)
    }

    @Test func wrappedAndLabelled() {
        let bill = BillText("""
            Amount in Words:
            RUPEES TWENTY NINE THOUSAND          Add: CGST     1,603.54
            FIVE HUNDRED FORTY SIX ONLY
            Tax Amount (in words) : INR Three Thousand Two Hundred Seven and Eight paise Only
            """)
        let found = AmountInWords.find(in: bill)
        #expect(found.contains(AmountInWords.Found(value: 29_546, isTax: false)))
        #expect(found.contains(AmountInWords.Found(value: Decimal(string: "3207.08")!, isTax: true)))
    }
}

@Suite("Lines, cells and words")
struct TextLineTests {
    @Test func cellsSplitAtColumnGaps() {
        let line = TextLine(index: 0, raw: "Invoice No.      : 594/25-26    |  Date : 17-11-2025")
        #expect(line.cells == ["Invoice No.", "594/25-26", "Date : 17-11-2025"])
    }

    @Test func abbreviationsJoin() {
        #expect(TextLine.words(of: "C.G.S.T 2.5%") == ["cgst", "2", "5", "%"])
        #expect(TextLine(index: 0, raw: "$.G.S.T 2.5%  28.13").words.first == "sgst")
        #expect(TextLine(index: 0, raw: "C.GS.T 2.5%  28.13").words.first == "cgst")
        #expect(TextLine.words(of: "Inv. No.: 42") == ["inv", "no", "42"])
    }
}
