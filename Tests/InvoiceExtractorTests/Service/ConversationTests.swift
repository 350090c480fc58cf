import BillReading
import FintrakCore
import FintrakTestSupport
import Foundation
import InvoiceEditing
import Testing
@testable import InvoiceExtractor

@Suite("Edit and undo commands")
struct InvoiceCommandTests {
    @Test func editsOfEachField() {
        #expect(InvoiceCommand.parse("edit total 1530") == .edit(.total, "1530.00"))
        #expect(InvoiceCommand.parse("Edit amount ₹1,530.50") == .edit(.total, "1530.50"))
        #expect(InvoiceCommand.parse("edit date 05/03/2026") == .edit(.date, "2026-03-05"))
        #expect(InvoiceCommand.parse("edit date 5 March 2026") == .edit(.date, "2026-03-05"))
        #expect(InvoiceCommand.parse("edit payee Sharma Traders") == .edit(.payee, "Sharma Traders"))
        #expect(InvoiceCommand.parse("edit tax 233.39") == .edit(.tax, "233.39"))
        #expect(InvoiceCommand.parse("edit tax none") == .edit(.tax, nil))
        #expect(InvoiceCommand.parse("edit invoice number INV/21-22/7") == .edit(.number, "INV/21-22/7"))
        #expect(InvoiceCommand.parse("edit payment gpay") == .edit(.payment, "upi"))
        #expect(InvoiceCommand.parse("edit currency $") == .edit(.currency, "USD"))
        #expect(InvoiceCommand.parse("change category Office supplies") == .edit(.category, "Office supplies"))
        #expect(InvoiceCommand.parse("edit gstin 27aapfu0939f1zv") == .edit(.gstin, "27AAPFU0939F1ZV"))
    }

    @Test func undo() {
        #expect(InvoiceCommand.parse("undo") == .undo)
        #expect(InvoiceCommand.parse("  Undo last ") == .undo)
    }

    @Test func unclearCommandsExplainThemselves() {
        guard case .unclear(let text) = InvoiceCommand.parse("edit total lots") else { Issue.record("not unclear"); return }
        #expect(text.contains("edit total 1530"))
        guard case .unclear = InvoiceCommand.parse("edit colour blue") else { Issue.record("not unclear"); return }
        guard case .unclear = InvoiceCommand.parse("edit date") else { Issue.record("not unclear"); return }
        // A total can't be cleared, nor be zero.
        guard case .unclear = InvoiceCommand.parse("edit total none") else { Issue.record("not unclear"); return }
        guard case .unclear = InvoiceCommand.parse("edit total 0") else { Issue.record("not unclear"); return }
    }

    @Test func otherTextIsNoCommand() {
        #expect(InvoiceCommand.parse("how much did I spend?") == nil)
        #expect(InvoiceCommand.parse(nil) == nil)
        #expect(InvoiceCommand.parse("undo the last three invoices please") == nil)
    }
}

@Suite("Replies about invoices")
struct InvoiceRepliesTests {
    let record = InvoiceRecord(payeeName: "Sharma Traders", invoiceNumber: "ST-1021",
                               invoiceDate: CalendarDay(year: 2026, month: 3, day: 5)!, totalAmount: 1530,
                               taxAmount: Decimal(string: "233.40"), paymentMethod: .upi)

    @Test func confirmationWithEverythingSure() {
        let text = InvoiceReplies.saved(record, unsure: [])
        #expect(text.contains("Sharma Traders – ₹1,530.00 (tax ₹233.40), 05 Mar 2026"))
        #expect(text.contains("Bill no. ST-1021 · paid by UPI"))
        #expect(text.contains("\"undo\""))
        #expect(!text.contains("?"))
    }

    @Test func unsureFieldsAreMarkedWithHowToFixThem() {
        let text = InvoiceReplies.saved(record, unsure: [.total, .date])
        #expect(text.contains("₹1,530.00?"))
        #expect(text.contains("05 Mar 2026?"))
        #expect(text.contains("\"edit total 1530\""))
        #expect(text.contains("\"edit date 05/03/2026\""))
    }

