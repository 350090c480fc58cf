import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// Rules for invoices as firms e-mail them (PDFs with a text layer): legal details in the footer, a row of labels
/// over a row of values, thousands grouped by spaces, direct debits announced. One rule each, on small made-up bills.
@Suite("E-mailed invoices")
struct EmailedInvoiceTests {
    @Test func eachDateInARowOfValuesIsNamedByItsOwnColumnsLabel() {
        let german = parse("""
            Nordwind Technik GmbH
            Rechnungsdatum      Rechnung Nr.      Fällig am       Auftragsdatum
            08.03.2026          R8981             22.03.2026      01.03.2026
            Gesamtbetrag                 € 119,00
            """)
        #expect(german.invoiceDate?.value == CalendarDay(year: 2026, month: 3, day: 8))
        let dutch = parse("""
            Polder Media B.V.
            Factuurnummer:      Datum             Orderdatum      Periode
            2026-24706          15-03-2026        06-03-2026      01-03-2026 – 10-03-2026
            Te betalen vóór: 29-03-2026
            Totaal                             EUR 94,82
            """)
        #expect(dutch.invoiceDate?.value == CalendarDay(year: 2026, month: 3, day: 15))
        // A date under a due date's own label stays a due date.
        let due = parse("""
            Nordwind Technik GmbH
            Fällig am           Rechnung Nr.
            22.03.2026          R8981
            Gesamtbetrag                 € 119,00
            """)
        #expect((due.invoiceDate?.confidence ?? 0) < 0.6)
    }

    @Test func theRegisteredNameInTheSmallPrintIsTheSeller() {
        let brandOnly = parse("""
                                                 ombelle
            Facture
            Date d'émission     19 mars 2026         Client
            Facture n°          FA955564             Cassis Télécom SAS
                                                     29 avenue Jean Jaurès
            Montant TTC                        217,69 EUR
            Paiement à 30 jours par virement.
            Ombelle Distribution SA    RCS Paris B 743 397 367    BIC BNPAFRPPXXX
            """)
        #expect(brandOnly.payee?.value == "Ombelle Distribution SA")
        let oneLine = parse("""
            HARBOURLINE
            INVOICE
            Arrival         8 March 2026          Bill to
            Departure       9 March 2026          Bluefinch Energy Limited
            Total due                      £146.50
            Harbourline Hotels Ltd · 152 Station Road, Manchester · Registered in England and Wales No. 63651874
            """)
        #expect(oneLine.payee?.value == "Harbourline Hotels Ltd")
        // A bank's name among the bank details is no seller.
        let bank = parse("""
            Sharma Traders
            Date: 12/03/2026
            Grand Total              ₹ 1,210.00
            Bank: Punjab National Bank Ltd · IFSC PUNB0123400 · IBAN IN00 0000
            """)
        #expect(bank.payee?.value == "Sharma Traders")
    }

    @Test func aNumberLabelAndANumberedShopAreNoNames() {
        #expect(PayeeFinder.looksLikeName("Facture n°") == false)
        #expect(PayeeFinder.looksLikeName("Shop No. 7, Gandhi Market") == false)
        #expect(PayeeFinder.looksLikeName("Gandhi Market Traders"))
    }

    @Test func aWordWithADateInTheNextCellLabelsThatDate() {
        let x = parse("""
            Arrival         8 March 2026
            Kestrel Inn
            Date: 9 March 2026
            Total due                      £146.50
            """)
        #expect(x.payee?.value == "Kestrel Inn")
    }

    @Test func thousandsGroupedBySpaces() {
        func values(_ line: String) -> [Decimal] { AmountScanner.amounts(in: line).map(\.value) }
        #expect(values("Montant TTC           5 002,50 EUR") == [Decimal(string: "5002.50")!])
        #expect(values("Total TTC  1\u{202F}234,56 €") == [Decimal(string: "1234.56")!])
        #expect(values("Net à payer  12 345 678,90 €") == [Decimal(string: "12345678.90")!])
        #expect(values("Total  1\u{00A0}234 €") == [1234])
        // A quantity before a price, and a point's cents, are not grouped so.
        #expect(values("2  40,66") == [2, Decimal(string: "40.66")!])
        #expect(values("Qty 2 100.00") == [2, 100])
        #expect(values("2 40,66") == [2, Decimal(string: "40.66")!])
    }

    @Test func aDirectDebitAnnouncedIsABankTransfer() {
        for sentence in [
            "Ce montant sera prélevé sur votre compte le 29 mars 2026 (prélèvement SEPA).",
            "Het bedrag wordt op of rond 25-03-2026 automatisch geïncasseerd van uw rekening.",
            "Der Rechnungsbetrag wird am 15.03.2026 per SEPA-Lastschrift eingezogen.",
        ] {
            let x = parse("""
                Zonnig Energie B.V.
                Datum: 14.03.2026
                Totaal te betalen        € 120,00
                \(sentence)
                """)
            #expect(x.paymentMethod?.value == .bankTransfer, "\(sentence)")
        }
    }
}
