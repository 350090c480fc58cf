import FintrakCore
import Foundation
import Testing
@testable import BillReading

/// Whole bills of many shapes, as OCR or `pdftotext -layout` renders them.
@Suite("Reading a bill's fields")
struct InvoiceParserTests {
    @Test func kiranaCashMemo() {
        let x = parse("""
            SHREE GANESH KIRANA STORES
            Shop 4, Main Road, Nashik - 422001
            Ph: 98220 12345
            CASH MEMO
            Bill No: 1021          Date: 03/02/26
            Item             Qty    Rate     Amt
            Toor Dal 1kg      2   140.00   280.00
            Sugar 1kg         3    45.00   135.00
            Items: 2   Qty: 5
            Sub Total                   415.00
            Discount                    -15.00
            Net Payable           Rs. 400.00
            Paid: Cash
            Thank you! Visit again
            """)
        #expect(x.payee?.value == "Shree Ganesh Kirana Stores")
        #expect(x.invoiceDate?.value.description == "2026-02-03")
        #expect(x.total?.value == 400)
        #expect(x.total!.confidence >= InvoiceExtraction.sureEnough)
        #expect(x.tax.value == nil)
        #expect(x.paymentMethod?.value == .cash)
        #expect(x.invoiceNumber?.value == "1021")
        #expect(x.currency.value == "INR")
        #expect(x.lineItems.count == 2)
        #expect(x.lineItems.first == LineItem(description: "Toor Dal 1kg", quantity: 2, unitPrice: 140, amount: 280))
    }

    @Test func restaurantWithHalvesOfGST() {
        let x = parse("""
            Hotel Sagar Ratna
            12, FC Road, Pune 411004
            GSTIN: 27AAPFU0939F1ZV
            TAX INVOICE
            Bill No: 5521                     Dt: 14-03-2026
            Paneer Tikka          1   280.00    280.00
            Butter Naan           4    45.00    180.00
            Sub Total                         460.00
            C.G.S.T @ 2.5%                     11.50
            S.G.S.T @ 2.5%                     11.50
            Grand Total                   ₹ 483.00
            Paid via GPay  UPI Ref 612345678901
            """)
        #expect(x.payee?.value == "Hotel Sagar Ratna")
        #expect(x.total?.value == 483)
        #expect(x.tax.value == 23)
        #expect(x.paymentMethod?.value == .upi)
        #expect(x.gstin?.value == "27AAPFU0939F1ZV")
        #expect(x.invoiceDate?.value.description == "2026-03-14")
    }

    @Test func invoiceDateNotDueDate() {
        let x = parse("""
            Kaveri Enterprises
            GSTIN: 29ABCDE1234F1ZW
            Due Date: 15/04/2026
            Invoice Date: 16/03/2026
            Order Date: 10/03/2026
            Taxable Value            10,000.00
            IGST @ 18%                1,800.00
            Amount Payable           11,800.00
            """)
        #expect(x.invoiceDate?.value.description == "2026-03-16")
        #expect(x.total?.value == 11_800)
        #expect(x.tax.value == 1_800)
    }

    @Test func unlabelledDatesPreferTheFirstThatIsNotAPeriodOrDeadline() {
        let x = parse("""
            Jio Fibre Broadband Pvt Ltd
            Bill Number
            Bill Date
            Bill Period
            Due Date
            80012345
            01 Mar 2026
            01 Feb 2026 to 28 Feb 2026
            21 Mar 2026
            Total Amount Due     Rs. 1,179.00
            pay by 21 Mar 2026
            """)
        #expect(x.invoiceDate?.value.description == "2026-03-01")
        #expect(x.total?.value == 1_179)
    }

