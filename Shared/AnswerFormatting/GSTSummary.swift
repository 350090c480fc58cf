import FintrakCore
import Foundation

/// The GST summary an accountant asks for: per supplier GSTIN and GST rate, the taxable value, CGST, SGST, IGST and
/// total of a period's bills. Bills keep one tax amount, so the rate is read back from it (tax ÷ taxable value,
/// snapped to the nearest GST slab when within half a point) and the split follows the place of supply: a supplier
/// registered in another state than the business charges IGST, one in the same state CGST and SGST in halves.
package enum GSTSummary {
    /// One bill as the summary reads it.
    package struct Bill: Hashable, Sendable {
        package var supplier: String
        package var gstin: String?
        package var total: Decimal
        package var tax: Decimal?

        package init(supplier: String, gstin: String?, total: Decimal, tax: Decimal?) {
            self.supplier = supplier
            self.gstin = gstin
            self.total = total
            self.tax = tax
        }

        package init(_ record: InvoiceRecord) {
            self.init(supplier: record.payeeName, gstin: record.gstin, total: record.totalAmount, tax: record.taxAmount)
        }
    }

    package struct Row: Hashable, Sendable {
        package var gstin: String?
        package var supplier: String
        /// Percent, e.g. 18.
        package var rate: Decimal
        package var bills: Int
        package var taxable: Decimal
        package var cgst: Decimal
        package var sgst: Decimal
        package var igst: Decimal
        package var total: Decimal
    }

    /// The rates GST is charged at, in percent.
    package static let slabs: [Decimal] = [0, Decimal(25) / 100, 3, 5, 12, 18, 28, 40]

    /// The business's state: the one given, else the state most of the suppliers' GSTINs name (most purchases are
    /// local), nil when no bill has a GSTIN.
    package static func homeState(given: String?, bills: [Bill]) -> String? {
        if let given, given.count == 2, given.allSatisfy(\.isNumber) { return given }
        let states = bills.compactMap { $0.gstin.map { String($0.prefix(2)) } }
        let counts = Dictionary(states.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// The rate a bill's tax implies, in percent: the nearest slab within half a point, else to two places.
    package static func rate(tax: Decimal, taxable: Decimal) -> Decimal {
        guard taxable > 0, tax > 0 else { return 0 }
        let exact = tax / taxable * 100
        let nearest = slabs.min { abs($0 - exact) < abs($1 - exact) } ?? 0
        return abs(nearest - exact) <= Decimal(5) / 10 ? nearest : exact.rounded(scale: 2)
    }

    /// The rows, by GSTIN (bills without one last) and rate; amounts to the paisa, CGST + SGST equal to the tax.
    package static func rows(_ bills: [Bill], homeState: String?) -> [Row] {
        struct Key: Hashable { var gstin: String?; var rate: Decimal }
        var rows: [Key: Row] = [:]
        for bill in bills {
            let tax = (bill.tax ?? 0).rounded(scale: 2)
            let taxable = (bill.total - tax).rounded(scale: 2)
            let rate = rate(tax: tax, taxable: taxable)
            let key = Key(gstin: bill.gstin, rate: rate)
            var row = rows[key] ?? Row(gstin: bill.gstin, supplier: bill.supplier, rate: rate, bills: 0, taxable: 0, cgst: 0,
                                       sgst: 0, igst: 0, total: 0)
            row.bills += 1
            row.taxable += taxable
            row.total += bill.total
            let interState = bill.gstin.map { homeState != nil && String($0.prefix(2)) != homeState } ?? false
            if interState {
                row.igst += tax
            } else {
                let half = (tax / 2).rounded(scale: 2)
                row.cgst += half
                row.sgst += tax - half
            }
            rows[key] = row
        }
        return rows.values.sorted { a, b in
            switch (a.gstin, b.gstin) {
            case (nil, .some): false
            case (.some, nil): true
            default: (a.gstin ?? "", a.rate) < (b.gstin ?? "", b.rate)
            }
        }
    }

    /// The summary as a spreadsheet, with a totals row.
    package static func spreadsheet(_ rows: [Row], period: String) -> Spreadsheet {
        let columns = [("GSTIN", 18.0), ("Supplier", 28.0), ("GST rate %", 10.0), ("Bills", 7.0), ("Taxable value", 15.0),
                       ("CGST", 12.0), ("SGST", 12.0), ("IGST", 12.0), ("Total", 15.0)]
        let cells: [[Spreadsheet.Cell]] = rows.map { row in
            [.text(row.gstin ?? "unregistered"), .text(row.supplier), .text("\(row.rate)"), .integer(row.bills),
             .money(row.taxable), .money(row.cgst), .money(row.sgst), .money(row.igst), .money(row.total)]
        }
        let sum = { (amount: (Row) -> Decimal) in rows.reduce(Decimal(0)) { $0 + amount($1) } }
        let totals: [Spreadsheet.Cell] = [.text("Total"), .empty, .empty, .integer(rows.reduce(0) { $0 + $1.bills }),
                                          .money(sum(\.taxable)), .money(sum(\.cgst)), .money(sum(\.sgst)),
                                          .money(sum(\.igst)), .money(sum(\.total))]
        let safePeriod = period.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return Spreadsheet(filename: "gst-summary-\(safePeriod).xlsx", title: "GST \(period)",
                           columns: columns.map { Spreadsheet.Column(title: $0.0, width: $0.1) }, rows: cells, totals: totals)
    }
}

extension GSTSummary {
    /// The chat's reply to "GST report November": the totals in one line, the rows in the attached spreadsheet.
    package static func reply(_ rows: [Row], period: String) -> String {
        guard !rows.isEmpty else { return "No bills in \(period), so there is no GST to report." }
        let sum = { (amount: (Row) -> Decimal) in MoneyFormat.format(rows.reduce(Decimal(0)) { $0 + amount($1) }) }
        let bills = rows.reduce(0) { $0 + $1.bills }
        return """
            GST summary for \(period): \(bills) bill\(bills == 1 ? "" : "s"), taxable value \(sum(\.taxable)), \
            CGST \(sum(\.cgst)), SGST \(sum(\.sgst)), IGST \(sum(\.igst)), total \(sum(\.total)). \
            Per supplier GSTIN and rate in the spreadsheet.
            """
    }
}
