import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// Which figure is the total: every amount is a candidate, and the bill's arithmetic (parts added up, cash less
/// change, item rows, the tax summary) decides over the label beside it. Small made-up receipts laid out as OCR reads
/// them.
@Suite("Choosing the total")
struct TotalCandidateTests {
    let reference = CalendarDay(year: 2026, month: 3, day: 31)

    func total(_ text: String) -> Reading<Decimal>? {
        InvoiceParser.parse("KEDAI RUNCIT MAJU ENTERPRISE\nDate: 12/02/2026\n" + text, reference: reference).total
    }

    @Test func aTaxRateRowUnderAnAmountHeadingIsNotTheTotal() {
        let x = total("""
            Payment                   10.00
            Change Due                 3.00
            GST Summary    Amount(RM)
            SR @ 6%                    6.60
            """)
        #expect(x?.value == 7)
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        // The same row with a VAT rate, as European invoices print their VAT table.
        let table = TotalsFinder(bill: BillText("BTW-overzicht   Bedrag\n21%   100,00   21,00\nTe betalen   121,00"))
        #expect(table.labelled.filter { $0.line == 1 }.allSatisfy { $0.isTableRow && $0.role == nil })
    }

    @Test func aFigureTwoIdentitiesReachBeatsAnUnconfirmedNumberBesideTotal() {
        // The total's decimal point was lost ("5215"); cash less change is the single item's amount.
        let x = total("""
            Spec @ 1.15                        5.75
            Total RM Incl. of GST              5215
            Cash                             -50.00
            CHANGE                            44.25
            """)
        #expect(x?.value == Decimal(string: "5.75"))
    }

    @Test func aTotalWhoseLabelOCRGarbledIsFoundByTheArithmetic() {
        let x = total("""
            Sub-Total                 15.60
            Coupon Discount            8.90
            Grnd Ttl. :                6.70
            Payment                   50.00
            Change Due                43.30
            """)
        #expect(x?.value == Decimal(string: "6.70"))
        #expect((x?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
    }