    @Test func telecomHeadingsOverValues() {
        let x = parse("""
            Bharat Telenet Limited                                    Tax Invoice
            Bill Date   01 Apr 2026
            Previous Balance     Payments Received     Current Bill Amount     Amount Payable
            500.00               500.00                708.00                  1,208.00
            Late payment fee of 100 if paid after the due date. Amount payable after due date: 1,308.00
            Total Taxable Value                       600.00
            CGST @ 9%                                  54.00
            SGST @ 9%                                  54.00
            Total Current Charges                     708.00
            """)
        #expect(x.total?.value == 1_208)
        #expect(x.tax.value == 108)
        #expect(x.invoiceDate?.value.description == "2026-04-01")
    }

    @Test func electricityBillAmountPayableByDueDate() {
        let x = parse("""
            MAHARASHTRA STATE ELECTRICITY DISTRIBUTION CO. LTD
            Consumer No: 170012345678
            Bill Date: 05-03-2026              Due Date: 20-03-2026
            Current Bill Amount                 1,240.00
            Previous Arrears                      300.00
            Total Amount Payable                1,540.00
            Amount payable after due date       1,560.00
            """)
        #expect(x.total?.value == 1_540)
        #expect(x.invoiceDate?.value.description == "2026-03-05")
        #expect(x.payee?.value == "Maharashtra State Electricity Distribution Co. Ltd")
    }

    @Test func westernVATInvoiceNetAmountIsNotTheTotal() {
        let x = parse("""
            Atelier Dupont SARL
            12 rue de la Paix, 75002 Paris, France
            Billed to
            Nordlicht Media GmbH
            VAT ID: 876680760
            Invoice number         INV-1042
            Date                   12/03/2026
            Payment due            11/04/2026
            Net amount                         € 1.000,00
            VAT @ 20%                            € 200,00
            Total                              € 1.200,00
            Payment method: Bank transfer
            """)
        #expect(x.payee?.value == "Atelier Dupont SARL")
        #expect(x.total?.value == 1_200)
        #expect(x.tax.value == 200)
        #expect(x.currency.value == "EUR")
        #expect(x.paymentMethod?.value == .bankTransfer)
        #expect(x.invoiceNumber?.value == "INV-1042")
        #expect(x.gstin == nil)
    }

    @Test func americanReceipt() {
        let x = parse("""
            CORNER HARDWARE INC
            Date 03/12/2026
            Subtotal                 $45.00
            Sales Tax 8.875%          $3.99
            TOTAL                    $48.99
            VISA ************1234
            """)
        #expect(x.total?.value == Decimal(string: "48.99"))
        #expect(x.tax.value == Decimal(string: "3.99"))
        #expect(x.currency.value == "USD")
        #expect(x.paymentMethod?.value == .card)
    }

    @Test func supermarketSavingsAreNotTheTotal() {
        let x = parse("""
            D MART - AVENUE SUPERMARTS LTD
            Bill No: 2231   Date: 28/03/2026
            MRP Total              1,279.00
            You Saved Rs.             45.00
            Total Items: 12
            Net Amount           Rs 1,234.00
            Paid by Card XXXX XXXX XXXX 9921
            """)
        #expect(x.total?.value == 1_234)
        #expect(x.paymentMethod?.value == .card)
    }

    @Test func handwrittenCashMemoWithWholeRupees() {
        let x = parse("""
            Sharma Traders
            Cash Memo  No. 45   Date 5/3/26
            Cement bags   10 x 380   3800
            Total  Rs 3800/-
            """)
        #expect(x.payee?.value == "Sharma Traders")
        #expect(x.total?.value == 3_800)
        #expect(x.invoiceDate?.value.description == "2026-03-05")
    }

    @Test func marketplaceSoldBy() {
        let x = parse("""
            Tax Invoice/Bill of Supply/Cash Memo
            Sold By :
            Sold By : Cloudtail India Private Limited
            Billing Address : Priya Sharma, Bengaluru
            Invoice Number : IN-4521             Invoice Date : 01.03.2026
            Order Date: 27.02.2026
            Total:                               ₹1,180.00
            Amount in Words: One Thousand One Hundred Eighty only
            """)
        #expect(x.payee?.value == "Cloudtail India Private Limited")
        #expect(x.total?.value == 1_180)
        #expect(x.invoiceDate?.value.description == "2026-03-01")
        #expect(x.invoiceNumber?.value == "IN-4521")
    }

