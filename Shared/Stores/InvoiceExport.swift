import FintrakCore
import Foundation

/// The export's shape: the record's fields plus `id`, `source` and `created_at`.
package enum InvoiceExport {
    package static let fields = ["id", "payee_name", "invoice_number", "invoice_date", "total_amount", "tax_amount", "currency",
                         "payment_method", "category", "gstin", "source", "created_at"]
    package static let csvHeader = fields.joined(separator: ",")

    package static func values(_ invoice: StoredInvoice) -> [String?] {
        let r = invoice.record
        return [invoice.id.uuidString.lowercased(), r.payeeName, r.invoiceNumber, r.invoiceDate.description,
                InvoiceRecord.text(r.totalAmount), r.taxAmount.map(InvoiceRecord.text), r.currency,
                r.paymentMethod?.rawValue, r.category, r.gstin, invoice.source.rawValue,
                invoice.createdAt.formatted(.iso8601)]
    }

    package static func jsonLine(_ invoice: StoredInvoice) throws -> String {
        var object: [String: Any] = [:]
        for (field, value) in zip(fields, values(invoice)) { object[field] = value ?? NSNull() }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    package static func csvLine(_ invoice: StoredInvoice) -> String {
        values(invoice).map { value in
            guard let value else { return "" }
            let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",")
    }
}