    @Test func duplicateSaysWhen() {
        let text = InvoiceReplies.alreadySaved(record, savedOn: CalendarDay(year: 2026, month: 3, day: 6)!)
        #expect(text.contains("already saved (on 06 Mar 2026)"))
    }

    @Test func westernCurrency() {
        var euro = record
        euro.currency = "EUR"
        euro.totalAmount = Decimal(string: "9137.47")!
        #expect(InvoiceReplies.summary(euro).contains("€9,137.47"))
    }
}

@Suite("Invoice history")
struct InvoiceHistoryTests {
    @Test func undoReversesTheLatestStandingEdit() {
        let edits: [InvoiceChange] = [
            .init(kind: .created),
            .init(kind: .edited, field: .total, oldValue: "1350.00", newValue: "1530.00"),
            .init(kind: .edited, field: .date, oldValue: "2026-03-05", newValue: "2026-03-06"),
            .init(kind: .undone, field: .date, oldValue: "2026-03-06", newValue: "2026-03-05"),
        ]
        #expect(InvoiceChange.lastStandingEdit(edits)?.field == .total)
        #expect(InvoiceChange.lastStandingEdit(Array(edits.prefix(1))) == nil)
    }

    @Test func unsureFieldsFromStoredConfidences() {
        let fields = InvoiceField.unsure(["payee_name": 0.9, "total_amount": 0.4, "invoice_date": 0.59, "tax_amount": 0.7])
        #expect(fields == [.total, .date])
    }

    @Test func columnTextRoundTrips() {
        let record = InvoiceRecord(payeeName: "A", invoiceDate: CalendarDay(year: 2026, month: 1, day: 2)!, totalAmount: 10)
        for field in InvoiceField.allCases {
            #expect(field.apply(field.columnText(of: record), to: record) == record)
        }
    }
}

@Suite("Media kinds")
struct MediaKindTests {
    @Test func byFirstBytes() {
        #expect(MediaKind.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0])) == .jpeg)
        #expect(MediaKind.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == .png)
        #expect(MediaKind.detect(Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(MediaKind.detect(TestBills.pdf(lines: ["x"])) == .pdf)
        #expect(MediaKind.detect(Data("OggS\u{0}".utf8)) == nil)
        #expect(MediaKind.detect(Data("<html>".utf8)) == nil)
        #expect(MediaKind.detect(Data()) == nil)
    }

    @Test func declaredTypesWorthDownloading() {
        #expect(MediaKind.mayBeBill(declared: "image/jpeg"))
        #expect(MediaKind.mayBeBill(declared: "application/pdf; name=bill.pdf"))
        #expect(MediaKind.mayBeBill(declared: nil))
        #expect(!MediaKind.mayBeBill(declared: "audio/ogg; codecs=opus"))
        #expect(!MediaKind.mayBeBill(declared: "video/mp4"))
    }

    @Test func sha256AddressesTheOriginal() {
        let file = MediaFile(data: Data("abc".utf8), kind: .pdf)
        #expect(file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite("Drafting the record")
struct DraftTests {
    @Test func missingDateAndPayeeAreFilledAndUnsure() {
        let extraction = InvoiceParser.parse("Total  Rs. 500.00\nDate: 01/03/2026")
        let today = CalendarDay(year: 2026, month: 3, day: 9)!
        let draft = extraction.draft(category: "  Travel ", received: today)
        #expect(draft?.record.payeeName == InvoiceExtraction.unknownPayee)
        #expect(draft?.record.category == "Travel")
        #expect(draft.map { InvoiceField.unsure($0.confidences) }?.contains(.payee) == true)
    }

    @Test func notABillHasNoDraft() {
        #expect(InvoiceParser.parse("Good morning!").draft(category: nil, received: CalendarDay(year: 2026, month: 1, day: 1)!) == nil)
    }
}