    @Test func amountInWordsCorrectsAMisreadFigure() {
        let x = parse("""
            MAHALAXMI TRADERS
            Taxable Value                       14,789.52
            RUPEES SEVENTEEN THOUSAND FOUR HUNDRED THIRTY FOUR ONLY     Add: CGST   1,322.16
            Add: SGST                            1,322.36
            Round Off (+/-)                          0.16
            GRAND TOTAL                         17,434.60
            For MAHALAXMI TRADERS
            Authorised Signatory
            """)
        #expect(x.total?.value == 17_434)
        // CGST and SGST are equal halves: the one that makes the bill add up is right.
        #expect(x.tax.value == Decimal(string: "2644.32"))
        #expect(x.payee?.value == "Mahalaxmi Traders")
    }

    @Test func currencySignReadAsADigit() {
        let x = parse("""
            SwiftLink Broadband Pvt Ltd
            Bill Date 24-May-2025
            Total Taxable Value          948.00
            CGST @ 9%                     85.32
            SGST @ 9%                     85.32
            Rounding Off                   0.36
            Total Amount Due          41,119.00
            """)
        #expect(x.total?.value == 1_119)
        #expect(x.tax.value == Decimal(string: "170.64"))
    }

    @Test func sellerNameFromPaymentInstructionsWhenTheHeaderIsUnreadable() {
        let x = parse("""
            ~~ ,, ee
            146, New Industrial Estate, Gurugram 122016
            Name & Address
            PRIYA PILLAI
            Bill Date  14 Feb 2026
            Amount Payable   1,230.25
            Cash / Cheque at any store (cheque in favour of 'Bharat Telenet Limited')
            """)
        #expect(x.payee?.value == "Bharat Telenet Limited")
        #expect(x.paymentMethod == nil)
    }

    @Test func buyersGSTINIsNotTheSellers() {
        let x = parse("""
            Navkar Distributors
            Bill To: Silverline Textiles
            GSTIN/UIN : 33ZLNPS9453F1ZY
            Seller GSTIN: 33XVWPN5751F1ZJ
            Total   74,345.00
            """)
        #expect(x.gstin?.value == "33XVWPN5751F1ZJ")
    }

    @Test func gstinWithLookAlikeCharactersIsRepaired() {
        // "O" for "0" in the state code, "I" for "1" in the entity number; the check character confirms both.
        #expect(GSTINFinder.repair("O9HIRPL3277C2ZR", pans: [])?.value == "09HIRPL3277C2ZR")
        #expect(GSTINFinder.repair("27AAPFU0939FIZV", pans: [])?.value == "27AAPFU0939F1ZV")
        #expect(GSTINFinder.repair("27AAPFU0939F1ZQ", pans: []) == nil)
        // The PAN printed elsewhere fixes the middle.
        #expect(GSTINFinder.repair("06VOOCB1562A1ZZ", pans: ["VODCB1562A"])?.value == "06VODCB1562A1ZZ")
        // Without the PAN, the one look-alike letter ("O" for "D") the check character accepts.
        #expect(GSTINFinder.repair("27AAOFU0939F1Z7", pans: [])?.value == "27AADFU0939F1Z7")
    }

    @Test func gstinWithOneCharacterTooManyIsTheOneLeavingItOutMakes() {
        #expect(GSTINFinder.repair("27AAPFU0939F12ZV", pans: [])?.value == "27AAPFU0939F1ZV")
        // A digit read twice: leaving out either copy makes the same number.
        #expect(GSTINFinder.repair("27AAPFU09339F1ZV", pans: [])?.value == "27AAPFU0939F1ZV")
        #expect(GSTINFinder.repair("27AAPFU0939F1ZQX", pans: []) == nil)
    }

