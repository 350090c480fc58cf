import BillReading
import FintrakCore
import FintrakPostgres
import FintrakStores
import Foundation

/// The extractor's SQL on a tenant's invoices, inside a TenantDatabase transaction (so RLS always applies):
/// originals, duplicates, and the history of edits and undo. Nothing is ever deleted: an edit records the value
/// before and after, an undo is a reversal recorded the same way.
enum InvoiceBook {
    struct Found: Sendable {
        var invoice: StoredInvoice
        var isActive: Bool
        /// Field confidences stored when the bill was read.
        var unsure: [InvoiceField]
    }

    struct Event: Sendable, Hashable {
        /// "created", "edited" or "undone" (schema.sql).
        var kind: String
        var field: InvoiceField? = nil
        var oldValue: String? = nil
        var newValue: String? = nil
    }

    private static let selection = "SELECT \(InvoiceStore.columns), status, confidence::text AS confidence FROM invoices"

    private static func found(_ row: PostgresRow) throws -> Found {
        let confidences = try row.decode("confidence", as: String?.self)
            .flatMap { try? JSONDecoder().decode([String: Double].self, from: Data($0.utf8)) } ?? [:]
        return Found(invoice: try InvoiceStore.decode(row), isActive: try row.decode("status", as: String.self) == "active",
                     unsure: unsureFields(confidences))
    }

    /// The fields read with less confidence than `InvoiceExtraction.sureEnough`, in reply order.
    static func unsureFields(_ confidences: [String: Double]) -> [InvoiceField] {
        [InvoiceField.payee, .total, .date, .tax].filter { field in
            confidences[field.column.name].map { $0 < InvoiceExtraction.sureEnough } ?? false
        }
    }

    /// The invoice an inbound message created, if it already did (a redelivery).
    static func created(byMessage messageID: String, session: PostgresSession) throws -> Found? {
        try session.query("\(selection) WHERE provider_message_id = $1", [messageID]).first.map(found)
    }

    static func find(_ id: UUID, session: PostgresSession) throws -> Found? {
        try session.query("\(selection) WHERE id = $1 FOR UPDATE", [id]).first.map(found)
    }

    /// An active invoice saved from the same file.
    static func sameFile(_ sha256: String, session: PostgresSession) throws -> Found? {
        try session.query("\(selection) WHERE media_sha256 = $1 AND status = 'active' ORDER BY created_at LIMIT 1", [sha256])
            .first.map(found)
    }

    /// An active invoice with the same payee, number, date and total: the same bill photographed again.
    static func sameBill(_ record: InvoiceRecord, session: PostgresSession) throws -> Found? {
        try session.query("""
            \(selection)
            WHERE status = 'active' AND lower(payee_name) = lower($1) AND invoice_number IS NOT DISTINCT FROM $2
              AND invoice_date = $3::date AND total_amount = $4
            ORDER BY created_at LIMIT 1
            """, [record.payeeName, record.invoiceNumber, record.invoiceDate.description, record.totalAmount]).first.map(found)
    }

    /// Keeps the original privately, addressed by its SHA-256 within the tenant; a second copy is not stored.
    static func keepOriginal(_ file: MediaFile, tenant: String, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO media_objects (tenant, sha256, content_type, bytes) VALUES ($1, $2, $3, decode($4, 'base64'))
            ON CONFLICT (tenant, sha256) DO NOTHING
            """, [tenant, file.sha256, file.kind.contentType, file.data.base64EncodedString()])
    }

    static func record(_ event: Event, invoice: UUID, tenant: String, messageID: String?, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO invoice_events (tenant, invoice_id, kind, field, old_value, new_value, provider_message_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [tenant, invoice, event.kind, event.field?.column.name, event.oldValue, event.newValue, messageID])
    }

    /// Every change to the invoice, oldest first.
    static func events(of invoice: UUID, session: PostgresSession) throws -> [Event] {
        try session.query("SELECT kind, field, old_value, new_value FROM invoice_events WHERE invoice_id = $1 ORDER BY id",
                          [invoice]).map { row in
            Event(kind: try row.decode("kind"),
                  field: try row.decode("field", as: String?.self).flatMap(InvoiceField.init(column:)),
                  oldValue: try row.decode("old_value", as: String?.self),
                  newValue: try row.decode("new_value", as: String?.self))
        }
    }

    /// What a message already did, if it was handled before (a redelivered "edit" or "undo").
    static func event(byMessage messageID: String, session: PostgresSession) throws -> (invoice: UUID, event: Event)? {
        try session.query("""
            SELECT invoice_id, kind, field, old_value, new_value FROM invoice_events
            WHERE provider_message_id = $1 AND kind <> 'created' ORDER BY id DESC LIMIT 1
            """, [messageID]).first.map { row in
            (try row.decode("invoice_id"),
             Event(kind: try row.decode("kind"),
                   field: try row.decode("field", as: String?.self).flatMap(InvoiceField.init(column:)),
                   oldValue: try row.decode("old_value", as: String?.self),
                   newValue: try row.decode("new_value", as: String?.self)))
        }
    }

    static func set(_ field: InvoiceField, to value: String?, invoice: UUID, session: PostgresSession) throws {
        // The column and its type come from InvoiceField, never from the message.
        let column = field.column
        try session.execute("UPDATE invoices SET \(column.name) = $1::\(column.type), updated_at = now() WHERE id = $2",
                            [value, invoice])
    }

    static func setActive(_ active: Bool, invoice: UUID, session: PostgresSession) throws {
        try session.execute("UPDATE invoices SET status = $1, updated_at = now() WHERE id = $2",
                            [active ? "active" : "undone", invoice])
    }

    /// The edit an "undo" would reverse now: the latest edit not already reversed.
    static func lastStandingEdit(_ events: [Event]) -> Event? {
        var standing: [Event] = []
        for event in events {
            if event.kind == "edited" {
                standing.append(event)
            } else if event.kind == "undone", event.field != nil {
                _ = standing.popLast()
            }
        }
        return standing.last
    }
}

extension InvoiceField {
    init?(column: String) {
        guard let field = InvoiceField.allCases.first(where: { $0.column.name == column }) else { return nil }
        self = field
    }

    /// The field's value in `record` as the column's text (what an edit event records).
    func columnText(of record: InvoiceRecord) -> String? {
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
    func apply(_ text: String?, to record: InvoiceRecord) -> InvoiceRecord {
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
