import BillReading
import FintrakCore
import FintrakPostgres
import FintrakStores
import InvoiceEditing
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


    private static let selection = "SELECT \(InvoiceStore.columns), status, confidence::text AS confidence FROM invoices"

    private static func found(_ row: PostgresRow) throws -> Found {
        Found(invoice: try InvoiceStore.decode(row), isActive: try row.decode("status", as: String.self) == "active",
              unsure: InvoiceField.unsure(json: try row.decode("confidence", as: String?.self)))
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
}
