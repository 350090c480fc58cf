import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// The bill's arithmetic choosing among candidate totals, on small made-up receipts.
@Suite("A bill's arithmetic")
struct ArithmeticTests {
    let reference = CalendarDay(year: 2026, month: 3, day: 31)

    @Test func cashMinusChangeConfirmsTheTotalOverALargerFigure() {
        // Two "total"-labelled figures; only one is what the till charged.
        let x = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            TOTAL QTY: 3
            TOTAL            12.50
            CASH             20.00
            CHANGE            7.50
            """, reference: reference)
        #expect(x.total?.value == Decimal(string: "12.50"))
        #expect((x.total?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
    }

    @Test func cashAndChangeAloneGiveTheTotalUnsure() {
        let x = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            CASH            -50.00
            CHANGE           17.25
            """, reference: reference)
        #expect(x.total?.value == Decimal(string: "32.75"))
        #expect((x.total?.confidence ?? 1) < InvoiceExtraction.sureEnough)
    }

    @Test func subtotalPlusTaxBeatsALargerNumberNearTotal() {
        let x = InvoiceParser.parse("""
            Bakkerij De Molen B.V.
            Factuurdatum: 14-02-2026
            Subtotaal                 10,00
            BTW 9%                     0,90
            Totaal                    10,90
            Totaal aantal artikelen      12
            """, reference: reference)
        #expect(x.total?.value == Decimal(string: "10.90"))
        #expect(x.tax.value == Decimal(string: "0.90"))
    }

    @Test func aTaxSummaryTotalRowIsNotTheAmountToPay() {
        let x = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            Total Sales (Excluding GST) :   6.00
            Total GST :                     0.36
            Total Sales (Inclusive of GST): 6.36
            GST SUMMARY   Amount(RM)   Tax(RM)
            Total :         6.00        0.36
            """, reference: reference)
        #expect(x.total?.value == Decimal(string: "6.36"))
        #expect(x.tax.value == Decimal(string: "0.36"))
    }

    @Test func aFigureEqualToSubtotalPlusTaxIsTheTotalWhateverItsGarbledLabel() {
        let x = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            Sub Total        :   RM   68.87
            GST 6%           :   RM    4.13
            TO Za:               RM   73.00
            """, reference: reference)
        #expect(x.total?.value == 73)
    }
}

extension ArithmeticTests {
    @Test func theAmountToPayIsTheOneAfterRounding() {
        let rounded = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            Total                  RM 30.91
            ROUNDING ADJUSTMENT    RM  0.01
            TOTAL ROUNDED          RM 30.90
            CASH                   RM 51.00
            """, reference: reference)
        #expect(rounded.total?.value == Decimal(string: "30.90"))
        // No rounded total printed: the cash taken, after the round-off, says it.
        let paid = InvoiceParser.parse("""
            KEDAI RUNCIT MAJU ENTERPRISE
            Date: 12/02/2026
            Total (Inclusive of GST)       31.02
            Rounding Adj:                  -0.02
            CASH :                         31.00
            """, reference: reference)
        #expect(paid.total?.value == 31)
    }

    @Test func itemRowsAddUpToTheTotalOverAMisreadRoundedTotal() {
        // The rounded total's figure was misread; the item rows and the rounding of 0.00 say 9.00.
        let x = InvoiceParser.parse("""
            KEDAI BUKU CERIA SDN BHD
            Date: 25/12/2025
            CODE/DESC            QTY   PRICE    AMOUNT
            MODELLING CLAY        1     5.50      5.50
            PENCIL 2B             2     1.75      3.50
            Total :                               9,00
            Rounding Adjustment :                 0.00
            Rounded Total (RM) :                  9.60
            """, reference: reference)
        #expect(TotalsFinder(bill: BillText("A  1.00\nB  2 x 1.50  3.00\nTotal  4.00")).itemsSum == 4)
        #expect(x.total?.value == 9)
    }

    @Test func itemRowsThatPrintTheirOwnTaxAddUpToTheTotalAndTheirTaxesToTheTax() {
        // Each row prints its tax before its amount; the total row prints both sums. The first row's tax is no
        // summary line, and the larger figure near "Total" is not the amount to pay just for being larger.
        let x = InvoiceParser.parse("""
            Atelier Exemple SARL
            Date de facture: 14/02/2026
            Description      Prix   Qté   Montant HT   TVA            Montant
            Widget          10,00     2        20,00   TVA 20 %  4,00   24,00
            Gadget           5,00     3        15,00   TVA 20 %  3,00   18,00
            TOTAL:                                               €7,00  €42,00
            """, reference: reference)
        #expect(x.total?.value == Decimal(string: "42.00"))
        #expect((x.total?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
        #expect(x.tax.value == Decimal(string: "7.00"))
    }

    @Test func aTaxLineBetweenItemRowsDoesNotEndTheItemTable() {
        // Each row's SGST sits on its own line under the row; the rows still add up to the total.
        let x = parse("""
            Gupta Hardware Pvt Ltd
            Invoice Date: 14-02-2026
            Description        Rate   Qty   Net Amount        Tax Amount       Amount
            Cable            100.00     2       200.00   CGST      18.00       236.00
                                                         SGST      18.00
            Panel             50.00     1        50.00   CGST       4.50        59.00
                                                         SGST       4.50
            TOTAL:                                                 45.00       295.00
            """)
        #expect(x.total?.value == Decimal(string: "295.00"))
        #expect((x.total?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
        #expect(x.tax.value == Decimal(string: "45.00"))
    }

    @Test func aCitysTaxOnTheStayIsAChargeAddedToTheTotalNotTheVAT() {
        let x = parse("""
            Hotel De Linde B.V.
            Datum: 14-02-2026
            Logies 12/02/2026                 100,00
            Logies 13/02/2026                 100,00
            Subtotaal                         200,00
            BTW 9%                             18,00
            Toeristenbelasting                  5,00
            Te betalen                      € 223,00
            """)
        #expect(x.total?.value == Decimal(string: "223.00"))
        #expect((x.total?.confidence ?? 0) >= 0.85)
        #expect(x.tax.value == Decimal(string: "18.00"))
    }

    @Test func amountPaidFollowedByChangeIsTheCashHandedOver() {
        let x = InvoiceParser.parse("""
            SINAR STATIONERY SDN BHD
            Date: 27/03/2026
            Total Amt Payable :        12.00
            Paid Amount                20.00
            Change :                    8.00
            """, reference: reference)
        #expect(x.total?.value == 12)
        #expect((x.total?.confidence ?? 0) >= InvoiceExtraction.sureEnough)
    }
}
