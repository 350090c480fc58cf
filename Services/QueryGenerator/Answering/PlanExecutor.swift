import AnswerFormatting
import FintrakCore
import FintrakPostgres
import Foundation
import QuestionUnderstanding

/// Runs a plan's parameterized statements inside a tenant's READ ONLY transaction and reads their rows.
struct PlanExecutor {
    let session: PostgresSession
    /// Whether totals and groups read whole months from the monthly rollups (false: every bill, for comparing).
    let monthly: Bool
    /// Every statement run, as the `queries` table records them.
    private(set) var statements: [SQLStatement] = []

    init(session: PostgresSession, monthly: Bool = true) {
        self.session = session
        self.monthly = monthly
    }

    /// The tenant's payee and category names.
    mutating func vocabulary() throws -> Vocabulary {
        let rows = try run(QuerySQL.vocabulary)
        let names = { (kind: String) in rows.filter { $0["kind"] == kind }.compactMap { $0["name"] } }
        return Vocabulary(payees: names("payee"), categories: names("category"))
    }

    mutating func result(of plan: QueryPlan) throws -> QueryResult {
        let filters = plan.filters
        switch plan.measure {
        case .total, .count, .average, .averagePer:
            return .totals(try totals(filters, plan.metric))
        case .median:
            return .median(try run(QuerySQL.median(filters, metric: plan.metric)).map(Self.totals))
        case .list:
            let rows = try bills(filters, plan.metric, .chronological, limit: QuerySQL.rowCap)
            return .bills(rows, totals: try totals(filters, plan.metric))
        case .largest(let n):
            return .bills(try bills(filters, plan.metric, .largest, limit: n), totals: [])
        case .smallest(let n):
            return .bills(try bills(filters, plan.metric, .smallest, limit: n), totals: [])
        case .latest(let n):
            return .bills(try bills(filters, plan.metric, .newest, limit: n), totals: [])
        case .top(let n, let dimension):
            return .groups(try groups(filters, plan.metric, dimension, .largestFirst, limit: n), totals: [])
        case .breakdown(let dimension):
            let rows = try groups(filters, plan.metric, dimension, dimension.isTime ? .byLabel : .largestFirst,
                                  limit: QuerySQL.rowCap)
            return .groups(rows, totals: try totals(filters, plan.metric))
        case .comparison:
            return .comparison(try plan.parts.map { try totals($0.filters, plan.metric) })
        }
    }

    private mutating func totals(_ filters: Filters, _ metric: Metric) throws -> [Totals] {
        try run(QuerySQL.totals(filters, metric: metric, monthly: monthly)).map(Self.totals)
    }

    private mutating func bills(_ filters: Filters, _ metric: Metric, _ order: QuerySQL.BillOrder, limit: Int) throws -> [BillRow] {
        try run(QuerySQL.bills(filters, metric: metric, order: order, limit: limit)).map { row in
            BillRow(date: try Self.day(row, "invoice_date"), payee: try row.decode("payee_name"),
                    number: try row.decode("invoice_number", as: String?.self), total: try row.decode("total_amount"),
                    tax: try row.decode("tax_amount", as: Decimal?.self), currency: try row.decode("currency"),
                    method: try row.decode("payment_method", as: String?.self).flatMap(PaymentMethod.init(rawValue:)),
                    category: try row.decode("category", as: String?.self))
        }
    }

    private mutating func groups(_ filters: Filters, _ metric: Metric, _ dimension: Grouping,
                                 _ order: QuerySQL.GroupOrder, limit: Int) throws -> [GroupRow] {
        try run(QuerySQL.groups(filters, metric: metric, by: dimension, order: order, limit: limit, monthly: monthly)).map { row in
            GroupRow(label: try row.decode("label"), currency: try row.decode("currency"), bills: try row.decode("bills"),
                     amount: try row.decode("amount"))
        }
    }

    private mutating func run(_ statement: SQLStatement) throws -> [PostgresRow] {
        statements.append(statement)
        return try session.query(statement.text, statement.parameters)
    }

    private static func totals(_ row: PostgresRow) throws -> Totals {
        Totals(currency: try row.decode("currency"), bills: try row.decode("bills"), amount: try row.decode("amount"),
               average: try row.decode("average"), taxedBills: try row.decode("taxed"),
               firstDay: try row.decode("first_day", as: String?.self).flatMap(CalendarDay.init(iso:)),
               lastDay: try row.decode("last_day", as: String?.self).flatMap(CalendarDay.init(iso:)))
    }

    private static func day(_ row: PostgresRow, _ column: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: try row.decode(column)) else {
            throw PostgresError(message: "\(column) is not a date")
        }
        return day
    }
}
