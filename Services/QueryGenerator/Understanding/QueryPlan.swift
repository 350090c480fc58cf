import FintrakCore

/// Both days included.
struct DateRange: Hashable, Sendable {
    var first: CalendarDay
    var last: CalendarDay
}

/// A span of days and how a reply names it: "last month (October 2026)", "from 1 Aug 2026 to 15 Sep 2026".
struct Period: Hashable, Sendable {
    var range: DateRange
    var label: String
}

/// Which amount of a bill a question is about.
enum Metric: String, Hashable, Sendable, CaseIterable {
    case total
    /// GST/VAT on the bill.
    case tax
    /// Before tax: total minus tax.
    case net
}

/// What rows are grouped by.
enum Dimension: String, Hashable, Sendable, CaseIterable {
    case payee, category
    case paymentMethod = "payment_method"
    case month, week, day

    var isTime: Bool { self == .month || self == .week || self == .day }
}

/// What is computed over the selected bills.
enum Measure: Hashable, Sendable {
    case total, count, average, median, list
    /// The N most recent bills.
    case latest(Int)
    /// The N bills with the largest or smallest amount.
    case largest(Int), smallest(Int)
    /// The N groups with the most spend ("top 3 suppliers", "which day did I spend the most").
    case top(Int, Dimension)
    case breakdown(Dimension)
    /// The total spread over the days, weeks or months of the period ("average per day").
    case averagePer(Dimension)
    /// The metric for each of `QueryPlan.parts`.
    case comparison
}

/// A payee or category as the sender wrote it, and the tenant's own names it matched.
struct NameFilter: Hashable, Sendable {
    var phrase: String
    var names: [String]
}

struct Filters: Hashable, Sendable {
    /// nil: all time.
    var period: Period?
    var payee: NameFilter?
    var category: NameFilter?
    var paymentMethod: PaymentMethod?
}

/// One side of a comparison: what differs ("UPI", "last month") and the full filters it runs with.
struct ComparisonPart: Hashable, Sendable {
    var label: String
    var filters: Filters
}

/// A question understood: typed, so the SQL built from it needs no text from the sender.
struct QueryPlan: Hashable, Sendable {
    var measure: Measure
    var metric: Metric = .total
    var filters = Filters()
    /// Two or more sides when `measure` is `.comparison`.
    var parts: [ComparisonPart] = []
    /// The sender asked about other people's data; the answer says it covers theirs only.
    var mentionsOthers = false
    /// A spreadsheet was asked for explicitly.
    var wantsSpreadsheet = false
}

/// What the understanding step concluded.
enum Understanding: Hashable, Sendable {
    case plan(QueryPlan)
    /// A payee or category the sender named that is not in their books, with the names that are.
    case unknownName(kind: NameKind, phrase: String, known: [String])
    case notUnderstood(mentionsOthers: Bool)
    /// Something written as a date that is no real day ("1/1/0000", "31/13/2026"), as the sender wrote it.
    case unreadableDate(String)

    enum NameKind: String, Hashable, Sendable {
        case payee, category
    }
}
