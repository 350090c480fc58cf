import AnswerFormatting
import FintrakCore
import QuestionUnderstanding

/// One parameterized statement: the text is built from fixed fragments only; every value the sender's words
/// led to travels as a parameter.
struct SQLStatement: Hashable, Sendable {
    var text: String
    var parameters: [String]
}

/// Plan → SQL over the `my_invoices` view (schema.sql): the tenant's active invoices, under row-level security.
/// Totals and groups over a period with whole calendar months in it read those months from the monthly rollups
/// (`my_invoice_months`) and only the days around them from the invoices: the same sums, counts and averages (an
/// average is the sum over the count, as `avg` computes it), from a few rows a month instead of every bill.
enum QuerySQL {
    /// Rows a list may return; more are counted but not listed.
    static let rowCap = QueryResult.rowCap

    /// Per currency: bills, sum, average, first and last day (the days only from the invoices themselves; an answer
    /// needs them only when no period is named, which the rollups never answer).
    static func totals(_ filters: Filters, metric: Metric, monthly: Bool = true) -> SQLStatement {
        var builder = Builder()
        if monthly, let books = builder.monthlyBooks(filters) {
            return SQLStatement(text: """
                SELECT currency, sum(bills) AS bills, coalesce(sum(\(metric.monthlySQL)), 0) AS amount,
                       coalesce(sum(\(metric.monthlySQL)) / nullif(sum(\(metric.monthlyCount)), 0), 0) AS average,
                       sum(taxed) AS taxed, NULL::text AS first_day, NULL::text AS last_day
                FROM \(books) books
                GROUP BY currency ORDER BY bills DESC, currency
                """, parameters: builder.parameters)
        }
        let condition = builder.condition(filters)
        return SQLStatement(text: """
            SELECT currency, count(*) AS bills, coalesce(sum(\(metric.sql)), 0) AS amount,
                   coalesce(avg(\(metric.sql)), 0) AS average, count(tax_amount) AS taxed,
                   min(invoice_date)::text AS first_day, max(invoice_date)::text AS last_day
            FROM my_invoices WHERE \(condition)
            GROUP BY currency ORDER BY bills DESC, currency
            """, parameters: builder.parameters)
    }

    /// Per currency: the middle amount (the mean of the two middle ones for an even count).
    static func median(_ filters: Filters, metric: Metric) -> SQLStatement {
        var builder = Builder()
        let condition = builder.condition(filters)
        return SQLStatement(text: """
            SELECT currency, max(n) AS bills, avg(amount) AS amount, avg(amount) AS average, 0 AS taxed,
                   NULL::text AS first_day, NULL::text AS last_day
            FROM (SELECT currency, \(metric.sql) AS amount,
                         row_number() OVER (PARTITION BY currency ORDER BY \(metric.sql)) AS position,
                         count(*) OVER (PARTITION BY currency) AS n
                  FROM my_invoices WHERE \(condition)) ranked
            WHERE position IN ((n + 1) / 2, (n + 2) / 2)
            GROUP BY currency ORDER BY bills DESC, currency
            """, parameters: builder.parameters)
    }

    enum BillOrder {
        case chronological, newest, largest, smallest
    }

    static func bills(_ filters: Filters, metric: Metric, order: BillOrder, limit: Int) -> SQLStatement {
        var builder = Builder()
        let condition = builder.condition(filters)
        let ordering = switch order {
        case .chronological: "invoice_date, created_at"
        case .newest: "invoice_date DESC, created_at DESC"
        case .largest: "\(metric.sql) DESC NULLS LAST, invoice_date DESC"
        case .smallest: "\(metric.sql) ASC NULLS LAST, invoice_date DESC"
        }
        let cap = builder.bind(String(min(limit, rowCap + 1)))
        return SQLStatement(text: """
            SELECT invoice_date::text AS invoice_date, payee_name, invoice_number, total_amount, tax_amount, currency,
                   payment_method, category
            FROM my_invoices WHERE \(condition)
            ORDER BY \(ordering) LIMIT \(cap)::int
            """, parameters: builder.parameters)
    }

    enum GroupOrder {
        case largestFirst, byLabel
    }

    /// Sums per payee, category, payment method, month, week or day.
    static func groups(_ filters: Filters, metric: Metric, by dimension: Grouping, order: GroupOrder,
                       limit: Int, monthly: Bool = true) -> SQLStatement {
        var builder = Builder()
        let ordering = order == .byLabel ? "label, currency" : "amount DESC, label"
        if monthly, let label = dimension.monthlySQL, let books = builder.monthlyBooks(filters) {
            let cap = builder.bind(String(min(limit, rowCap + 1)))
            return SQLStatement(text: """
                SELECT \(label) AS label, currency, sum(bills) AS bills, coalesce(sum(\(metric.monthlySQL)), 0) AS amount
                FROM \(books) books
                GROUP BY 1, 2 ORDER BY \(ordering) LIMIT \(cap)::int
                """, parameters: builder.parameters)
        }
        let condition = builder.condition(filters)
        let cap = builder.bind(String(min(limit, rowCap + 1)))
        return SQLStatement(text: """
            SELECT \(dimension.sql) AS label, currency, count(*) AS bills, coalesce(sum(\(metric.sql)), 0) AS amount
            FROM my_invoices WHERE \(condition)
            GROUP BY 1, 2 ORDER BY \(ordering) LIMIT \(cap)::int
            """, parameters: builder.parameters)
    }