    @Test func gstinReadInPiecesIsJoined() {
        let x = parse("""
            Kaveri Foods
            GSTIN 27 AAPFU 0939 F1ZV
            Total   1,180.00
            """)
        #expect(x.gstin?.value == "27AAPFU0939F1ZV")
        // Words with numbers beside them are no pieces of one ("12VERVALDATUM24" happens to pass the check character).
        let words = parse("""
            Bakker Drukwerk N.V.
            Kerkstraat 12          Vervaldatum 24/03/2025
            Totaal   € 121,00
            """)
        #expect(words.gstin == nil)
    }

    @Test func billNumberAsOCRMisreadsItsSeriesLetters() {
        // "$" for "S", and a series' first letter read as its look-alike digit ("6" for "G").
        #expect(InvoiceNumberFinder.code("$S/258") == "SS/258")
        #expect(InvoiceNumberFinder.code("6T/339") == "GT/339")
        // Series of digits, and a series of one character, stay as read.
        #expect(InvoiceNumberFinder.code("286/24-25") == "286/24-25")
        #expect(InvoiceNumberFinder.code("7/2865") == "7/2865")
        #expect(InvoiceNumberFinder.code("2B5/118") == "2B5/118")
    }

    @Test func aDateWhereTheBillNumberWasExpectedIsNoNumber() {
        let x = parse("""
            Bharat Telenet Limited
            Bill Number        14 Feb 2026
            Total   1,230.25
            """)
        #expect(x.invoiceNumber == nil)
    }

    @Test func waysToPayAndBankDetailsAreNotAPaymentMethod() {
        let x = parse("""
            Arihant Paper Mart
            Date: 31/12/2024
            Total   INR 29,993.00
            Bank Details
            A/c No: 74974362371802   IFSC: IDFB0345983
            UPI ID: arihant32@okaxis
            Ways to pay
            + UPI / Net Banking / Cards on our app or website
            + Cash / Cheque at any store
            """)
        #expect(x.paymentMethod == nil)
    }

    @Test func paymentModeUnderItsHeading() {
        let x = parse("""
            Bhagyalaxmi Textiles
            Mode/Terms of Payment
            Bank Transfer
            Invoice No 286/24-25    Date 26-Sep-2024
            Total   Rs. 7,283.00
            """)
        #expect(x.paymentMethod?.value == .bankTransfer)
        #expect(x.invoiceNumber?.value == "286/24-25")
    }

    @Test func roundOffAndServiceChargeAddUp() {
        let x = parse("""
            Dosa Corner Express
            Date: 07-06-2025
            Food Total                 2,480.00
            Discount @15%               -372.00
            Service Charge @ 7.5%        158.10
            CGST @ 2.5%                   56.65
            SGST 2.50%                    56.65
            R.Off                         -0.40
            Total              INR 2379.00
            """)
        #expect(x.total?.value == 2_379)
        #expect(x.total!.confidence >= 0.85)
        #expect(x.tax.value == Decimal(string: "113.30"))
    }

    @Test func onlyOneHalfOfGSTRead() {
        let x = parse("""
            Cafe Mocha Lounge
            Date: 2025-05-01
            Food Total                660.00
            Service Charge @ 5%        33.00
            CGST 2.50%                 17.33
            SGST @ 2.5%                L733)
            Round Off                   0.34
            NET PAYABLE         Rs.728.00
            """)
        #expect(x.total?.value == 728)
        #expect(x.tax.value == Decimal(string: "34.66"))
    }

    @Test func hsnSummaryTotalsTheTax() {
        let x = parse("""
            Sunrise Steel Corporation
            Invoice Date 12/11/2024
            Total                                      ₹41,465.00
            HSN/SAC   Taxable Value   Central Tax Amount   State Tax Amount   Total Tax Amount
            4009      10,600.00       954.00               954.00             1,908.00
            Total     35,812.20       2,826.40             2,826.40           5,652.80
            """)
        #expect(x.total?.value == 41_465)
        #expect(x.tax.value == Decimal(string: "5652.80"))
    }

