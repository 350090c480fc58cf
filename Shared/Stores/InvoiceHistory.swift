import FintrakPostgres
import Foundation
import InvoiceEditing

/// Changes to a tenant's invoices, inside a TenantDatabase transaction: the chat's edit and undo and the web
/// page's edits go through here alike. Nothing is ever deleted: an edit records the value before and after, an
/// undo is a reversal recorded the same way.
package enum InvoiceHistory {
    package static func record(_ change: InvoiceChange, invoice: UUID, tenant: String, messageID: String?,
                               session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO invoice_events (tenant, invoice_id, kind, field, old_value, new_value, provider_message_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [tenant, invoice, change.kind.rawValue, change.field?.column.name, change.oldValue, change.newValue,
                  messageID])
    }

    /// Every change to the invoice, oldest first.
    package static func changes(of invoice: UUID, session: PostgresSession) throws -> [InvoiceChange] {
        try session.query("""
            SELECT kind, field, old_value, new_value, created_at FROM invoice_events WHERE invoice_id = $1 ORDER BY id
            """, [invoice]).map(decode)
    }

    /// What a message already did, if it was handled before (a redelivered "edit" or "undo").
    package static func change(byMessage messageID: String, session: PostgresSession) throws -> (invoice: UUID, change: InvoiceChange)? {
        try session.query("""
            SELECT invoice_id, kind, field, old_value, new_value, created_at FROM invoice_events
            WHERE provider_message_id = $1 AND kind <> 'created' ORDER BY id DESC LIMIT 1
            """, [messageID]).first.map { row in (try row.decode("invoice_id"), try decode(row)) }
    }

    package static func set(_ field: InvoiceField, to value: String?, invoice: UUID, session: PostgresSession) throws {
        // The column and its type come from InvoiceField, never from the message.
        let column = field.column
        try session.execute("UPDATE invoices SET \(column.name) = $1::\(column.type), updated_at = now() WHERE id = $2",
                            [value, invoice])
    }

    package static func setActive(_ active: Bool, invoice: UUID, session: PostgresSession) throws {
        try session.execute("UPDATE invoices SET status = $1, updated_at = now() WHERE id = $2",
                            [active ? "active" : "undone", invoice])
    }

    private static func decode(_ row: PostgresRow) throws -> InvoiceChange {
        InvoiceChange(kind: InvoiceChange.Kind(rawValue: try row.decode("kind")) ?? .edited,
                      field: try row.decode("field", as: String?.self).flatMap(InvoiceField.init(column:)),
                      oldValue: try row.decode("old_value", as: String?.self),
                      newValue: try row.decode("new_value", as: String?.self),
                      at: try row.decode("created_at", as: Date?.self))
    }
}
