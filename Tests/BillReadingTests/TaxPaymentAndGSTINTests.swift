import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// The tax by the bill's arithmetic, the payment method in the languages bills are written in, and the seller's
/// registration number rather than the buyer's, on small made-up bills.
@Suite("Tax, payment method and the seller's GSTIN")
struct TaxPaymentAndGSTINTests {
    // MARK: Tax

    @Test func aVATSummaryRowRestatesTheTaxLineAndCountsOnce() {
        let x = parse("""
            Bakkerij De Molen B.V.
            Factuurdatum: 14-02-2026
            Subtotaal                        100,00
            BTW 21%                           21,00
            Totaal te betalen              € 121,00
            BTW-overzicht
            BTW 21%        100,00      21,00      121,00
            """)
        #expect(x.tax.value == 21)
        #expect(x.tax.confidence >= InvoiceExtraction.sureEnough)
        #expect(x.total?.value == 121)
    }

    @Test func onARowWithTheTaxableValueAndTheGrossTheTaxIsThePartThatAddsUp() {
        let x = parse("""
            Sharma Traders
            Invoice Date: 14/02/2026
            Taxable Value                  1,000.00
            CGST                              90.00
            SGST                              90.00
            Grand Total                    1,180.00
            Tax summary
            CGST          1,000.00     90.00     1,090.00
            SGST          1,000.00     90.00     1,090.00
            """)
        #expect(x.tax.value == 180)
    }

    @Test func theFiguresUnderATaxTablesTaxColumnsAreTheTax() {
        // The rates printed in the headings, one row of figures under them.
        let till = parse("""
            Ganesh Mart
            Bill No: 2231   Dt: 07/02/2026
            TOTAL                 Rs 210.00
            CASH                     500.00
            CHANGE                   290.00
            Taxable       CGST 2.5%     SGST 2.5%
            200.00             5.00          5.00
            """)
        #expect(till.tax.value == 10)
        // A rate per row in its own column, and the same heading over each row.
        let memo = parse("""
            Ganesh Electricals
            Date 07/02/2026
            NET AMOUNT                  1,322.00
            GST%     Taxable      CGST      SGST
            5%        200.00      5.00      5.00
            12%      1000.00     60.00     60.00
            """)
        #expect(memo.tax.value == 130)
    }

    @Test func theFigureAfterTaxableIsTheValueTaxedNotATax() {
        let x = parse("""
            Ganesh Medical Stores
            Bill Date: 07/02/2026
            Net Payable                 Rs. 112.00
            GST included: Taxable 100.00 CGST 6% 6.00 SGST 6% 6.00
            """)
        #expect(x.tax.value == 12)
    }

    @Test func theTaxIsTheFigureAtThePrintedRateOfAnother() {
        #expect(TaxFinder.isRate(9, of: 1000, 90))
        let x = parse("""
            Sharma Traders
            Invoice Date: 14/02/2026
            IGST 18% on 1,000.00           180.00
            Total                        1,180.00
            """)
        #expect(x.tax.value == 180)
    }

    @Test func aTaxChargedOnEachNightIsCountedEachTime() {
        let x = parse("""
            Hotel Sagar Residency
            Bill Date: 14/02/2026
            Room 12/02/2026               2,000.00
            CGST 6%                         120.00
            Room 13/02/2026               2,000.00
            CGST 6%                         120.00
            Sub Total                     4,000.00
            Total                         4,240.00
            """)
        #expect(x.tax.value == 240)
    }

    @Test func anUnreadTaxFigureIsTotalLessNetWhenThatIsThePrintedRate() {
        let x = parse("""
            Becker Metallbau GmbH
            Rechnungsdatum: 14.02.2026
            Nettobetrag                     200,00
            MwSt. 19 %
            Gesamtbetrag                    238,00
            """)
        #expect(x.tax.value == 38)
    }

    @Test func aBillWithoutTaxLinesHasNoTax() {
        let x = parse("""
            Gupta Kirana Stores
            Date: 14/02/2026
            Total                           250.00
            """)
        #expect(x.tax.value == nil)
    }

    @Test func aBillLabelledInDevanagari() {
        let x = parse("""
            Sharma Traders
            बिल संख्या: 123/25
            दिनांक: 14/02/2026
            उप योग                   1,000.00
            सीजीएसटी 9%                 90.00
            एसजीएसटी 9%                 90.00
            कुल राशि                 1,180.00
            """)
        #expect(x.invoiceNumber?.value == "123/25")
        #expect(x.invoiceDate?.value == CalendarDay(year: 2026, month: 2, day: 14))
        #expect(x.total?.value == 1180)
        #expect(x.tax.value == 180)
    }

