import FintrakCore
import Foundation
import QuestionUnderstanding

/// A tenant's books like the acceptance data: the names questions are matched against.
package let sampleVocabulary = Vocabulary(
    payees: ["Reliance Digital", "DMart", "Sharma Traders", "Agarwal Wholesale Mart", "More Supermarket", "Indian Oil",
             "Bharat Petroleum", "IRCTC", "MakeMyTrip", "Haldiram's", "Swiggy", "Gupta Estates", "BSES Rajdhani",
             "Jio Fiber", "Airtel Postpaid"],
    categories: ["stock purchase", "groceries", "fuel", "travel", "food", "rent", "electricity", "internet"])

/// Saturday 21 November 2026.
package let sampleToday = CalendarDay(year: 2026, month: 11, day: 21)!

package func understand(_ text: String, today: CalendarDay = sampleToday, vocabulary: Vocabulary = sampleVocabulary) -> Understanding {
    QuestionParser(today: today, vocabulary: vocabulary).understand(text)
}

extension Measure {
    /// "total", "top 3 payee", "breakdown month".
    package var summary: String {
        switch self {
        case .total: "total"
        case .count: "count"
        case .average: "average"
        case .median: "median"
        case .list: "list"
        case .latest(let n): "latest \(n)"
        case .largest(let n): "largest \(n)"
        case .smallest(let n): "smallest \(n)"
        case .top(let n, let dimension): "top \(n) \(dimension.rawValue)"
        case .breakdown(let dimension): "breakdown \(dimension.rawValue)"
        case .averagePer(let dimension): "average per \(dimension.rawValue)"
        case .comparison: "compare"
        }
    }
}

extension Filters {
    /// "2026-10-01..2026-10-31 payee=DMart method=upi"; the period is left out when there is none.
    package var summary: String {
        var parts: [String] = []
        if let range = period?.range { parts.append("\(range.first)..\(range.last)") }
        if let payee { parts.append("payee=" + payee.names.joined(separator: "+")) }
        if let category { parts.append("category=" + category.names.joined(separator: "+")) }
        if let paymentMethod { parts.append("method=" + paymentMethod.rawValue) }
        if let amount { parts.append(amount.summary) }
        return parts.joined(separator: " ")
    }
}

extension AmountRange {
    /// "amount>3000", "amount<=500", "amount=1000...5000" (both ends included), "amount>1000 amount<5000".
    package var summary: String {
        if let lower, let upper, lower.inclusive, upper.inclusive { return "amount=\(lower.value)...\(upper.value)" }
        return [lower.map { "amount>\($0.inclusive ? "=" : "")\($0.value)" },
                upper.map { "amount<\($0.inclusive ? "=" : "")\($0.value)" }].compactMap { $0 }.joined(separator: " ")
    }
}

extension Understanding {
    /// "total tax 2026-10-01..2026-10-31", "compare [method=upi | method=cash]", "unknown payee blorf", "not understood".
    package var summary: String {
        switch self {
        case .plan(let plan):
            var words = [plan.measure.summary]
            if plan.metric != .total { words.append(plan.metric.rawValue) }
            if !plan.filters.summary.isEmpty, plan.parts.isEmpty { words.append(plan.filters.summary) }
            if !plan.parts.isEmpty { words.append("[" + plan.parts.map(\.filters.summary).joined(separator: " | ") + "]") }
            if plan.mentionsOthers { words.append("(others)") }
            return words.joined(separator: " ")
        case .unknownName(let kind, let phrase, _): return "unknown \(kind.rawValue) \(phrase)"
        case .notUnderstood(let others): return others ? "not understood (others)" : "not understood"
        case .unreadableDate(let written): return "unreadable date \(written)"
        }
    }

    package var plan: QueryPlan? {
        if case .plan(let plan) = self { return plan }
        return nil
    }
}
