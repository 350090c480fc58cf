import FintrakCore
import GeneratedInput
import Foundation
@testable import BillReading
import Testing

/// No bill text can crash the parser: whatever OCR hands over, a reading (perhaps empty) comes back.
@Suite struct GeneratedBillTests {
    static let words = [
        "Total", "Grand Total", "TOTAL AMOUNT", "Net Payable", "Sub Total", "Discount", "Round Off", "GST", "CGST 9%",
        "SGST @ 9%", "IGST", "Tax", "Invoice No", "Bill No:", "Inv#", "Date", "Dated", "Rs.", "₹", "INR", "USD", "$",
        "Amount", "Qty", "Rate", "x", "@", "Paid", "UPI", "Cash", "Card", "NEFT", "GSTIN", "GSTIN:", "27AAPFU0939F1ZV",
        "Tax Invoice", "Cash Memo", "Traders", "Stores", "Pvt Ltd", "Rupees", "One Lakh", "Thousand", "Crore", "Only",
        "Twenty", "Nine", "Hundred", "and", "paise", "%", "Jan", "March", "Sept", "2026", "26", "Thank you",
    ]
    static let reference = CalendarDay(clampingYear: 2026, month: 3, day: 31)

    @Test(arguments: [
        "Total Rs. 99999999999999999999999", "Grand Total 1,00,00,00,00,00,00,000.00", "Date: 1/1/0000\nTotal 50",
        "Date 31/13/2026 Total 10", "Invoice Date 2026-00-00 Amount 5", "Total -9223372036854775808",
        "Rupees Nine Hundred Crore Crore Crore Crore Crore Crore Only", "Qty 99999999999 Rate 99999999999 Amt 1",
        String(repeating: "9", count: 4096) + "\nTotal 12",
    ])
    func billsAtTheEdgesComeBack(text: String) {
        assertSane(InvoiceParser.parse(text, reference: Self.reference), text)
    }

    /// 100,000 generated lines, four to a bill; every reading that becomes a record is one the database accepts.
    @Test func generatedBillsAllReturn() {
        var lines = GeneratedText(seed: 11, count: 100_000, words: Self.words)
        var read = 0
        while true {
            var bill: [String] = []
            while bill.count < 4, let line = lines.next() { bill.append(line) }
            if bill.isEmpty { break }
            let text = bill.joined(separator: "\n")
            assertSane(InvoiceParser.parse(text, reference: Self.reference), text)
            read += bill.count
        }
        #expect(read == 100_000)
    }

    func assertSane(_ extraction: InvoiceExtraction, _ text: String) {
        guard let (record, confidences) = extraction.draft(category: nil, received: Self.reference) else { return }
        #expect(record.validationProblem == nil, "\(record.validationProblem ?? "") in \(text.prefix(300))")
        #expect(confidences.values.allSatisfy { (0...1).contains($0) })
    }
}