    @Test func noTotalFoundMeansUnsure() {
        let x = parse("""
            LAXMI PROVISION STORE
            Date: 08-Aug-2025
            Sub Total        1539.00
            """)
        #expect(x.total?.value == 1_539)
        #expect(x.total!.confidence < InvoiceExtraction.sureEnough)
    }

    @Test func notAnInvoice() {
        #expect(!parse("Happy Diwali to all our customers!\nVisit us again").isInvoice)
        #expect(!parse("").isInvoice)
        #expect(!parse("IMG 2026 selfie with friends").isInvoice)
    }

    @Test func dateFarInTheFutureIsAMisreading() {
        let x = parse("""
            Royal Daily Needs
            Date: 16/01/2035
            Printed: 16/01/2025
            Total   Rs. 1,325.00
            """)
        #expect(x.invoiceDate?.value.description == "2025-01-16")
    }
}

@Suite("More bill shapes")
struct MoreBillShapesTests {
    @Test func fuelReceipt() {
        let x = parse("""
            INDIAN OIL
            COCO HP PETROL PUMP, NH-48
            Receipt No: 4521
            Date: 12/03/2026   Time: 10:21
            Product: Petrol
            Rate: 104.21
            Volume(L): 9.60
            Amount(Rs): 1000.00
            Mode: CASH
            """)
        #expect(x.payee?.value == "Indian Oil")
        #expect(x.total?.value == 1000)
        #expect(x.paymentMethod?.value == .cash)
        #expect(x.invoiceNumber?.value == "4521")
    }

    @Test func hotelFolioPaidInFull() {
        let x = parse("""
            M/s. Hotel Sunshine Residency
            Folio No. 7781      Bill Date: 28 Mar 2026
            Room Charges (2 nights)            5,000.00
            CGST @ 6%                            300.00
            SGST @ 6%                            300.00
            Total                              5,600.00
            Paid by Card XXXX1234              5,600.00
            Balance Due                            0.00
            """)
        #expect(x.payee?.value == "Hotel Sunshine Residency")
        #expect(x.total?.value == 5_600)
        #expect(x.tax.value == 600)
        #expect(x.paymentMethod?.value == .card)
        #expect(x.invoiceDate?.value.description == "2026-03-28")
    }

    @Test func foodDeliveryOrder() {
        let x = parse("""
            Zomato Order Summary
            Restaurant: Biryani Blues
            Order placed on 14th March, 2026
            Item Total                       ₹400.00
            Delivery partner fee              ₹30.00
            Taxes                             ₹20.00
            Grand Total                      ₹450.00
            Paid via UPI
            """)
        #expect(x.total?.value == 450)
        #expect(x.invoiceDate?.value.description == "2026-03-14")
        #expect(x.paymentMethod?.value == .upi)
    }

    @Test func aRegistrationNumberAfterTheNameIsNotPartOfIt() {
        #expect(PayeeFinder.cleanName("99 SPEED MART S/B (519537-X)") == "99 SPEED MART S/B")
        #expect(PayeeFinder.cleanName("SUNRISE BAKERIES (KL) SDN BHD (139386 X)") == "SUNRISE BAKERIES (KL) SDN BHD")
        #expect(PayeeFinder.cleanName("Sharma Traders (OPC)") == "Sharma Traders (OPC)")
    }

    @Test func aRegistrationLineUnderTheNameIsNotTheSeller() {
        #expect(!PayeeFinder.looksLikeName("Company No : SA0099552-P"))
        #expect(!PayeeFinder.looksLikeName("(CO REG"))
        #expect(!PayeeFinder.looksLikeName("Co. Reg. No"))
        #expect(!PayeeFinder.looksLikeName("Registration Number"))
        #expect(PayeeFinder.looksLikeName("Prosper Niaga"))
        let x = parse("""
            LUCKY STAR TRADING
            Company No : SA0012345-P
            No 5, Jalan Mawar 3, 43200 Cheras
            Date: 12/03/2026
            TOTAL            RM 18.40
            """)
        #expect(x.payee?.value == "Lucky Star Trading")
    }