    /// The tenant's payee and category names, one index probe per distinct name (a loose index scan),
    /// so it stays fast however many invoices there are.
    static let vocabulary = SQLStatement(text: """
        WITH RECURSIVE payees AS (
            (SELECT payee_name AS name FROM my_invoices ORDER BY payee_name LIMIT 1)
            UNION ALL
            SELECT (SELECT payee_name FROM my_invoices WHERE payee_name > payees.name ORDER BY payee_name LIMIT 1)
            FROM payees WHERE payees.name IS NOT NULL
        ), categories AS (
            (SELECT category AS name FROM my_invoices WHERE category IS NOT NULL ORDER BY category LIMIT 1)
            UNION ALL
            SELECT (SELECT category FROM my_invoices WHERE category > categories.name ORDER BY category LIMIT 1)
            FROM categories WHERE categories.name IS NOT NULL
        )
        SELECT 'payee' AS kind, name FROM payees WHERE name IS NOT NULL
        UNION ALL
        SELECT 'category', name FROM categories WHERE name IS NOT NULL
        """, parameters: [])

    /// Numbers the parameters as conditions are added.
    struct Builder {
        var parameters: [String] = []

        mutating func bind(_ value: String) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }

        mutating func condition(_ filters: Filters) -> String {
            var conditions: [String] = []
            if let range = filters.period?.range {
                conditions.append("invoice_date BETWEEN \(bind(range.first.description))::date AND \(bind(range.last.description))::date")
            }
            if let payee = filters.payee {
                conditions.append("payee_name IN (\(payee.names.map { bind($0) }.joined(separator: ", ")))")
            }
            if let category = filters.category {
                conditions.append("category IN (\(category.names.map { bind($0) }.joined(separator: ", ")))")
            }
            if let method = filters.paymentMethod {
                conditions.append("payment_method = \(bind(method.rawValue))")
            }
            if let lower = filters.amount?.lower {
                conditions.append("total_amount \(lower.inclusive ? ">=" : ">") \(bind("\(lower.value)"))::numeric")
            }
            if let upper = filters.amount?.upper {
                conditions.append("total_amount \(upper.inclusive ? "<=" : "<") \(bind("\(upper.value)"))::numeric")
            }
            return conditions.isEmpty ? "true" : conditions.joined(separator: " AND ")
        }

        /// The period's books as rows of (currency, payee_name, category, payment_method, month, bills, taxed, total,
        /// tax): its whole months from the rollups, the days around them from the invoices, one row a bill; nil when
        /// the period holds no whole month (or none is named), or only some bills count by their amount (the rollups
        /// hold sums, not bills).
        mutating func monthlyBooks(_ filters: Filters) -> String? {
            guard let range = filters.period?.range, filters.amount == nil else { return nil }
            let split = range.monthSplit
            guard let months = split.wholeMonths else { return nil }
            var names = filters
            names.period = nil
            var parts = ["""
                SELECT currency, payee_name, category, payment_method, month, bills, taxed, total, tax FROM my_invoice_months
                WHERE month BETWEEN \(bind(months.first.description))::date AND \(bind(months.last.description))::date
                  AND \(condition(names))
                """]
            let days = [split.before, split.after].compactMap { $0 }.map {
                "invoice_date BETWEEN \(bind($0.first.description))::date AND \(bind($0.last.description))::date"
            }
            if !days.isEmpty {
                parts.append("""
                    SELECT currency, payee_name, category, payment_method, date_trunc('month', invoice_date)::date, 1,
                           (tax_amount IS NOT NULL)::int, total_amount, coalesce(tax_amount, 0) FROM my_invoices
                    WHERE (\(days.joined(separator: " OR "))) AND \(condition(names))
                    """)
            }
            return "(" + parts.joined(separator: "\nUNION ALL\n") + ")"
        }
    }
}

extension Metric {
    /// The amount column a metric reads.
    var sql: String {
        switch self {
        case .total: "total_amount"
        case .tax: "tax_amount"
        case .net: "(total_amount - coalesce(tax_amount, 0))"
        }
    }
}

extension Metric {
    /// The same amount summed from `monthlyBooks` rows, and the count its average divides by (`avg` skips NULLs).
    var monthlySQL: String {
        switch self {
        case .total: "total"
        case .tax: "tax"
        case .net: "(total - tax)"
        }
    }

    var monthlyCount: String { self == .tax ? "taxed" : "bills" }
}

extension Grouping {
    /// The label of `sql` from `monthlyBooks` rows; nil for weeks and days, which the rollups cannot tell apart.
    var monthlySQL: String? {
        switch self {
        case .payee, .category, .paymentMethod: sql
        case .month: "month::text"
        case .week, .day: nil
        }
    }

    /// What rows are grouped by; days, weeks and months as ISO dates of their first day.
    var sql: String {
        switch self {
        case .payee: "payee_name"
        case .category: "coalesce(category, '')"
        case .paymentMethod: "coalesce(payment_method, '')"
        case .month: "date_trunc('month', invoice_date)::date::text"
        case .week: "date_trunc('week', invoice_date)::date::text"
        case .day: "invoice_date::text"
        }
    }
}
