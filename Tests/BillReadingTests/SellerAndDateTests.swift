import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// The seller and the bill's date on small made-up bills: one rule each.
@Suite("Who issued the bill, and when")
struct SellerAndDateTests {
    @Test func aBlessingAboveTheShopsNameIsNoName() {
        let x = parse("""
            || Shri Ganeshay Namah ||
            Ganga Kirana Bhandar
            Station Road, Pune
            Dinank: 12/03/2026
            Kul Rakam               Rs. 420.00
            """)
        #expect(x.payee?.value == "Ganga Kirana Bhandar")
    }

    @Test func aMonthNameReadOneLetterOffIsThatMonth() {
        let x = parse("""
            Atelier Martin SARL
            Date de livraison:     26 juillet 2025
            Date:                  31 aodt 2025
            Net à payer               1.191,18 €
            """)
        #expect(x.invoiceDate?.value == CalendarDay(year: 2025, month: 8, day: 31))
        // One letter off two months ("juli", "juni") is neither.
        #expect(DateScanner.dates(in: "3 jull 2026").isEmpty == false)
        #expect(DateScanner.dates(in: "3 juxi 2026").isEmpty)
    }

    @Test func aBareNoBesideTheDateIsTheMemosNumber() {
        let x = parse("""
            MAHAVIR ELECTRICALS
            CASH MEMO
            No. CM05200                      Date 04/06/26
            NET AMOUNT                  1,322.00
            """)
        #expect(x.invoiceNumber?.value == "CM05200")
        let address = parse("""
            MAHAVIR ELECTRICALS
            No. 12, Jalan Melati 3
            Date 04/06/26
            NET AMOUNT                  1,322.00
            """)
        #expect(address.invoiceNumber == nil)
    }

