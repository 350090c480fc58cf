import FintrakCore
import Foundation
import Testing

@Suite struct InvoiceRecordTests {
    func decode(_ json: String) throws -> InvoiceRecord {
        try EnvelopeCoding.decode(InvoiceRecord.self, from: Data(json.utf8))
    }

    @Test func decodesTheContractFieldsWithExactAmounts() throws {
        let record = try decode("""
            {"payee_name": " DMart ", "invoice_number": "DM00101", "invoice_date": "2026-03-05", "total_amount": "1530.10",
             "tax_amount": "72.86", "currency": "inr", "payment_method": "upi", "category": "groceries", "gstin": "27AAFCD0002B1Z4"}
            """)
        #expect(record.payeeName == "DMart")
        #expect(record.totalAmount == Decimal(string: "1530.10"))
        #expect(record.taxAmount == Decimal(string: "72.86"))
        #expect(record.currency == "INR")
        #expect(record.paymentMethod == .upi)
        #expect(record.invoiceDate == CalendarDay(year: 2026, month: 3, day: 5))
    }

    @Test func roundTripsThroughJSONWithTwoDecimalStrings() throws {
        let record = try decode(#"{"payee_name":"Jio","invoice_date":"2026-01-07","total_amount":"999","tax_amount":null,"currency":"INR","payment_method":null,"category":null,"gstin":null,"invoice_number":null}"#)
        let json = String(decoding: try EnvelopeCoding.encode(record), as: UTF8.self)
        #expect(json.contains(#""total_amount":"999.00""#))
        #expect(try decode(json) == record)
    }

    @Test(arguments: [
        #"{"invoice_date":"2026-01-07","total_amount":"1"}"#,
        #"{"payee_name":"X","invoice_date":"2026-02-30","total_amount":"1"}"#,
        #"{"payee_name":"X","invoice_date":"07/01/2026","total_amount":"1"}"#,
        #"{"payee_name":"X","invoice_date":"2026-01-07","total_amount":"1,0.0.0"}"#,
        #"{"payee_name":"X","invoice_date":"2026-01-07","total_amount":"-5"}"#,
        #"{"payee_name":"X","invoice_date":"2026-01-07","total_amount":"5","payment_method":"barter"}"#,
        #"{"payee_name":"X","invoice_date":"2026-01-07","total_amount":"5","gstin":"NOTAGSTIN"}"#,
        #"{"payee_name":"","invoice_date":"2026-01-07","total_amount":"5"}"#,
        #"{"payee_name":"X","invoice_date":"2026-01-07","total_amount":"5","currency":"RUPEES"}"#,
    ])
    func rejectsBadRecords(json: String) {
        #expect(throws: (any Error).self) { try decode(json) }
    }

    @Test func gstinCheckCharacter() {
        // A GSTIN whose check character is right, and the same with the last character changed.
        #expect(GSTIN.isValid("27AAPFU0939F1ZV"))
        #expect(!GSTIN.isValid("27AAPFU0939F1ZW"))
        #expect(GSTIN.hasShape("27AAPFU0939F1ZW"))
        #expect(!GSTIN.hasShape("AAAPFU0939F1ZW"))
    }
}