    // MARK: Payment method

    @Test(arguments: [
        ("Betaald met pinpas", PaymentMethod.card), ("Betaalwijze: gepind", .card), ("Contant         20,00", .cash),
        ("Betaling: bankoverschrijving", .bankTransfer), ("Payé par carte bancaire", .card), ("Espèces     10,00", .cash),
        ("Mode de paiement : virement", .bankTransfer), ("Règlement : chèque", .cheque), ("Bar            20,00", .cash),
        ("Zahlung: Überweisung", .bankTransfer), ("Zahlungsart: EC-Karte", .card), ("EC             12,50", .card),
        ("Bezahlt mit Karte", .card), ("Bhugtan: Bank transfer (NEFT)", .bankTransfer), ("Bhugtan: UPI", .upi),
        ("भुगतान: नकद", .cash), ("Payment mode: Cash", .cash), ("Paid via UPI", .upi), ("Pagado con tarjeta", .card),
        ("Charged to your card ending 4242", .card), ("Belastet auf Ihre Kreditkarte", .card),
        ("Received with thanks by UPI", .upi), ("Betrag bar erhalten.", .cash),
        ("Graag binnen 14 dagen overmaken op IBAN NL12 3456 7890 12", .bankTransfer),
        ("Bitte überweisen Sie den Betrag innerhalb von 14 Tagen.", .bankTransfer),
        ("Please pay within 30 days by bank transfer, quoting the invoice number.", .bankTransfer),
        ("Gelieve het bedrag binnen 30 dagen over te maken op onze rekening.", .bankTransfer),
    ])
    func paymentMethodInItsLanguage(line: String, method: PaymentMethod) {
        let x = parse("""
            Seller Traders
            Date: 14/02/2026
            Total        120,00
            \(line)
            """)
        #expect(x.paymentMethod?.value == method, "\(line)")
    }

    @Test(arguments: ["Sunset Bar  Tel 020 123 4567", "Chocolate bar      2,50", "PIN 411001", "Carte de fidélité n° 1234"])
    func shortWordsAreNoPaymentMethodOutsideAPayment(line: String) {
        let x = parse("""
            Seller Traders
            Date: 14/02/2026
            \(line)
            Total        120,00
            """)
        #expect(x.paymentMethod == nil, "\(line)")
    }

    // MARK: GSTIN

    @Test func aSellersBlockBesideTheBuyersHeadingKeepsItsGSTIN() {
        // The buyer's block on the left, the seller's block on the right, their lines interleaved.
        let x = parse("""
            Bill To:                                                  Kaveri Foods Pvt Ltd
            Neelkanth Logistics Traders                                           Link Road
            Ring Road                                                         Surat 395003
            Nagpur 440010                                         GSTIN: 27AAPFU0939F1ZV
            GSTIN: 29AAGCB7383J1Z4
            TAX INVOICE                                 Invoice Date:   14/02/2026
            Grand Total                                                   1,180.00
            """)
        #expect(x.gstin?.value == "27AAPFU0939F1ZV")
    }

    @Test func withoutABuyerHeadingTheGSTINPrintedWithTheSellersNameIsTheSellers() {
        // A letter: the buyer's address window on the left carries no heading.
        let x = parse("""
                                                            Kaveri Foods Pvt Ltd
                                                            Link Road, Surat 395003
                                                            GSTIN: 27AAPFU0939F1ZV
            Neelkanth Logistics Traders
            Ring Road, Nagpur 440010
            GSTIN: 29AAGCB7383J1Z4
            TAX INVOICE                                 Invoice Date:   14/02/2026
            Grand Total                                                   1,180.00
            """)
        #expect(x.payee?.value == "Kaveri Foods Pvt Ltd")
        #expect(x.gstin?.value == "27AAPFU0939F1ZV")
    }

    @Test func aBuyersGSTINOnTheLinesBesideTheSellersIsFoundAsTheBuyers() {
        let bill = BillText("""
            Bill To:                                                  Kaveri Foods Pvt Ltd
            Neelkanth Logistics Traders                               GSTIN: 27AAPFU0939F1ZV
            GSTIN: 29AAGCB7383J1Z4
            """)
        let found = GSTINFinder(bill: bill).candidates()
        #expect(found.map(\.isBuyers) == [false, true])
    }
}
