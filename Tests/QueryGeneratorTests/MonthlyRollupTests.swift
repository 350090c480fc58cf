import AnswerFormatting
import FintrakCore
import FintrakPostgres
import FintrakStores
import FintrakTestSupport
import Foundation
import InvoiceEditing
import Logging
@testable import QueryGenerator
import QuestionUnderstanding
import Testing

/// The monthly rollups answer exactly what the bills themselves answer: made-up books over a year (several payees,
/// categories and payment methods, bills without tax, a second currency), then edits of every kind of field, undo
/// and redo, and every totals and grouping question over whole, partial and mixed periods asked both ways.
@Suite struct MonthlyRollupTests {
    let pool: PostgresPool
    let database: TenantDatabase
    let tenant = ServiceEnvironment.uniqueTenant()
    let today = CalendarDay(iso: "2026-12-07")!

    init() async throws {
        try await ServiceEnvironment.migrate()
        pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 2, logger: Logger(label: "test"))
        database = TenantDatabase(pool: pool)
    }

    /// A small deterministic generator, so a failure can be replayed.
    struct Dice {
        var state: UInt64
        mutating func roll(_ sides: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(sides))
        }
        mutating func pick<T>(_ values: [T]) -> T { values[roll(values.count)] }
    }

    static let payees = ["DMart", "Reliance Digital", "Indian Oil", "Swiggy", "Gupta Estates", "Sharma Traders"]
    static let categories: [String?] = [nil, "fuel", "food", "rent", "groceries"]
    static let methods: [PaymentMethod?] = [nil, .cash, .upi, .card, .bankTransfer]

    /// Seeds 240 bills in 2026, then edits 40 fields, undoes 15 bills and restores 4 of them; returns the ids.
    func seedAndChange() async throws {
        var dice = Dice(state: 17)
        let records: [InvoiceRecord] = (0..<240).map { _ in
            let day = CalendarDay(iso: "2026-01-01")!.adding(days: dice.roll(341))
            let paise = 1000 + dice.roll(5_000_000)
            let total = Decimal(paise) / 100
            let tax: Decimal? = dice.roll(4) == 0 ? nil : Decimal(paise * 18 / 118) / 100
            return InvoiceRecord(payeeName: dice.pick(Self.payees), invoiceDate: day, totalAmount: total, taxAmount: tax,
                                 currency: dice.roll(10) == 0 ? "USD" : "INR", paymentMethod: dice.pick(Self.methods),
                                 category: dice.pick(Self.categories))
        }
        let ids = try await database.write(tenant: tenant) { [tenant] session in
            try records.map { try InvoiceStore.insert($0, tenant: tenant, source: .import, session: session) }
        }
        let edits: [(InvoiceField, String?)] = (0..<40).map { _ in
            switch dice.roll(7) {
            case 0: (.total, "\(100 + dice.roll(90000)).\(10 + dice.roll(89))")
            case 1: (.tax, dice.roll(3) == 0 ? nil : "\(dice.roll(5000)).50")
            case 2: (.date, CalendarDay(iso: "2026-01-01")!.adding(days: dice.roll(341)).description)
            case 3: (.payee, dice.pick(Self.payees + ["Kumar Hardware"]))
            case 4: (.category, dice.pick(Self.categories))
            case 5: (.payment, dice.pick(Self.methods)?.rawValue)
            default: (.currency, dice.pick(["INR", "USD"]))
            }
        }
        let edited = edits.map { ($0, ids[dice.roll(ids.count)]) }
        let undone = (0..<15).map { _ in ids[dice.roll(ids.count)] }
        try await database.write(tenant: tenant) { session in
            for ((field, value), id) in edited { try InvoiceHistory.set(field, to: value, invoice: id, session: session) }
        }
        // Undo and redo each in its own transaction, as the chat does them.
        for id in undone {
            try await database.write(tenant: tenant) { try InvoiceHistory.setActive(false, invoice: id, session: $0) }
        }
        for id in undone.prefix(4) {
            try await database.write(tenant: tenant) { try InvoiceHistory.setActive(true, invoice: id, session: $0) }
        }
    }

    func result(_ plan: QueryPlan, monthly: Bool) async throws -> (QueryResult, [SQLStatement]) {
        try await database.read(tenant: tenant) { session in
            var executor = PlanExecutor(session: session, monthly: monthly)
            return (try executor.result(of: plan), executor.statements)
        }
    }

    /// The days the bills' own totals carry are not in the rollups (and answers with a period never use them).
    func withoutDays(_ result: QueryResult) -> QueryResult {
        let strip = { (totals: [Totals]) in totals.map { var t = $0; t.firstDay = nil; t.lastDay = nil; return t } }
        return switch result {
        case .totals(let totals): .totals(strip(totals))
        case .groups(let rows, let totals): .groups(rows, totals: strip(totals))
        case .comparison(let parts): .comparison(parts.map(strip))
        default: result
        }
    }

    @Test func rollupsAnswerWhatTheBillsAnswerAfterEditsAndUndo() async throws {
        try await seedAndChange()
        let range = { (first: String, last: String) in
            Period(range: DateRange(first: CalendarDay(iso: first)!, last: CalendarDay(iso: last)!), label: "\(first)…\(last)")
        }
        let periods = [
            range("2026-10-01", "2026-10-31"), range("2026-01-01", "2026-12-07"), range("2026-03-05", "2026-06-10"),
            range("2026-02-01", "2026-03-31"), range("2026-11-25", "2026-12-02"), range("2026-01-01", "2026-12-31"),
        ]
        let filters = [
            Filters(), Filters(payee: NameFilter(phrase: "dmart", names: ["DMart", "Kumar Hardware"])),
            Filters(category: NameFilter(phrase: "fuel", names: ["fuel"])), Filters(paymentMethod: .upi),
        ]
        let measures: [Measure] = [.total, .count, .average, .top(3, .payee), .breakdown(.category),
                                   .breakdown(.paymentMethod), .breakdown(.month), .averagePer(.month)]
        var fromRollups = 0
        for period in periods {
            for var filter in filters {
                filter.period = period
                for measure in measures {
                    for metric in [Metric.total, .tax, .net] {
                        var plan = QueryPlan(measure: measure, metric: metric)
                        plan.filters = filter
                        let (monthly, statements) = try await result(plan, monthly: true)
                        let (raw, _) = try await result(plan, monthly: false)
                        #expect(withoutDays(monthly) == withoutDays(raw), "\(measure) \(metric) \(period.label) \(filter)")
                        let formatter = AnswerFormatter(plan: plan, today: today)
                        #expect(formatter.answer(monthly).text == formatter.answer(raw).text)
                        if statements.contains(where: { $0.text.contains("my_invoice_months") }) { fromRollups += 1 }
                    }
                }
            }
        }
        // Every period but the one without a whole month reads the rollups for totals and groups (weeks and days aside).
        #expect(fromRollups == 5 * 4 * 8 * 3)
        var comparison = QueryPlan(measure: .comparison)
        comparison.parts = [ComparisonPart(label: "October", filters: Filters(period: periods[0])),
                            ComparisonPart(label: "this year", filters: Filters(period: periods[1]))]
        #expect(withoutDays(try await result(comparison, monthly: true).0)
            == withoutDays(try await result(comparison, monthly: false).0))
    }

    @Test func rollupRowsAreTheSumsOfTheActiveBills() async throws {
        try await seedAndChange()
        let columns = ["tenant", "month", "payee_name", "category", "method", "currency", "bills", "taxed", "total", "tax"]
        let (rollups, bills) = try await database.read(tenant: tenant) { session in
            let rollups = try session.query("""
                SELECT tenant, month::text AS month, payee_name, coalesce(category, '∅') AS category,
                       coalesce(payment_method, '∅') AS method, currency, bills, taxed, total, tax
                FROM invoice_months ORDER BY 1, 2, 3, 4, 5, 6
                """).map { row in columns.map { row[$0] } }
            let bills = try session.query("""
                SELECT tenant, date_trunc('month', invoice_date)::date::text AS month, payee_name,
                       coalesce(category, '∅') AS category, coalesce(payment_method, '∅') AS method, currency,
                       count(*) AS bills, count(tax_amount) AS taxed, sum(total_amount) AS total,
                       coalesce(sum(tax_amount), 0) AS tax
                FROM invoices WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
                """).map { row in columns.map { row[$0] } }
            return (rollups, bills)
        }
        #expect(rollups.count > 50)
        #expect(rollups.count == bills.count)
        for (rollup, bill) in zip(rollups, bills) {
            #expect(rollup.prefix(8) == bill.prefix(8))
            #expect(Decimal(string: rollup[8] ?? "") == Decimal(string: bill[8] ?? ""))
            #expect(Decimal(string: rollup[9] ?? "") == Decimal(string: bill[9] ?? ""))
        }
    }

    @Test func tenantsCannotWriteRollupsThemselves() async throws {
        try await seedAndChange()
        await #expect(throws: PostgresError.self) {
            try await database.write(tenant: tenant) { session in
                try session.execute("UPDATE invoice_months SET total = 0")
            }
        }
        await #expect(throws: PostgresError.self) {
            try await database.write(tenant: tenant) { [tenant] session in
                try session.execute("""
                    INSERT INTO invoice_months (tenant, month, payee_name, currency, bills, taxed, total, tax)
                    VALUES ($1, '2026-01-01', 'X', 'INR', 1, 0, 1, 0)
                    """, [tenant])
            }
        }
    }
}
