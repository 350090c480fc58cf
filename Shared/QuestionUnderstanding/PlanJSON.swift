import FintrakCore
import Foundation

/// A plan as JSON: what the `queries` table records, and what a language model is asked to return
/// (`QUERY_BACKEND=openai`). Names are the sender's phrases; they are matched to the tenant's own names the same
/// way the rules parser matches them, so a model can never name a payee the tenant does not have.
package struct PlanJSON: Codable, Hashable, Sendable {
    /// nil in the sides of a comparison.
    package var measure: String?
    package var n: Int?
    package var by: String?
    package var metric: String?
    package var from: String?
    package var to: String?
    package var payee: String?
    package var payeeNames: [String]?
    package var category: String?
    package var categoryNames: [String]?
    package var paymentMethod: String?
    /// The amount filter, as decimal strings: over (>), from (>=), under (<), to (<=).
    package var amountOver: String?
    package var amountFrom: String?
    package var amountUnder: String?
    package var amountTo: String?
    package var compare: [PlanJSON]?
    package var label: String?

    package enum CodingKeys: String, CodingKey {
        case measure, n, by, metric, from, to, payee, category, compare, label
        case payeeNames = "payee_names", categoryNames = "category_names", paymentMethod = "payment_method"
        case amountOver = "amount_over", amountFrom = "amount_from", amountUnder = "amount_under", amountTo = "amount_to"
    }

    package static let measures = ["total", "count", "average", "median", "list", "latest", "largest", "smallest", "top",
                           "breakdown", "average_per", "compare"]

    package init(measure: String?) {
        self.measure = measure
    }

    /// The plan in a model's reply, which may wrap the object in prose or a ```json fence.
    package init(modelReply: String) throws {
        var text = Substring(modelReply)
        if let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}") { text = text[start...end] }
        self = try JSONDecoder().decode(PlanJSON.self, from: Data(text.utf8))
    }

    package init(_ plan: QueryPlan) {
        self.init(measure: "total")
        switch plan.measure {
        case .total: measure = "total"
        case .count: measure = "count"
        case .average: measure = "average"
        case .median: measure = "median"
        case .list: measure = "list"
        case .latest(let count): (measure, n) = ("latest", count)
        case .largest(let count): (measure, n) = ("largest", count)
        case .smallest(let count): (measure, n) = ("smallest", count)
        case .top(let count, let dimension): (measure, n, by) = ("top", count, dimension.rawValue)
        case .breakdown(let dimension): (measure, by) = ("breakdown", dimension.rawValue)
        case .averagePer(let dimension): (measure, by) = ("average_per", dimension.rawValue)
        case .comparison: measure = "compare"
        }
        metric = plan.metric.rawValue
        setFilters(plan.filters)
        if !plan.parts.isEmpty {
            compare = plan.parts.map { part in
                var json = PlanJSON(measure: nil)
                json.setFilters(part.filters)
                json.label = part.label
                return json
            }
        }
    }

    private mutating func setFilters(_ filters: Filters) {
        from = filters.period?.range.first.description
        to = filters.period?.range.last.description
        payee = filters.payee?.phrase
        payeeNames = filters.payee?.names
        category = filters.category?.phrase
        categoryNames = filters.category?.names
        paymentMethod = filters.paymentMethod?.rawValue
        let lower = filters.amount?.lower, upper = filters.amount?.upper
        amountOver = lower.flatMap { $0.inclusive ? nil : "\($0.value)" }
        amountFrom = lower.flatMap { $0.inclusive ? "\($0.value)" : nil }
        amountUnder = upper.flatMap { $0.inclusive ? nil : "\($0.value)" }
        amountTo = upper.flatMap { $0.inclusive ? "\($0.value)" : nil }
    }

    /// The plan this JSON describes, its names matched against `vocabulary`; nil when it is not a valid plan.
    package func plan(vocabulary: Vocabulary) -> Understanding? {
        let count = min(max(n ?? 1, 1), 100)
        let dimension = by.flatMap(Grouping.init(rawValue:))
        let measure: Measure
        switch self.measure ?? "total" {
        case "total": measure = .total
        case "count": measure = .count
        case "average": measure = .average
        case "median": measure = .median
        case "list": measure = .list
        case "latest": measure = .latest(count)
        case "largest": measure = .largest(count)
        case "smallest": measure = .smallest(count)
        case "top": measure = .top(n == nil ? 5 : count, dimension ?? .payee)
        case "breakdown":
            guard let dimension else { return nil }
            measure = .breakdown(dimension)
        case "average_per":
            guard let dimension, dimension.isTime else { return nil }
            measure = .averagePer(dimension)
        case "compare": measure = .comparison
        default: return nil
        }
        var plan = QueryPlan(measure: measure, metric: metric.flatMap(Metric.init(rawValue:)) ?? .total)
        switch filters(vocabulary: vocabulary) {
        case .success(let filters): plan.filters = filters
        case .failure(let unknown): return unknown.understanding(vocabulary)
        }
        if case .comparison = measure {
            guard let compare, (2...6).contains(compare.count) else { return nil }
            for part in compare {
                switch part.filters(vocabulary: vocabulary, base: plan.filters) {
                case .success(let filters):
                    plan.parts.append(ComparisonPart(label: part.label ?? Self.label(for: filters), filters: filters))
                case .failure(let unknown): return unknown.understanding(vocabulary)
                }
            }
        }
        return .plan(plan)
    }

    package struct UnknownName: Error {
        package var kind: Understanding.NameKind
        package var phrase: String

        package func understanding(_ vocabulary: Vocabulary) -> Understanding {
            .unknownName(kind: kind, phrase: phrase,
                         known: (kind == .payee ? vocabulary.payees : vocabulary.categories).map(\.name))
        }

        package init(kind: Understanding.NameKind, phrase: String) {
            self.kind = kind
            self.phrase = phrase
        }
    }

    private func filters(vocabulary: Vocabulary, base: Filters = Filters()) -> Result<Filters, UnknownName> {
        var filters = base
        if let from = from.flatMap(CalendarDay.init(iso:)), let to = to.flatMap(CalendarDay.init(iso:)) {
            filters.period = .dated(DateRange(first: min(from, to), last: max(from, to)))
        }
        if let phrase = payee?.trimmingCharacters(in: .whitespaces), !phrase.isEmpty {
            let names = vocabulary.payees(matching: Tokenizer.tokens(phrase).map(\.text))
            guard !names.isEmpty else { return .failure(UnknownName(kind: .payee, phrase: phrase)) }
            filters.payee = NameFilter(phrase: phrase, names: names)
        }
        if let phrase = category?.trimmingCharacters(in: .whitespaces), !phrase.isEmpty {
            let names = Tokenizer.tokens(phrase).flatMap { vocabulary.categories(matching: $0.text) }
            guard !names.isEmpty else { return .failure(UnknownName(kind: .category, phrase: phrase)) }
            filters.category = NameFilter(phrase: phrase, names: Array(Set(names)).sorted())
        }
        if let method = paymentMethod.flatMap(PaymentMethod.init(rawValue:)) {
            filters.paymentMethod = method
        }
        func bound(_ exclusive: String?, _ inclusive: String?) -> AmountBound? {
            if let value = exclusive.flatMap({ Decimal(string: $0) }) { return AmountBound(value, inclusive: false) }
            return inclusive.flatMap { Decimal(string: $0) }.map { AmountBound($0, inclusive: true) }
        }
        let amount = AmountRange(lower: bound(amountOver, amountFrom), upper: bound(amountUnder, amountTo))
        if amount.lower != nil || amount.upper != nil { filters.amount = amount }
        return .success(filters)
    }

    private static func label(for filters: Filters) -> String {
        [filters.payee?.names.joined(separator: ", "), filters.category?.names.joined(separator: ", "),
         filters.paymentMethod?.displayName, filters.period?.label].compactMap { $0 }.joined(separator: " ")
    }
}
