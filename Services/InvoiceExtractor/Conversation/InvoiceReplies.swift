import FintrakCore
import Foundation
import InvoiceEditing

/// What the extractor says in the chat: short, amounts with their currency, unsure fields marked with how to fix them.
enum InvoiceReplies {
    static let sendPhotoOrPDF = "Please send a photo or PDF of the bill (JPEG, PNG, WebP or PDF) and I'll save it."
    static let notABill = """
        That doesn't look like a bill to me – I couldn't find an amount to pay, so I haven't saved anything. \
        Please send a clear photo or PDF of the bill.
        """
    /// The seller was read but no amount to pay: say what was read, so a sender knows the photo was a bill and
    /// what to send again, instead of being told it is no bill.
    static func noAmountToPay(payee: String) -> String {
        "I can see this bill is from \(payee), but I couldn't read the amount to pay, so I haven't saved it. "
            + "Please send a clearer photo or PDF with the total in view."
    }
    static let mediaGone = "I couldn't download that file from WhatsApp. Please send the bill again."
    static let unreadableFile = "I couldn't open that file. Please send the bill again as a photo (JPEG or PNG) or a PDF."
    static func tooLarge(limit: Int) -> String {
        "That file is over \(limit / (1024 * 1024)) MB. Please send a photo of the bill or a smaller PDF."
    }
    /// A file that would take too much to read: too many pixels, too many or too heavy pages, OCR past its deadline.
    static let tooBigToRead = """
        That file is too large or too complex for me to read. Please send a photo of just the bill, \
        or a PDF of its first pages.
        """
    static let nothingToEdit = "There's no recent bill to change. Send a photo or PDF of a bill first."
    static let alreadyRemoved = "That bill was already taken back – nothing more to undo."

    /// "05 Mar 2026".
    static func day(_ day: CalendarDay) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%02d ", day.day) + months[day.month - 1] + " \(day.year)"
    }

    /// How a field's value reads in a reply.
    static func show(_ field: InvoiceField, of record: InvoiceRecord) -> String {
        switch field {
        case .total: MoneyFormat.format(record.totalAmount, currency: record.currency)
        case .tax: record.taxAmount.map { MoneyFormat.format($0, currency: record.currency) } ?? "none"
        case .date: day(record.invoiceDate)
        case .payee: record.payeeName
        case .number: record.invoiceNumber ?? "none"
        case .currency: record.currency
        case .payment: record.paymentMethod.map(paymentName) ?? "not stated"
        case .category: record.category ?? "none"
        case .gstin: record.gstin ?? "none"
        }
    }

    static func paymentName(_ method: PaymentMethod) -> String {
        switch method {
        case .cash: "cash"
        case .card: "card"
        case .upi: "UPI"
        case .bankTransfer: "bank transfer"
        case .cheque: "cheque"
        }
    }

    /// The command that would set `field` to its current value, for the sender to copy and correct.
    static func fixExample(_ field: InvoiceField, of record: InvoiceRecord) -> String {
        let value: String = switch field {
        case .total: InvoiceRecord.text(record.totalAmount).replacingOccurrences(of: ".00", with: "")
        case .tax: record.taxAmount.map(InvoiceRecord.text) ?? "0"
        case .date: String(format: "%02d/%02d/%04d", record.invoiceDate.day, record.invoiceDate.month, record.invoiceDate.year)
        default: show(field, of: record)
        }
        return "\"edit \(field.rawValue) \(value)\""
    }

    /// "Sharma Traders – ₹1,530.00 (tax ₹233.39), 05 Mar 2026": one line that identifies a bill; unsure fields get "?".
    static func summary(_ record: InvoiceRecord, unsure: Set<InvoiceField> = []) -> String {
        func mark(_ field: InvoiceField) -> String { unsure.contains(field) ? "?" : "" }
        var line = "\(record.payeeName)\(mark(.payee)) – \(show(.total, of: record))\(mark(.total))"
        if record.taxAmount != nil || unsure.contains(.tax) { line += " (tax \(show(.tax, of: record))\(mark(.tax)))" }
        return line + ", \(day(record.invoiceDate))\(mark(.date))"
    }

    static func saved(_ record: InvoiceRecord, unsure: [InvoiceField]) -> String {
        var lines = ["Saved ✅ \(summary(record, unsure: Set(unsure)))"]
        var details: [String] = []
        if let number = record.invoiceNumber { details.append("Bill no. \(number)") }
        if let method = record.paymentMethod { details.append("paid by \(paymentName(method))") }
        if let gstin = record.gstin { details.append("GSTIN \(gstin)") }
        if let category = record.category { details.append("category \(category)") }
        if !details.isEmpty { lines.append(details.joined(separator: " · ")) }
        if unsure.isEmpty {
            lines.append("Reply \"undo\" to take it back, or e.g. \(fixExample(.total, of: record)) to change it.")
        } else {
            let names = unsure.map(\.rawValue).joined(separator: ", ")
            let examples = unsure.prefix(2).map { fixExample($0, of: record) }.joined(separator: " or ")
            lines.append("I'm not sure about the \(names) (marked ?). If wrong, reply e.g. \(examples) – or \"undo\".")
        }
        return lines.joined(separator: "\n")
    }

    static func alreadySaved(_ record: InvoiceRecord, savedOn: CalendarDay) -> String {
        "This bill is already saved (on \(day(savedOn))): \(summary(record)). I haven't saved it twice."
    }

    static func edited(_ field: InvoiceField, before: InvoiceRecord, after: InvoiceRecord) -> String {
        "Updated the \(field.rawValue): \(show(field, of: after)) (was \(show(field, of: before))).\nNow: \(summary(after))"
    }

    static func undoneEdit(_ field: InvoiceField, restored record: InvoiceRecord) -> String {
        "Undone – the \(field.rawValue) is back to \(show(field, of: record)).\nNow: \(summary(record))"
    }

    static func removed(_ record: InvoiceRecord) -> String {
        "Taken back: \(summary(record)). It's no longer in your books (kept in history)."
    }
}
