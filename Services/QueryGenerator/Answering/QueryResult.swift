import FintrakCore
import Foundation

/// Sums for one currency.
struct Totals: Hashable, Sendable {
    var currency: String
    var bills: Int
    var amount: Decimal
    /// The mean for totals, the middle value for a median.
    var average: Decimal
    /// Bills with a tax amount.
    var taxedBills: Int = 0
    var firstDay: CalendarDay?
    var lastDay: CalendarDay?
}

struct BillRow: Hashable, Sendable {
    var date: CalendarDay
    var payee: String
    var number: String?
    var total: Decimal
    var tax: Decimal?
    var currency: String
    var method: PaymentMethod?
    var category: String?
}

struct GroupRow: Hashable, Sendable {
    /// A payee, category or payment method, or the first day of a month, week or day ("2026-10-01").
    var label: String
    var currency: String
    var bills: Int
    var amount: Decimal
}

/// What the database answered for a plan; the most used currency comes first in every `[Totals]`.
enum QueryResult: Hashable, Sendable {
    case totals([Totals])
    case median([Totals])
    case bills([BillRow], totals: [Totals])
    case groups([GroupRow], totals: [Totals])
    case comparison([[Totals]])
}

/// A reply's text and the files that go with it.
struct Answer: Hashable, Sendable {
    var text: String
    var spreadsheet: Spreadsheet?
    var chart: BarChart?

    /// The first line, as the `queries` table records it.
    var summary: String { String(text.prefix { $0 != "\n" }) }
}

/// A table for an .xlsx file: typed columns, a header row, the rows and a totals row.
struct Spreadsheet: Hashable, Sendable {
    enum Cell: Hashable, Sendable {
        case text(String)
        case date(CalendarDay)
        case money(Decimal)
        case integer(Int)
        case empty
    }

    struct Column: Hashable, Sendable {
        var title: String
        var width: Double
    }

    var filename: String
    var title: String
    var columns: [Column]
    var rows: [[Cell]]
    /// Sums written under the rows (money and integer columns); nil where a column has no total.
    var totals: [Cell]
}

/// Bars for a PNG chart: one per month, day or compared period.
struct BarChart: Hashable, Sendable {
    struct Bar: Hashable, Sendable {
        var label: String
        var value: Decimal
    }

    var filename: String
    var title: String
    var currency: String
    var bars: [Bar]
}
