import FintrakCore
import FintrakPostgres
import FintrakStores
import Foundation
import InvoiceEditing
import MediaLinks
import QuestionUnderstanding

/// The Bills pages' contents, read inside the tenant's transaction: a month's bills with their totals (doubtful
/// ones first), and one bill with its original, its fields and its history.
enum BillsPageContent {
    struct ListPage {
        struct Item {
            var id: String
            var payee: String
            var total: String
            var date: String
            var number: String?
            var isDoubtful: Bool
            var doubtfulFields: String
        }

        var chrome: Chrome
        var month: String
        var monthLabel: String
        var query: String?
        var count: Int
        var tax: String
        var total: String
        var hasDoubtful: Bool
        var bills: [Item]
    }

    struct DetailPage {
        struct Original {
            var url: String
            var isImage: Bool
        }

        struct Field {
            var billID: String
            var name: String
            var label: String
            var value: String
            var isDoubtful: Bool
            var inputMode: String
        }

        struct Change {
            var when: String
            var text: String
        }

        var chrome: Chrome
        var id: String
        var payee: String
        var month: String
        var monthLabel: String
        var removedReason: String?
        var original: Original?
        var fields: [Field]
        var history: [Change]
    }

    /// A bill as these pages read it.
    struct Bill {
        var invoice: StoredInvoice
        var isActive: Bool
        var unsure: [InvoiceField]
        var mediaType: String?
    }

    /// Bills listed at most; the totals count them all.
    static let listLimit = 500

    private static let selection = """
        SELECT \(InvoiceStore.columns), status, confidence::text AS confidence,
               (SELECT content_type FROM media_objects m WHERE m.sha256 = i.media_sha256) AS media_type
        FROM invoices i
        """

    private static func bill(_ row: PostgresRow) throws -> Bill {
        Bill(invoice: try InvoiceStore.decode(row), isActive: try row.decode("status", as: String.self) == "active",
                    unsure: InvoiceField.unsure(json: try row.decode("confidence", as: String?.self)), mediaType: try row.decode("media_type", as: String?.self))
    }

    /// One bill of the tenant, locked for an edit when `forUpdate`; nil when there is none (another tenant's id too).
    static func find(_ id: UUID, forUpdate: Bool = false, session: PostgresSession) throws -> Bill? {
        try session.query("\(selection) WHERE id = $1\(forUpdate ? " FOR UPDATE OF i" : "")", [id]).first.map(bill)
    }

    /// The month's active bills whose payee contains `query` (any case), doubtful ones first, then newest first.
    static func list(month: DateRange, query: String?, chrome: Chrome, session: PostgresSession) throws -> ListPage {
        // The search text is data, never pattern: LIKE's own characters are escaped.
        let pattern = query.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%" }
        let filter = "status = 'active' AND invoice_date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR payee_name ILIKE $3)"
        let parameters: [(any PostgresEncodable)?] = [month.first.description, month.last.description, pattern]
        let totals = try session.query("""
            SELECT count(*) AS bills, COALESCE(sum(total_amount), 0) AS total, COALESCE(sum(tax_amount), 0) AS tax
            FROM invoices WHERE \(filter)
            """, parameters).first
        let bills = try session.query("\(selection) WHERE \(filter) ORDER BY invoice_date DESC, created_at DESC LIMIT \(listLimit)",
                                      parameters).map(bill)
        let items = bills.map { bill in
            ListPage.Item(id: bill.invoice.id.uuidString.lowercased(), payee: bill.invoice.record.payeeName,
                          total: MoneyFormat.format(bill.invoice.record.totalAmount, currency: bill.invoice.record.currency),
                          date: bill.invoice.record.invoiceDate.display, number: bill.invoice.record.invoiceNumber,
                          isDoubtful: !bill.unsure.isEmpty, doubtfulFields: bill.unsure.map(\.label).joined(separator: ", "))
        }
        return ListPage(
            chrome: chrome, month: monthValue(month.first), monthLabel: monthLabel(month.first), query: query,
            count: try totals?.decode("bills", as: Int.self) ?? 0,
            tax: MoneyFormat.format(try totals?.decode("tax", as: Decimal.self) ?? 0),
            total: MoneyFormat.format(try totals?.decode("total", as: Decimal.self) ?? 0),
            hasDoubtful: items.contains(where: \.isDoubtful),
            bills: items.filter(\.isDoubtful) + items.filter { !$0.isDoubtful })
    }