    @Test func germanInvoiceWithNetVATAndGross() {
        let x = parse("""
            Bergmann Werkzeuge GmbH
            Hauptstraße 12, 10115 Berlin
            Rechnung
            Rechnungsadresse
            Kaufhaus Weber KG
            Rechnungsnummer       R-2026-118
            Rechnungsdatum        14.03.2026
            Leistungsdatum        02.03.2026
            Fällig am             28.03.2026
            Nettosumme                          1.250,00 €
            zzgl. 19 % MwSt.                      237,50 €
            Gesamtbetrag                        1.487,50 €
            """)
        #expect(x.payee?.value == "Bergmann Werkzeuge GmbH")
        #expect(x.invoiceDate?.value.description == "2026-03-14")
        #expect(x.total?.value == Decimal(string: "1487.50"))
        #expect(x.tax.value == Decimal(string: "237.50"))
        #expect(x.currency.value == "EUR")
    }

    @Test func frenchInvoiceWithoutAccentsTotalTTC() {
        let x = parse("""
            Boulangerie Martin SAS
            8 place du Marche, 69002 Lyon
            FACTURE
            Client : Hotel du Parc
            Date d'echeance : 15/04/2026
            Date de facture : 16/03/2026
            Total HT                 84,00 EUR
            TVA 5,5 %                 4,62 EUR
            Net a payer              88,62 EUR
            """)
        #expect(x.payee?.value == "Boulangerie Martin SAS")
        #expect(x.invoiceDate?.value.description == "2026-03-16")
        #expect(x.total?.value == Decimal(string: "88.62"))
        #expect(x.tax.value == Decimal(string: "4.62"))
    }

    @Test func spanishInvoiceWithBaseAndIVA() {
        let x = parse("""
            Suministros Lopez S.L.
            Calle Mayor 4, 28013 Madrid
            FACTURA
            Datos del cliente
            Talleres Ruiz
            Fecha de vencimiento: 20 de abril de 2026
            Fecha de factura: 21 de marzo de 2026
            Base imponible            200,00 €
            IVA 21%                    42,00 €
            Total a pagar             242,00 €
            """)
        #expect(x.payee?.value == "Suministros Lopez S.L.")
        #expect(x.invoiceDate?.value.description == "2026-03-21")
        #expect(x.total?.value == 242)
        #expect(x.tax.value == 42)
    }

    @Test func aBuyerBlockBesideTheSellersIsNotTheSeller() {
        // The customer's address printed in a column to the right of the seller's, as PDF invoices lay them out.
        let bill = """
            INVOICE
            Rechnungsadresse:                                  Nordwind Handel GmbH
            Kaufhaus Sommer KG                                 Hafenstrasse 3
            Lindenweg 7                                        20457 Hamburg
            Rechnungsdatum: 04.03.2026
            Gesamtbetrag                                       119,00 EUR
            """
        let x = parse(bill)
        #expect(x.payee?.value != "Kaufhaus Sommer KG")
        let beside = parse("""
            INVOICE
            Nordwind Handel GmbH                               Rechnungsadresse:
            Hafenstrasse 3                                     Kaufhaus Sommer KG
            20457 Hamburg                                      Lindenweg 7
            Rechnungsdatum: 04.03.2026
            Gesamtbetrag                                       119,00 EUR
            """)
        #expect(beside.payee?.value == "Nordwind Handel GmbH")
        #expect(BillText("Nordwind GmbH      Bill To:\nStreet 1      Kaufhaus KG").isBuyerCell(line: 1, range: 14..<25))
    }
}