    @Test func aRegisteredNameUnderATradingNameIsTheSeller() {
        let x = parse("""
            LOTUS NOODLE BAR
            GREENLEAF FOODS SDN BHD
            (1234567-A)
            12, Jalan Melati 3, 50450 Kuala Lumpur
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Greenleaf Foods Sdn Bhd")
    }

    @Test func aRegisteredNameUnderTheTitleIsNoBetterThanTheNameAboveIt() {
        let x = parse("""
            PAPERLEAF STATIONERY SHOP
            No 4, Jalan Kenari 2, 47100 Puchong
            TAX INVOICE
            PAPERLEAF TRADING SDN BHD (1234567-A)
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Paperleaf Stationery Shop")
    }

    @Test func aRegisteredNameWithItsNumberInABraceOutranksLogoDebrisAboveIt() {
        let x = parse("""
            7 aie cd
            77 QUICK MART 5/8 {519537-X)
            LOT 12, JALAN MERAK, TAMAN BUKIT
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "77 Quick Mart S/b")
    }

    @Test func aGuestBillTitleBesideTheSellerOpensNoBuyerBlock() {
        let x = parse("""
            GUEST BILL / FOLIO                     Lodge Verma Traders
                                                   Civil Lines, Kanpur 208001
            Guest:
            Gupta Medical Stores
            Hazratganj, Lucknow 226001
                                        Bill Date:       7 Mar 2026
            Room rent 05/03/2026                             112.66
                                        Total                112.66
            """)
        #expect(x.payee?.value == "Lodge Verma Traders")
    }

    @Test func aSellerLabelInTwoLanguagesIntroducesTheNameUnderIt() {
        let x = parse("""
                        Tax Invoice
            Vikreta / Sold By:                 Grahak / Billing Address:
            Gupta Kirana Stores                Verma Brothers
            Civil Lines, Kanpur 208001         Hazratganj, Lucknow 226001
                                        Bill Date:       7 Mar 2026
                                        Total                112.66
            """)
        #expect(x.payee?.value == "Gupta Kirana Stores")
    }

    @Test func aBuyerHeadingInTwoLanguagesOpensTheBuyersBlock() {
        let x = parse("""
                                                         Gupta Kirana Bhandar
            Grahak Bill To:
                   /                                     Civil Lines
            Verma Kirana Bhandar
                                                         Kanpur 208001
            Hazratganj
            Lucknow 226001
                                        Bill Date:       7 Mar 2026
                                        Total                112.66
            """)
        #expect(x.payee?.value == "Gupta Kirana Bhandar")
    }

    @Test func aNameSplitByAColumnGapAfterAJoiningWordIsOneName() {
        let x = parse("""
            TAX INVOICE                                 Verma and          Sons Traders
                                                                        Civil Lines
                                                                        Kanpur 208001
            Bill To:
            Gupta Kirana Bhandar
            Bill Date:       7 Mar 2026
            Total                112.66
            """)
        #expect(x.payee?.value == "Verma and Sons Traders")
    }

    @Test func aTitleBesideTheNameIsNoPartOfIt() {
        let x = parse("""
            NOTA                                                   Pension     Visser B.V.
                                                                              Markt 3
            Gast:                                                      1234 AB Utrecht
            Jansen Bouw V.O.F.
            Datum:       7 maart 2026
            Te betalen         112,66
            """)
        #expect(x.payee?.value == "Pension Visser B.V.")
    }

    @Test func aGuestHouseIsABusinessNotTheGuestsBlock() {
        let x = parse("""
            GUEST FOLIO                                  Guest House Verma Traders
                                                                        Civil Lines
            Guest:                                                      Kanpur 208001
            Gupta Kirana Bhandar
            Bill Date:       7 Mar 2026
            Total                112.66
            """)
        #expect(x.payee?.value == "Guest House Verma Traders")
    }

    @Test func initialsOnlyOneReadingPutsBeforeTheNameAreALogo() {
        let withLogo = parse("""
            AL Atelier Verma SARL
            12 rue de la Paix
            Date:       7 Mar 2026
            Total       112.66
            """)
        let clean = parse("""
            Atelier Verma SARL
            AL   12 rue de la Paix
            Date:       7 Mar 2026
            Total       112.66
            """)
        #expect(withLogo.payee?.confidence == clean.payee?.confidence)
        #expect(withLogo.merging(clean).payee?.value == "Atelier Verma SARL")
        #expect(clean.merging(withLogo).payee?.value == "Atelier Verma SARL")
        // A name the other reading does not contain is no logo's: the surer or first reading's stays.
        let other = parse("""
            Verma Traders
            Date:       7 Mar 2026
            Total       112.66
            """)
        #expect(withLogo.merging(other).payee?.value == "AL Atelier Verma SARL")
    }

    @Test func theSendersLineOverAWindowAddressNamesTheSellerNotTheNameUnderIt() {
        let x = parse("""
            Verma Traders - Civil Lines - Kanpur 208001
            Gupta Medical Stores
            Hazratganj
            Lucknow 226001
            TAX INVOICE
                                                  Verma Traders
                                                  Civil Lines
            Bill Date:       7 Mar 2026
            Total                112.66
            """)
        #expect(x.payee?.value == "Verma Traders")
    }

    @Test func theNameOnASignatureLineEndsAtTheDash() {
        let x = parse("""
            TAX INVOICE
            Bill Date:       7 Mar 2026
            Total                112.66
            For Verma Traders - Authorised Signatory
            """)
        #expect(x.payee?.value == "Verma Traders")
    }

    @Test func legalFormsMisreadByOneLetterAreRepaired() {
        #expect(LegalForm.repaired("FOUR WINDS SON BHD") == "FOUR WINDS SDN BHD")
        #expect(LegalForm.repaired("Four Winds Sdn. 8HD") == "Four Winds Sdn. BHD")
        #expect(LegalForm.repaired("Kumar Textiles Pvt Lid") == "Kumar Textiles Pvt Ltd")
        #expect(LegalForm.repaired("77 QUICK MART 5/B (519537-X)") == "77 QUICK MART S/B (519537-X)")
        #expect(LegalForm.repaired("77 QUICK MART 5/8 {519537-X)") == "77 QUICK MART S/B {519537-X)")
        // Words that only look alike stay.
        #expect(LegalForm.repaired("SON OF THE SOIL") == "SON OF THE SOIL")
    }

    @Test func nothingAfterTheLegalFormIsPartOfTheName() {
        #expect(LegalForm.cutAfter("MAPLE BAKERY S/B°273500-U (KSB)") == "MAPLE BAKERY S/B")
        #expect(LegalForm.cutAfter("HILLTOP CAKES SDN BHD 80ZTZ9-U") == "HILLTOP CAKES SDN BHD")
        #expect(LegalForm.cutAfter("Kumar Textiles Pvt. Ltd.") == "Kumar Textiles Pvt. Ltd.")
        #expect(LegalForm.cutAfter("Noord Handel B.V. (KvK 12345678)") == "Noord Handel B.V.")
        #expect(PayeeFinder.cleanName("MAPLE BAKERY S/B°273500-U (KSB)") == "MAPLE BAKERY S/B")
        // A registration number's bracket read as a brace.
        #expect(PayeeFinder.cleanName("77 QUICK MART 5/8 {519537-X)") == "77 QUICK MART S/B")
        #expect(PayeeFinder.withoutRegistrationNumber("HILLTOP CAKES {80229-U}") == "HILLTOP CAKES")
    }

    @Test func aNameWrappedOntoTheNextLineKeepsItsLegalForm() {
        let x = parse("""
            RIVERSIDE MEGA GROCER
            (BANGI) SDN BHD
            (767840-W)
            NO 24, JALAN MEWAH 4,
            Date : 03/07/2026
            TOTAL            RM 30.45
            """)
        #expect(x.payee?.value == "Riverside Mega Grocer (Bangi) Sdn Bhd")
    }

    @Test func aRegisteredNamePrintedOverSeveralLinesIsOneName() {
        let bracketed = parse("""
            KWONG FATT HARDWARE
            ENTERPRISE (BUKIT
            BERUNTUNG) SON BHO
            :      999737-X
            NO. 17-G, JALAN MERANTI 2,
            Date: 15/03/2026
            TOTAL            RM 24.00
            """)
        #expect(bracketed.payee?.value == "Kwong Fatt Hardware Enterprise (Bukit Beruntung) Sdn Bhd")
        let plainWords = parse("""
            NORTHERN SOUTHERN
            PAPERWARE SDN. BHD
            CO REG NO : 21003B-K
            42-46, JALAN SULTAN, 51200 KUALA LUMPUR
            Date: 15/03/2026
            TOTAL            RM 1.38
            """)
        #expect(plainWords.payee?.value == "Northern Southern Paperware Sdn. Bhd")
        // A one-word trading name stays apart from the company under it.
        let tradingName = parse("""
            MOONRAKER
            GREENLEAF FOODS SDN BHD
            (1234567-A)
            12, Jalan Melati 3, 50450 Kuala Lumpur
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(tradingName.payee?.value == "Greenleaf Foods Sdn Bhd")
    }

    @Test func aLegalFormWithBothWordsALetterOffEndingTheNameIsRepaired() {
        #expect(LegalForm.repaired("ALAM) SON BHO") == "ALAM) SDN BHD")
        #expect(LegalForm.repaired("SON BHO TRADING") == "SON BHO TRADING")
    }

    @Test func aServiceAreaUnderLogoDebrisIsTheSeller() {
        let x = parse("""
            Lanes Seas
            Noans
            HILLVIEW REST AND SERVICE AREA
            LOT R1, KAWASAN REHAT, 84600 PAGOH
            Date: 23/03/2026
            TOTAL            RM 10.00
            """)
        #expect(x.payee?.value == "Hillview Rest And Service Area")
    }

    @Test func streetAndDistrictLinesAreNoNames() {
        #expect(!PayeeFinder.looksLikeName("TAMAN SERI INDAH"))
        #expect(!PayeeFinder.looksLikeName("Jalan Pusat Dagang"))
        #expect(!PayeeFinder.looksLikeName("Rue des Lilas"))
        #expect(PayeeFinder.looksLikeName("Taman Florist Enterprise"))
    }

    @Test func aLineOfTradeWordsDescribesTheNameAboveIt() {
        let x = parse("""
            MOONRAKER
            BISTRO & CAFE
            109, Jalan Utama 21
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Moonraker")
    }

    @Test func aNameInLargeSpacedLettersIsOneName() {
        let x = parse("""
            SILVER       HERON
            BISTRO & CAFE
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Silver Heron")
    }

    @Test func aNameUnderTheBillsDateIsTheAddressees() {
        let x = parse("""
            ORCHID BAKERIES SDN BHD
            Lot 3, Jalan Pelabur 23/1, 40300 Shah Alam
            TAX INVOICE
            Cash Inv No.: 7919F722
            Date: 19/03/2026
            GREENFIELD FRESH MARKET SDN BHD
            GROUND FLOOR, NO. 4 & 6, JALAN SS 15/4B
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Orchid Bakeries Sdn Bhd")
    }

    @Test func aYearWithItsNoughtMisreadIsADoubtfulDate() {
        let match = DateScanner.dates(in: "Date:  05/09/2617")
        #expect(match.map(\.day.description) == ["2017-09-05"])
        #expect(match.allSatisfy { $0.repaired })
        // Another date on another day (a delivery date) leaves the labelled one; a clean print with its day and year
        // is the same date, its month misread beside the label.
        for (labelled, other, read) in [("05/09/2617", "15/09/2017", "2017-09-05"), ("19/3/2617", "19/09/2017", "2017-09-19")] {
            let x = parse("""
                HILLSIDE STORES
                Date:  \(labelled)
                DD: \(other) 11:08
                TOTAL            RM 18.40
                """)
            #expect(x.invoiceDate?.value.description == read)
            #expect((x.invoiceDate?.confidence ?? 1) < InvoiceExtraction.sureEnough)
        }
    }

    @Test func aDateMisreadBeyondReadingLeavesTheOtherDateInDoubt() {
        let bothRead = parse("""
            HILLSIDE STORES
            KP0220260319     19/03/26 12:01:43 pm
            Cashier, Anu     19/03/25 12:01:50 pm
            TOTAL            RM 6.85
            """)
        let firstMisread = parse("""
            HILLSIDE STORES
            KP0220260319     49/03/26 12:01:43 pm
            Cashier, Anu     19/03/25 12:01:50 pm
            TOTAL            RM 6.85
            """)
        #expect(bothRead.invoiceDate?.value.description == "2026-03-19")
        #expect(firstMisread.invoiceDate?.value.description == "2025-03-19")
        // The reading that lost the first date to a misread digit is no surer of the second.
        #expect((firstMisread.invoiceDate?.confidence ?? 1) <= (bothRead.invoiceDate?.confidence ?? 0))
        #expect(bothRead.merging(firstMisread).invoiceDate?.value.description == "2026-03-19")
        #expect(DateScanner.misreadDateShapes(in: "KP022  49/03/26 12:01", besides: []) == [7])
        #expect(DateScanner.misreadDateShapes(in: "Cash 12.50   Change 1.50", besides: []).isEmpty)
    }

    @Test func aYearSplitByASpaceIsOneYear() {
        #expect(DateScanner.dates(in: "Date: 18/04/20 17").map(\.day.description) == ["2017-04-18"])
        #expect(DateScanner.dates(in: "Date: 18/04/20 17:30").map(\.day.description) == ["2020-04-18"])
    }

    @Test func aDateWithoutSeparatorsIsADoubtfulDate() {
        let found = DateScanner.dates(in: "27032018          NO CS 20243")
        #expect(found.map(\.day.description) == ["2018-03-27"])
        #expect(found.allSatisfy { $0.repaired })
        #expect(DateScanner.dates(in: "Ref 21802040").isEmpty)
        #expect(DateScanner.dates(in: "INV27032018").isEmpty)
    }

    @Test func aTTakenForASevenInADate() {
        #expect(DateScanner.dates(in: "20:56  =  OT/07/17").map(\.day.description) == ["2017-07-07"])
    }

    @Test func aBillThatWritesOneDateMonthFirstWritesThemAll() {
        let x = parse("""
            Blue Harbor Software Inc.
            Invoice date: 03/04/2026
            Due date: 03/18/2026
            Total due            $120.00
            """)
        #expect(x.invoiceDate?.value.description == "2026-03-04")
        let dayFirst = parse("""
            Blue Harbor Software Ltd
            Invoice date: 03/04/2026
            Due date: 18/04/2026
            Total due            £120.00
            """)
        #expect(dayFirst.invoiceDate?.value.description == "2026-04-03")
    }

    @Test func theOwnerNamedInTheSellersBlockIsTheSeller() {
        let x = parse("""
            OLD LANTERN
            OWNED BY:  JADE PALACE SDN BHD
            CO.NO.  (458592-1)
            Date: 13-02-2026
            TOTAL            RM 96.20
            """)
        #expect(x.payee?.value == "Jade Palace Sdn Bhd")
        let belowNoise = parse("""
            te few ff)
            os tr
            LOTUS TEA & CO.
            Dimiliki oleh JADE PALACE SDN. BHD.
            Date: 13-02-2026
            TOTAL            RM 9.45
            """)
        #expect(belowNoise.payee?.value == "Jade Palace Sdn. Bhd")
        let underTheTitle = parse("""
            PAPERLEAF STATIONERY SHOP
            No 4, Jalan Kenari 2, 47100 Puchong
            TAX INVOICE
            Owned By :
            PAPERLEAF TRADING SDN BHD (1234567-A)
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(underTheTitle.payee?.value == "Paperleaf Stationery Shop")
    }

    @Test func theBillsNumberUnderItsLabelInTheLanguagesBillsAreWrittenIn() {
        for label in ["Factuurnummer:", "N° de facture :", "Rechnungsnummer", "N° de factura:", "Rechnungs-Nr.",
                      "Avoir n°", "Gutschrift-Nr.", "Credit Note No."] {
            let x = parse("""
                Noord Handel B.V.
                \(label)      RE-2026-118
                Datum: 14.03.2026
                Totaal te betalen        € 120,00
                """)
            #expect(x.invoiceNumber?.value == "RE-2026-118", "\(label)")
        }
    }

    @Test func aTitleBesideTheSellersRightAlignedNameIsNoName() {
        let x = parse("""
            KAR BIJAK / TAX INVOICE                          Mehta General            Bhandar
                                                                             Aminabad, Lucknow 226001
            Dinank: 5 Mar 2026
            Kul Rashi                                                         ₹ 1,210.00
            """)
        #expect(x.payee?.value == "Mehta General Bhandar")
        #expect(PayeeFinder.cleanName("Sagar Foods Tax Invoice") == "Sagar Foods")
    }

    @Test func aGSTINIsRepairedOnlyBesideItsLabel() {
        let german = parse("""
            Hoffmann Druckerei GmbH
            USt-IdNr.: DE400088387
            Rechnungsdatum: 06.05.2026
            Gesamtbetrag                 € 119,00
            """)
        #expect(german.gstin == nil)
    }
}