    /// The page of one bill: its original through a short-lived signed `/media/` link, every field as a form (the
    /// doubtful ones first), and its history.
    static func detail(_ bill: Bill, tenant: String, chrome: Chrome, mediaKey: String, timeZone: TimeZone, now: Date = Date(),
                       session: PostgresSession) throws -> DetailPage {
        let id = bill.invoice.id
        let record = bill.invoice.record
        let changes = try InvoiceHistory.changes(of: id, session: session)
        let original = bill.mediaType.map { type in
            DetailPage.Original(url: "/media/" + MediaToken(tenant: tenant, fileID: id,
                                                             expires: now.addingTimeInterval(60 * 60)).signed(with: mediaKey),
                                isImage: type.hasPrefix("image/"))
        }
        let order = bill.unsure + InvoiceField.pageOrder.filter { !bill.unsure.contains($0) }
        let fields = order.map { field in
            DetailPage.Field(billID: id.uuidString.lowercased(), name: field.rawValue, label: field.label,
                             value: field.columnText(of: record) ?? "", isDoubtful: bill.unsure.contains(field),
                             inputMode: field == .total || field == .tax ? "decimal" : "text")
        }
        let removal = bill.isActive ? nil : changes.last { $0.kind == .undone && $0.field == nil }
        return DetailPage(
            chrome: chrome, id: id.uuidString.lowercased(), payee: record.payeeName, month: monthValue(record.invoiceDate),
            monthLabel: monthLabel(record.invoiceDate),
            removedReason: bill.isActive ? nil : removal?.newValue == "duplicate" ? "marked as a duplicate" : "removed",
            original: original, fields: fields,
            history: changes.map { DetailPage.Change(when: $0.at.map { when($0, timeZone) } ?? "", text: describe($0)) })
    }

    static func describe(_ change: InvoiceChange) -> String {
        let shown = { (text: String?, field: InvoiceField) in text.map { field.display($0) } ?? "nothing" }
        switch (change.kind, change.field) {
        case (.created, _): return "Saved"
        case (.edited, let field?): return "\(field.label) changed from \(shown(change.oldValue, field)) to \(shown(change.newValue, field))"
        case (.undone, let field?): return "\(field.label) put back to \(shown(change.newValue, field))"
        case (.undone, nil): return change.newValue == "duplicate" ? "Marked as a duplicate" : "Removed"
        case (.edited, nil): return "Changed"
        }
    }

    static func monthValue(_ day: CalendarDay) -> String {
        String(day.description.prefix(7))
    }

    static func monthLabel(_ day: CalendarDay) -> String {
        "\(CalendarDay.monthNames[day.month - 1]) \(day.year)"
    }

    /// "2026-11" as the month picker sends it; nil for anything else.
    static func month(_ text: String?) -> DateRange? {
        guard let text, text.count == 7, let day = CalendarDay(iso: text + "-01") else { return nil }
        return .month(day.year, day.month)
    }

    static func when(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_IN")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM yyyy, HH:mm"
        return formatter.string(from: date)
    }
}

extension InvoiceField {
    /// The order of the fields on a bill's page, after the doubtful ones.
    static let pageOrder: [InvoiceField] = [.payee, .total, .tax, .date, .number, .gstin, .category, .payment, .currency]

    var label: String {
        switch self {
        case .total: "Total"
        case .tax: "Tax (GST)"
        case .date: "Bill date"
        case .payee: "Payee"
        case .number: "Invoice number"
        case .currency: "Currency"
        case .payment: "Paid by"
        case .category: "Category"
        case .gstin: "Supplier GSTIN"
        }
    }

    /// Column text as a person reads it: amounts as money, dates as "5 Mar 2026".
    func display(_ text: String) -> String {
        switch self {
        case .total, .tax: Decimal(amountText: text).map { MoneyFormat.format($0) } ?? text
        case .date: CalendarDay(iso: text)?.display ?? text
        default: text
        }
    }
}
