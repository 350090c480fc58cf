import FintrakCore
import Foundation
import QuestionUnderstanding

/// Sums for one currency.
package struct Totals: Hashable, Sendable {
    package var currency: String
    package var bills: Int
    package var amount: Decimal
    /// The mean for totals, the middle value for a median.
    package var average: Decimal
    /// Bills with a tax amount.
    package var taxedBills: Int = 0
    package var firstDay: CalendarDay?
    package var lastDay: CalendarDay?

    package init(currency: String, bills: Int, amount: Decimal, average: Decimal, taxedBills: Int = 0, firstDay: CalendarDay? = nil, lastDay: CalendarDay? = nil) {
        self.currency = currency
        self.bills = bills
        self.amount = amount
        self.average = average
        self.taxedBills = taxedBills
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}

package struct BillRow: Hashable, Sendable {
    package var date: CalendarDay
    package var payee: String
    package var number: String?
    package var total: Decimal
    package var tax: Decimal?
    package var currency: String
    package var method: PaymentMethod?
    package var category: String?

    package init(date: CalendarDay, payee: String, number: String? = nil, total: Decimal, tax: Decimal? = nil, currency: String, method: PaymentMethod? = nil, category: String? = nil) {
        self.date = date
        self.payee = payee
        self.number = number
        self.total = total
        self.tax = tax
        self.currency = currency
        self.method = method
        self.category = category
    }
}

package struct GroupRow: Hashable, Sendable {
    /// A payee, category or payment method, or the first day of a month, week or day ("2026-10-01").
    package var label: String
    package var currency: String
    package var bills: Int
    package var amount: Decimal

    package init(label: String, currency: String, bills: Int, amount: Decimal) {
        self.label = label
        self.currency = currency
        self.bills = bills
        self.amount = amount
    }
}

/// What the database answered for a plan; the most used currency comes first in every `[Totals]`.
package enum QueryResult: Hashable, Sendable {
    /// Rows a list may hold; more are counted but not listed (the SQL fetches one more to know).
    package static let rowCap = 5000

    case totals([Totals])
    case median([Totals])
    case bills([BillRow], totals: [Totals])
    case groups([GroupRow], totals: [Totals])
    case comparison([[Totals]])
}

/// A reply's text and the files that go with it.
package struct Answer: Hashable, Sendable {
    package var text: String
    package var spreadsheet: Spreadsheet?
    package var chart: BarChart?

    /// The first line, as the `queries` table records it.
    package var summary: String { String(text.prefix { $0 != "\n" }) }

    package init(text: String, spreadsheet: Spreadsheet? = nil, chart: BarChart? = nil) {
        self.text = text
        self.spreadsheet = spreadsheet
        self.chart = chart
    }
}

/// A table for an .xlsx file: typed columns, a header row, the rows and a totals row.
package struct Spreadsheet: Hashable, Sendable {
    package enum Cell: Hashable, Sendable {
        case text(String)
        case date(CalendarDay)
        case money(Decimal)
        case integer(Int)
        case empty
    }

    package struct Column: Hashable, Sendable {
        package var title: String
        package var width: Double

        package init(title: String, width: Double) {
            self.title = title
            self.width = width
        }
    }

    package var filename: String
    package var title: String
    package var columns: [Column]
    package var rows: [[Cell]]
    /// Sums written under the rows (money and integer columns); nil where a column has no total.
    package var totals: [Cell]

    package init(filename: String, title: String, columns: [Column], rows: [[Cell]], totals: [Cell]) {
        self.filename = filename
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }
}

/// Bars for a PNG chart: one per month, day or compared period.
package struct BarChart: Hashable, Sendable {
    package struct Bar: Hashable, Sendable {
        package var label: String
        package var value: Decimal

        package init(label: String, value: Decimal) {
            self.label = label
            self.value = value
        }
    }

    package var filename: String
    package var title: String
    package var currency: String
    package var bars: [Bar]

    package init(filename: String, title: String, currency: String, bars: [Bar]) {
        self.filename = filename
        self.title = title
        self.currency = currency
        self.bars = bars
    }
}