    @Test func aPartialSumInTheTaxSummaryIsNotTheTotal() {
        // 295.00 + 29.50 is the taxable value; the printed total misread one digit of 343.95.
        let x = total("""
            SUB TOTAL                295.00
            SERVICE CHARGE 10%        29.50
            GST 6%                    19.47
            ROUNDING ADJ              -0.02
            TOTAL                    345.95
            SVC SUMMARY              324.50
            """)
        #expect(x?.value == Decimal(string: "343.95"))
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func theRoundedTotalPrintedOnTheRoundingLineIsTheAmountToPay() {
        let x = total("""
            Total Sales (Inclusive GST) RM   52.08
            Rounding Adjustment RM            0.O2
            Rounding RM                      52.10
            """)
        #expect(x?.value == Decimal(string: "52.10"))
    }

    @Test func theItemRowsCorrectADigitOfAnUnconfirmedTotal() {
        let x = total("""
            Description      Qty   Price   Amount
            BAKERY TRAY       1    12.00    12.00
            Total                           42.00
            Change                          38.00
            """)
        #expect(x?.value == 12)
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func aTotalPrintedTwiceIsNotCorrectedByCashAndChange() {
        let x = total("""
            Total Sales Inclusive GST @6%     10.00
            Total                             10.00
            CASH                              20.60
            CHANGE                            10.00
            """)
        #expect(x?.value == 10)
    }

    @Test func aTotalNotWrittenLikeMoneyIsAskedAbout() {
        let x = total("""
            Total                              1250
            """)
        #expect(x?.value == 1250)
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func keyLabelsOCRSlippedALetterOfAreStillRead() {
        #expect(AmountRole.classify(["tota"]) == .total)
        #expect(AmountRole.classify(["grand", "totai"]) == .payable)
        #expect(AmountRole.classify(["chanse"]) == .tendered(.change))
        #expect(AmountRole.classify(["amaunt"]) == .total)
        // Everyday words a letter away from other labels, and plurals, stay what they are.
        #expect(AmountRole.classify(["ground", "floor"]) == nil)
        #expect(AmountRole.classify(["parking", "fee"]) == nil)
        #expect(AmountRole.classify(["totals"]) == nil)
        #expect(AmountRole.classify(["total", "item", "s"]) == .other)
        // A short tax label is read through a letter read in too many, never through a changed letter ("must").
        #expect(AmountRole.classify(["mwsst"]) == .tax("vat"))
        #expect(AmountRole.classify(["cgsst"]) == .tax("cgst"))
        #expect(AmountRole.classify(["must"]) == nil)
    }

    @Test func aTaxTotalAtARateOfTheSubtotalOutweighsAMisreadTaxLine() {
        // 2.72 is 6 % of 45.28; the tax line's 0.90 is no rate of it (a digit misread), and no total was read.
        let x = parse("""
            Lakeside Cash & Carry
            Date: 02/02/2018
            SUB-TOTAL                45.28
            TAX                       0.90
            TAX TOTAL:                2.72
            """)
        #expect(x.total?.value == 48)
        #expect(x.tax.value == Decimal(string: "2.72"))
    }

    @Test func aTaxLabelOCRSlippedALetterOfStillCountsItsTax() {
        let x = parse("""
            Becker Hosting GmbH
            Rechnungsdatum: 09.08.2025
            Nettobetrag                 466,16
            MwsSt. 19 %                  88,57
            Fälliger Betrag           € 554,73
            """)
        #expect(x.tax.value == Decimal(string: "88.57"))
    }

    @Test func aSumACentAwayConfirmsOnlyWhereTheRoundOffWasUnread() {
        // Nothing rounds here: the printed 11.61 is a misread of subtotal + tax.
        let misread = total("""
            Sub Total                  10.94
            Total GST                   0.66
            TOTAL                      11.61
            """)
        #expect(misread?.value == Decimal(string: "11.60"))
        #expect((misread?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        // A rounding line whose figure OCR lost: the total is the rounded sum.
        let rounded = total("""
            SUB TOTAL                  21.00
            GST 6%                      1.26
            ROUNDING ADJ                 VY
            NET TOTAL                  22.25
            """)
        #expect(rounded?.value == Decimal(string: "22.25"))
        #expect((rounded?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
    }

    @Test func theTaxSummaryGivesTheTaxWhenTheTaxLineWasNotRead() {
        let x = total("""
            SUB-TOTAL (EX)     :        52.00
            TOTAL TAX          :          Sz
            ROUNDING           :        -0.02
            TOTAL                       55.10
            GST SUMMARY      AMOUNT      TAX
            SR        6.00    52.00     3.12
            TOTAL:            52.00     3.12
            """)
        #expect(x?.value == Decimal(string: "55.10"))
        #expect((x?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
    }

    @Test func rowsUnderATaxSummaryHeadingAreNoTotalsAndNoTotalIsSubtotalPlusTax() {
        let text = """
            SUB-TOTAL                45.28
            TOTAL                      ooK
            GST SUMMARY
            CODE      AMOUNT   %   TAX/AMT
            SR        45.28    6      2.72
            TAX TOTAL:                2.72
            """
        let finder = TotalsFinder(bill: BillText(text))
        #expect(finder.labelled.filter { $0.value == Decimal(string: "45.28") && $0.line == 4 }
            .allSatisfy { $0.isTableRow && $0.role == nil })
        // No total could be read: the subtotal with the printed tax, asked about.
        let x = total(text)
        #expect(x?.value == 48)
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func aSubtotalThatIsTheTaxableValueDoesNotConfirmItselfAsTheTotal() {
        // The summary shows 45.28 as the taxable value: a "total" of 45.28 would leave out the tax.
        let finder = TotalsFinder(bill: BillText("""
            SUB-TOTAL                45.28
            AMOUNT                   45.28
            GST SUMMARY   AMOUNT   TAX
            TOTAL:        45.28    2.72
            """))
        let amount = finder.labelled.first { $0.line == 1 }
        #expect(amount.map { finder.confirmingBases(of: $0).isEmpty } == true)
    }

    @Test func currencyFiguresWithTheirPointLostOrAZeroReadAsO() {
        #expect(AmountScanner.amounts(in: "Change      RM34 60").map(\.value) == [Decimal(string: "34.60")])
        #expect(AmountScanner.amounts(in: "Rounding    RMO.01").map(\.value) == [Decimal(string: "0.01")])
        // Without a currency, two numbers stay two; a word ending in O keeps its letter.
        #expect(AmountScanner.amounts(in: "Qty   4 12").map(\.value) == [4, 12])
        #expect(!AmountScanner.amounts(in: "NO.50  2.00").map(\.value).contains(Decimal(string: "0.50")))
    }

    @Test func noTotalAndATaxShownAsIncludedIsTheSubtotalAlone() {
        let x = total("""
            SALTED FRIED RICE            6.50
            ICED TEA                     4.30
            SUBTOTAL                    10.80
            INC 6% GST                   0.61
            """)
        #expect(x?.value == Decimal(string: "10.80"))
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func groupTotalsAddUpToTheAmountPayable() {
        let groups = """
            Bread loaf        3 x 2.00           6.00
            Rolls                                4.00
                   Total 0% supplies:           10.00
            Cake                                 5.00
                   Total 6% supplies (excl. tax): 5.00
                                  Tax:           0.30
                   Total 6% supplies (incl. tax): 5.30
            """
        let x = total(groups + "\n        Total Payable:    15.30")
        #expect(x?.value == Decimal(string: "15.30"))
        #expect((x?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
        // The payable figure with a digit misread: the groups' sum, asked about.
        let misread = total(groups + "\n        Total Payable:    15.80")
        #expect(misread?.value == Decimal(string: "15.30"))
        #expect((misread?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        // The payable figure not read at all, or read with a digit lost: still the groups' sum, not the last group.
        let unread = total(groups + "\n        Total Payable:    ~")
        #expect(unread?.value == Decimal(string: "15.30"))
        let short = total(groups + "\n        Total Payable:    1.30")
        #expect(short?.value == Decimal(string: "15.30"))
        // The group's tax line unread: its total is still its net figure at the rate printed beside it.
        let taxUnread = total("""
            Bread loaf        3 x 2.00           6.00
            Rolls                                4.00
                   Total 0% supplies:           10.00
            Cake                                20.00
                   Total 6% supplies (excl. tax): 20.00
                                  GT:           ~~
                   Total 6% supplies (incl. tax): 21.20
                   Total Payable:               31.2
            """)
        #expect(taxUnread?.value == Decimal(string: "31.20"))
        // One group only: nothing to add up, the label alone gives no figure.
        let single = TotalsFinder(bill: BillText("Rolls        4.00\nTotal 0% supplies:   4.00\nTotal Payable:   ~"))
        #expect(single.unreadPayablesOfGroups.isEmpty)
    }

    @Test func itemRowsAddingUpToAFigureAboveALargerAmountPayableMakeItASubtotal() {
        let x = total("""
            Bread loaf                           6.00
            Rolls                                4.00
            Total                               10.00
            Amount Payable                      15.30
            """)
        #expect(x?.value == Decimal(string: "15.30"))
    }

    @Test func cashOfExactlyTheTotalIsNotCorrectedByTheItemRows() {
        let x = total("""
            Hand soap             1 x           8.90
            Total Incl. GST              RM 5.90
            CASH                         RM 5.90
            """)
        #expect(x?.value == Decimal(string: "5.90"))
    }

    @Test func aRegistrationNumberBesideGSTIsNoSummaryLine() {
        let bill = BillText("""
            GST ID: 000123456789
            Bread loaf                           6.00
            Rolls                                4.00
            Total                               10.00
            """)
        #expect(TotalsFinder(bill: bill).itemsSum == 10)
    }

    @Test func theMoneyBesideTheCountOfItemsIsTheirSubtotal() {
        // The amount payable could not be read: the items' sum beside their count, the tax shown as included.
        let unread = total("""
            KAYA PUFF      4    1.60     6.40
            CHEESE TART    1    3.40     3.40
            Qty      5                   9.80
            Rounding Adj                 0.00
            Due                          98Q5
            (Total Included GST @ 6%:    0.55)
            """)
        #expect(unread?.value == Decimal(string: "9.80"))
        #expect((unread?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        // With the tax added under it, it corrects a misread digit of the total.
        let added = total("""
            Total Qty:   3               31.42
            Total GST                     1.89
            Total Sales (inclusive of GST)  38.31
            """)
        #expect(added?.value == Decimal(string: "33.31"))
        // A count alone, or money beside another label, is no subtotal.
        let finder = TotalsFinder(bill: BillText("Total Qty:   3\nItem Count 2      Change Amt     4.10"))
        #expect(!finder.labelled.contains { $0.role == .subtotal })
    }

    @Test func labelWordsOCRRanTogetherAreReadApart() {
        #expect(AmountRole.classify(["totalgst"]) == .totalTax)
        #expect(AmountRole.classify(["total", "sales", "excludinggst"]) == AmountRole.classify(["total", "sales", "excluding", "gst"]))
        // A word that is not made of label words only stays whole.
        #expect(AmountRole.splittingGlued("cashier") == ["cashier"])
        #expect(AmountRole.splittingGlued("subtotal") == ["subtotal"])
    }

    @Test func aTotalReadWithADigitLostIsRepairedByTheArithmetic() {
        let x = total("""
            SUB TOTAL                  40.00
            GST 6%                      2.40
            NET TOTAL                   4.40
            """)
        #expect(x?.value == Decimal(string: "42.40"))
        #expect((x?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        // The rounding line's figure was lost too: the sum rounded to 5 cents.
        let rounded = total("""
            SUB TOTAL                  31.00
            GST 6%                      1.86
            ROUNDING ADJ                 v0.01
            NET TOTAL                   3.85
            """)
        #expect(rounded?.value == Decimal(string: "32.85"))
        #expect(isOneDigitShort(Decimal(string: "2.25")!, of: Decimal(string: "22.25")!))
        #expect(!isOneDigitShort(Decimal(string: "2.26")!, of: Decimal(string: "22.25")!))
    }
}
