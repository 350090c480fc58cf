import FintrakCore
import Foundation

/// Both days included.
package struct DateRange: Hashable, Sendable {
    package var first: CalendarDay
    package var last: CalendarDay

    package init(first: CalendarDay, last: CalendarDay) {
        self.first = first
        self.last = last
    }
}

/// A span of days and how a reply names it: "last month (October 2026)", "from 1 Aug 2026 to 15 Sep 2026".
package struct Period: Hashable, Sendable {
    package var range: DateRange
    package var label: String

    package init(range: DateRange, label: String) {
        self.range = range
        self.label = label
    }
}

/// Which amount of a bill a question is about.
package enum Metric: String, Hashable, Sendable, CaseIterable {
    case total
    /// GST/VAT on the bill.
    case tax
    /// Before tax: total minus tax.
    case net
}

/// What rows are grouped by.
package enum Grouping: String, Hashable, Sendable, CaseIterable {
    case payee, category
    case paymentMethod = "payment_method"
    case month, week, day

    package var isTime: Bool { self == .month || self == .week || self == .day }
}

/// What is computed over the selected bills.
package enum Measure: Hashable, Sendable {
    case total, count, average, median, list
    /// The N most recent bills.
    case latest(Int)
    /// The N bills with the largest or smallest amount.
    case largest(Int), smallest(Int)
    /// The N groups with the most spend ("top 3 suppliers", "which day did I spend the most").
    case top(Int, Grouping)
    case breakdown(Grouping)
    /// The total spread over the days, weeks or months of the period ("average per day").
    case averagePer(Grouping)
    /// The metric for each of `QueryPlan.parts`.
    case comparison
}

/// A payee or category as the sender wrote it, and the tenant's own names it matched.
package struct NameFilter: Hashable, Sendable {
    package var phrase: String
    package var names: [String]

    package init(phrase: String, names: [String]) {
        self.phrase = phrase
        self.names = names
    }
}

/// One end of an amount range: "above 3000" leaves 3000 out, "at least 2000" keeps 2000 in.
package struct AmountBound: Hashable, Sendable {
    package var value: Decimal
    package var inclusive: Bool

    package init(_ value: Decimal, inclusive: Bool) {
        self.value = value
        self.inclusive = inclusive
    }
}

/// "bills above 3000", "500 se kam", "between 1k and 5k": the bills whose total lies in this range (either end may
/// be open), in the bill's own currency units.
package struct AmountRange: Hashable, Sendable {
    package var lower: AmountBound?
    package var upper: AmountBound?

    package init(lower: AmountBound? = nil, upper: AmountBound? = nil) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether a bill's total is in the range.
    package func contains(_ amount: Decimal) -> Bool {
        if let lower, lower.inclusive ? amount < lower.value : amount <= lower.value { return false }
        if let upper, upper.inclusive ? amount > upper.value : amount >= upper.value { return false }
        return true
    }
}

package struct Filters: Hashable, Sendable {
    /// nil: all time.
    package var period: Period?
    package var payee: NameFilter?
    package var category: NameFilter?
    package var paymentMethod: PaymentMethod?
    /// Only bills whose total is in this range.
    package var amount: AmountRange?

    package init(period: Period? = nil, payee: NameFilter? = nil, category: NameFilter? = nil, paymentMethod: PaymentMethod? = nil,
                 amount: AmountRange? = nil) {
        self.period = period
        self.payee = payee
        self.category = category
        self.paymentMethod = paymentMethod
        self.amount = amount
    }
}

/// One side of a comparison: what differs ("UPI", "last month") and the full filters it runs with.
package struct ComparisonPart: Hashable, Sendable {
    package var label: String
    package var filters: Filters

    package init(label: String, filters: Filters) {
        self.label = label
        self.filters = filters
    }
}

/// A question understood: typed, so the SQL built from it needs no text from the sender.
package struct QueryPlan: Hashable, Sendable {
    package var measure: Measure
    package var metric: Metric = .total
    package var filters = Filters()
    /// Two or more sides when `measure` is `.comparison`.
    package var parts: [ComparisonPart] = []
    /// The sender asked about other people's data; the answer says it covers theirs only.
    package var mentionsOthers = false
    /// A spreadsheet was asked for explicitly.
    package var wantsSpreadsheet = false

    package init(measure: Measure, metric: Metric = .total, parts: [ComparisonPart] = []) {
        self.measure = measure
        self.metric = metric
        self.parts = parts
    }
}

/// What the understanding step concluded.
package enum Understanding: Hashable, Sendable {
    case plan(QueryPlan)
    /// A payee or category the sender named that is not in their books, with the names that are.
    case unknownName(kind: NameKind, phrase: String, known: [String])
    case notUnderstood(mentionsOthers: Bool)
    /// Something written as a date that is no real day ("1/1/0000", "31/13/2026"), as the sender wrote it.
    case unreadableDate(String)

    package enum NameKind: String, Hashable, Sendable {
        case payee, category
    }
}
