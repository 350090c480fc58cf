import BillReading
import FintrakCore
import Foundation

/// One change to a stored invoice as `invoice_events` keeps it: created, a field edited (value before and after), or
/// undone (an edit reversed, or with no field, the whole bill taken back). Chat edits and the web page's edits are
/// the same changes, so both show as one history.
package struct InvoiceChange: Sendable, Hashable {
    package enum Kind: String, Sendable {
        case created, edited, undone
    }

    package var kind: Kind
    package var field: InvoiceField?
    package var oldValue: String?
    package var newValue: String?
    package var at: Date?

    package init(kind: Kind, field: InvoiceField? = nil, oldValue: String? = nil, newValue: String? = nil, at: Date? = nil) {
        self.kind = kind
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.at = at
    }

    /// The edit an "undo" would reverse now: the latest edit not already reversed.
    package static func lastStandingEdit(_ changes: [InvoiceChange]) -> InvoiceChange? {
        var standing: [InvoiceChange] = []
        for change in changes {
            if change.kind == .edited {
                standing.append(change)
            } else if change.kind == .undone, change.field != nil {
                _ = standing.popLast()
            }
        }
        return standing.last
    }
}

extension InvoiceField {
    /// The unsure fields of a bill's stored confidences (the `confidence` column's JSON; none when absent or unreadable).
    package static func unsure(json: String?) -> [InvoiceField] {
        unsure(json.flatMap { try? JSONDecoder().decode([String: Double].self, from: Data($0.utf8)) } ?? [:])
    }

    /// The fields read with less confidence than `InvoiceExtraction.sureEnough` (the chat's "?"), in reply order.
    package static func unsure(_ confidences: [String: Double]) -> [InvoiceField] {
        [InvoiceField.payee, .total, .date, .tax].filter { field in
            confidences[field.column.name].map { $0 < InvoiceExtraction.sureEnough } ?? false
        }
    }

    package init?(column: String) {
        guard let field = InvoiceField.allCases.first(where: { $0.column.name == column }) else { return nil }
        self = field
    }

    /// The field's value in `record` as the column's text (what an edit event records).
    package func columnText(of record: InvoiceRecord) -> String? {
        switch self {
        case .total: InvoiceRecord.text(record.totalAmount)
        case .tax: record.taxAmount.map(InvoiceRecord.text)
        case .date: record.invoiceDate.description
        case .payee: record.payeeName
        case .number: record.invoiceNumber
        case .currency: record.currency
        case .payment: record.paymentMethod?.rawValue
        case .category: record.category
        case .gstin: record.gstin
        }
    }

    /// `record` with this field set from column text.
    package func apply(_ text: String?, to record: InvoiceRecord) -> InvoiceRecord {
        var copy = record
        switch self {
        case .total: if let value = text.flatMap({ Decimal(amountText: $0) }) { copy.totalAmount = value }
        case .tax: copy.taxAmount = text.flatMap { Decimal(amountText: $0) }
        case .date: if let day = text.flatMap(CalendarDay.init(iso:)) { copy.invoiceDate = day }
        case .payee: if let text { copy.payeeName = text }
        case .number: copy.invoiceNumber = text
        case .currency: if let text { copy.currency = text }
        case .payment: copy.paymentMethod = text.flatMap(PaymentMethod.init(rawValue:))
        case .category: copy.category = text
        case .gstin: copy.gstin = text
        }
        return copy
    }
}
