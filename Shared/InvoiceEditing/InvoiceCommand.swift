import BillReading
import Conversation
import FintrakCore
import Foundation

/// A field of a stored invoice that the sender may correct.
package enum InvoiceField: String, CaseIterable, Sendable {
    case total, tax, date, payee, number, currency, payment, category, gstin

    /// The `invoices` column and the SQL type its text is cast to.
    package var column: (name: String, type: String) {
        switch self {
        case .total: ("total_amount", "numeric")
        case .tax: ("tax_amount", "numeric")
        case .date: ("invoice_date", "date")
        case .payee: ("payee_name", "text")
        case .number: ("invoice_number", "text")
        case .currency: ("currency", "text")
        case .payment: ("payment_method", "text")
        case .category: ("category", "text")
        case .gstin: ("gstin", "text")
        }
    }

    /// The words a sender may use for it after "edit".
    package var names: [String] {
        switch self {
        case .total: ["total", "amount", "total amount", "grand total"]
        case .tax: ["tax", "gst", "vat", "tax amount"]
        case .date: ["date", "bill date", "invoice date"]
        case .payee: ["payee", "seller", "vendor", "shop", "name", "party"]
        case .number: ["number", "no", "bill no", "bill number", "invoice no", "invoice number", "invoice"]
        case .currency: ["currency"]
        case .payment: ["payment", "paid", "paid by", "payment method", "method", "mode"]
        case .category: ["category", "type"]
        case .gstin: ["gstin", "gst no", "gst number"]
        }
    }

    /// Fields that may be cleared ("edit tax none").
    package var isOptional: Bool { ![.total, .date, .payee, .currency].contains(self) }
}

/// "edit total 1530", "edit date 05/03/2026", "edit payee Sharma Traders", "undo": what the sender asks of the
/// invoice the last confirmation was about.
package enum InvoiceCommand: Equatable, Sendable {
    /// The new value as the column's text ("1530.00", "2026-03-05"); nil clears an optional field.
    case edit(InvoiceField, String?)
    case undo
    /// Looked like a command but could not be understood: the reply explains.
    case unclear(String)

    package static let clearWords: Set<String> = ["none", "nil", "null", "no", "blank", "remove", "clear", "-"]

    package static func parse(_ text: String?) -> InvoiceCommand? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let words = TextLine.words(of: trimmed)
        guard let first = words.first else { return nil }
        if first == InvoiceCommandVerbs.undo && words.count <= 3 { return .undo }
        guard InvoiceCommandVerbs.edit.contains(first) else { return nil }
        // The longest field name that follows "edit" ("invoice number" before "invoice").
        let named = InvoiceField.allCases.flatMap { field in field.names.map { (field, $0.split(separator: " ").map(String.init)) } }
            .filter { words.dropFirst().starts(with: $0.1) }
            .max { $0.1.count < $1.1.count }
        guard let (field, nameWords) = named else { return .unclear(Self.help) }
        guard let value = TextLine.text(after: ["edit"] + nameWords, in: Self.normalisedVerb(trimmed)), !value.isEmpty else {
            return .unclear("What should the \(field.rawValue) be? For example: \(field.example)")
        }
        if field.isOptional, clearWords.contains(value.lowercased()) { return .edit(field, nil) }
        guard let text = Self.columnText(field, value) else {
            return .unclear("I couldn't read \"\(value)\" as a \(field.rawValue). For example: \(field.example)")
        }
        return .edit(field, text)
    }

    /// "change …" and "fix …" read like "edit …".
    private static func normalisedVerb(_ text: String) -> String {
        guard let space = text.firstIndex(of: " ") else { return text }
        return "edit" + text[space...]
    }

    package static func columnText(_ field: InvoiceField, _ value: String) -> String? {
        switch field {
        case .total, .tax:
            guard let amount = AmountScanner.amounts(in: value).first(where: { !$0.isPercentage })?.value,
                  amount >= 0, field == .tax || amount > 0, amount < 1_000_000_000_000 else { return nil }
            return InvoiceRecord.text(amount)
        case .date:
            return DateScanner.dates(in: value).first?.day.description
        case .payee:
            return (1...200).contains(value.count) ? value : nil
        case .number:
            return (1...100).contains(value.count) ? value : nil
        case .category:
            return (1...100).contains(value.count) ? value : nil
        case .currency:
            let code = value.uppercased()
            if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) { return code }
            return AmountScanner.currencyMarks.first { $0.mark == value.lowercased() }?.code
        case .payment:
            let words = TextLine.words(of: value)
            return PaymentFinder.methods.first { words.contains(anyOf: $0.phrases) }?.method.rawValue
                ?? PaymentMethod(rawValue: value.lowercased())?.rawValue
        case .gstin:
            let code = value.uppercased().filter { !$0.isWhitespace }
            return GSTIN.hasShape(code) ? code : nil
        }
    }

    package static let help = """
        To correct the last bill, reply for example "edit total 1530", "edit date 05/03/2026", \
        "edit payee Sharma Traders", "edit tax 233.39" — or "undo" to take it back.
        """
}

extension InvoiceField {
    package var example: String {
        switch self {
        case .total: "edit total 1530"
        case .tax: "edit tax 233.39 (or \"edit tax none\")"
        case .date: "edit date 05/03/2026"
        case .payee: "edit payee Sharma Traders"
        case .number: "edit number INV-1021"
        case .currency: "edit currency INR"
        case .payment: "edit payment upi (cash, card, upi, bank, cheque)"
        case .category: "edit category Office supplies"
        case .gstin: "edit gstin 27AAPFU0939F1ZV"
        }
    }
}
