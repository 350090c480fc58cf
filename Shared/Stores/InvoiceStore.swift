import FintrakCore
import FintrakPostgres
import Foundation

/// Where an invoice record came from (CONTRACT.md `source`).
public enum InvoiceSource: String, Sendable, Codable {
    case whatsapp, `import`
}

/// An invoice as stored: the contract's record plus what the database adds.
public struct StoredInvoice: Sendable, Hashable {
    public var id: UUID
    public var record: InvoiceRecord
    public var source: InvoiceSource
    public var createdAt: Date
}

/// Reading and writing invoices inside a tenant transaction (TenantDatabase), so RLS always applies.
public enum InvoiceStore {
    /// The columns `decode` reads, for queries that select invoices.
    public static let columns = """
        id, payee_name, invoice_number, invoice_date::text AS invoice_date, total_amount, tax_amount, currency,
        payment_method, category, gstin, source, created_at
        """

    /// - Parameters:
    ///   - confidence: JSON object of per-field confidences (0–1) when the record was read from a bill.
    ///   - lineItems: JSON array of the bill's item rows, when they could be read.
    @discardableResult
    public static func insert(_ record: InvoiceRecord, tenant: String, source: InvoiceSource,
                              providerMessageID: String? = nil, mediaSHA256: String? = nil,
                              confidence: String? = nil, lineItems: String? = nil,
                              session: PostgresSession) throws -> UUID {
        let rows = try session.query("""
            INSERT INTO invoices (tenant, payee_name, invoice_number, invoice_date, total_amount, tax_amount, currency,
                                  payment_method, category, gstin, source, provider_message_id, media_sha256,
                                  confidence, line_items)
            VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb)
            RETURNING id
            """, [tenant, record.payeeName, record.invoiceNumber, record.invoiceDate.description, record.totalAmount,
                  record.taxAmount, record.currency, record.paymentMethod?.rawValue, record.category, record.gstin,
                  source.rawValue, providerMessageID, mediaSHA256, confidence, lineItems])
        return try rows.returnedRow().decode("id", as: UUID.self)
    }

    /// The tenant's active invoices (undone ones are history, not books), oldest bill first.
    public static func all(session: PostgresSession) throws -> [StoredInvoice] {
        try session.query("SELECT \(columns) FROM invoices WHERE status = 'active' ORDER BY invoice_date, created_at")
            .map(decode)
    }

    /// The tenant's active invoices dated from `first` to `last`, oldest bill first.
    public static func between(_ first: CalendarDay, _ last: CalendarDay, session: PostgresSession) throws -> [StoredInvoice] {
        try session.query("""
            SELECT \(columns) FROM invoices
            WHERE status = 'active' AND invoice_date BETWEEN $1::date AND $2::date ORDER BY invoice_date, created_at
            """, [first.description, last.description]).map(decode)
    }

    /// An invoice from a row selected with `columns`.
    /// - Throws: `PostgresError` when a column is missing or not what it should be.
    public static func decode(_ row: PostgresRow) throws -> StoredInvoice {
        guard let day = CalendarDay(iso: try row.decode("invoice_date", as: String.self)) else {
            throw PostgresError(message: "invoice_date is not a date", sqlState: nil)
        }
        let record = InvoiceRecord(
            payeeName: try row.decode("payee_name"), invoiceNumber: try row.decode("invoice_number", as: String?.self),
            invoiceDate: day, totalAmount: try row.decode("total_amount"),
            taxAmount: try row.decode("tax_amount", as: Decimal?.self),
            currency: try row.decode("currency", as: String.self).trimmingCharacters(in: .whitespaces),
            paymentMethod: try row.decode("payment_method", as: String?.self).flatMap(PaymentMethod.init(rawValue:)),
            category: try row.decode("category", as: String?.self), gstin: try row.decode("gstin", as: String?.self))
        return StoredInvoice(id: try row.decode("id"), record: record,
                             source: InvoiceSource(rawValue: try row.decode("source")) ?? .whatsapp,
                             createdAt: try row.decode("created_at"))
    }
}
