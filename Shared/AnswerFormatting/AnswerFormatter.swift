import FintrakCore
import Foundation
import QuestionUnderstanding

/// Results → the words of a reply: a one-line summary first, then detail; amounts with their currency
/// (₹1,23,456.50), dates as 5 Mar 2026. Lists longer than ten rows go to a spreadsheet; trends and
/// comparisons also get a bar chart.
package struct AnswerFormatter {
    package static let inlineRows = 10

    package let plan: QueryPlan
    package let today: CalendarDay

    package func answer(_ result: QueryResult) -> Answer {
        var answer: Answer
        switch (plan.measure, result) {
        case (.median, .median(let totals)): answer = Answer(text: median(totals))
        case (.averagePer(let unit), .totals(let totals)): answer = Answer(text: averagePer(unit, totals))
        case (.count, .totals(let totals)): answer = Answer(text: count(totals))
        case (.average, .totals(let totals)): answer = Answer(text: average(totals))
        case (_, .totals(let totals)): answer = Answer(text: total(totals))
        case (.list, .bills(let rows, let totals)): answer = list(rows, totals)
        case (_, .bills(let rows, _)): answer = Answer(text: ranked(rows))
        case (.top(let n, let dimension), .groups(let rows, _)): answer = Answer(text: top(n, dimension, rows))
        case (.breakdown(let dimension), .groups(let rows, let totals)): answer = breakdown(dimension, rows, totals)
        case (_, .comparison(let parts)): answer = comparison(parts)
        default: answer = Answer(text: "Sorry, I couldn't work that out.")
        }
        if plan.mentionsOthers {
            answer.text += "\n(I only ever see your own records — nobody else's.)"
        }
        return answer
    }

    // MARK: Sums

    private func total(_ totals: [Totals]) -> String {
        let bills = totals.map(\.bills).reduce(0, +)
        let scope = self.scope(plan.filters)
        switch plan.metric {
        case .tax:
            guard bills > 0 else { return "No bills \(scope), so no GST (\(money(0)))." }
            let taxed = totals.map(\.taxedBills).reduce(0, +)
            return "GST \(scope): \(amounts(totals)), on \(taxed.grouped) of \(Self.bills(bills))."
        case .net:
            guard bills > 0 else { return "No bills \(scope), so nothing spent (\(money(0)))." }
            return "Before tax, you spent \(amounts(totals)) \(scope), across \(Self.bills(bills))."
        case .total:
            guard bills > 0 else { return "No bills \(scope), so nothing spent (\(money(0)))." }
            return "You spent \(amounts(totals)) \(scope), across \(Self.bills(bills))."
        }
    }

    private func count(_ totals: [Totals]) -> String {
        let bills = totals.map(\.bills).reduce(0, +)
        guard bills > 0 else { return "No bills \(scope(plan.filters)): 0." }
        return "\(Self.bills(bills).capitalizedFirst) \(scope(plan.filters)), \(amounts(totals)) in all."
    }

    private func average(_ totals: [Totals]) -> String {
        let bills = totals.map(\.bills).reduce(0, +)
        guard bills > 0 else { return "No bills \(scope(plan.filters)), so no average." }
        let averages = totals.map { money($0.average, $0.currency) }.joined(separator: " + ")
        return "Your average \(metricNoun) \(scope(plan.filters)) was \(averages) (\(Self.bills(bills)), \(amounts(totals)) in all)."
    }

    private func median(_ totals: [Totals]) -> String {
        let bills = totals.map(\.bills).reduce(0, +)
        guard bills > 0 else { return "No bills \(scope(plan.filters)), so no median." }
        let medians = totals.map { money($0.average, $0.currency) }.joined(separator: " + ")
        return "Your median \(metricNoun) \(scope(plan.filters)) was \(medians) (the middle of \(Self.bills(bills)))."
    }

    /// "₹1,234.00 a day": the total over the days, weeks or months of the period, up to today.
    private func averagePer(_ unit: Grouping, _ totals: [Totals]) -> String {
        let bills = totals.map(\.bills).reduce(0, +)
        guard bills > 0, let first = plan.filters.period?.range.first ?? totals.compactMap(\.firstDay).min() else {
            return "No bills \(scope(plan.filters)), so nothing spent (\(money(0)))."
        }
        let span = DateRange(first: first, last: min(plan.filters.period?.range.last ?? today, today))
        let (count, name) = switch unit {
        case .day: (span.dayCount, "day")
        case .week: ((span.dayCount + 6) / 7, "week")
        default: (span.monthCount, "month")
        }
        let each = totals.map { money($0.amount / Decimal(max(count, 1)), $0.currency) }.joined(separator: " + ")
        return "On average you spent \(each) a \(name) \(scope(plan.filters)) (\(amounts(totals)) over \(count) \(name)\(count == 1 ? "" : "s"))."
    }

    // MARK: Bills

    /// Largest, smallest or latest bills.
    private func ranked(_ rows: [BillRow]) -> String {
        let scope = self.scope(plan.filters)
        guard let first = rows.first else { return "No bills \(scope)." }
        let adjective = switch plan.measure {
        case .smallest: plan.metric == .tax ? "bill with the least GST" : "smallest bill"
        case .latest: "latest bill"
        default: plan.metric == .tax ? "bill with the most GST" : "biggest bill"
        }
        if rows.count == 1 {
            var detail = [first.number.map { "Invoice \($0)" }, first.category, first.method.map { "paid by \($0.displayName)" }]
                .compactMap { $0 }
            if plan.metric != .tax, let tax = first.tax, tax > 0 { detail.append("GST \(money(tax, first.currency))") }
            let line = "Your \(adjective) \(scope): \(first.payee), \(describe(first)) on \(first.date.display)."
            return detail.isEmpty ? line : line + "\n" + detail.joined(separator: " · ")
        }
        let plural = adjective.replacingOccurrences(of: "bill", with: "bills")
        let lines = rows.enumerated().map { index, row in
            "\(index + 1). \(row.payee) — \(describe(row)) on \(row.date.display)"
        }
        return (["Your \(rows.count) \(plural) \(scope):"] + lines).joined(separator: "\n")
    }

    /// "₹39,085.39", or for GST "GST ₹5,962.18 on ₹39,085.39".
    private func describe(_ row: BillRow) -> String {
        guard plan.metric == .tax else { return money(row.total, row.currency) }
        return "GST \(money(row.tax ?? 0, row.currency)) on \(money(row.total, row.currency))"
    }

    private func list(_ rows: [BillRow], _ totals: [Totals]) -> Answer {
        let bills = totals.map(\.bills).reduce(0, +)
        let scope = self.scope(plan.filters)
        guard bills > 0 else { return Answer(text: "No bills \(scope).") }
        let summary = "\(Self.bills(bills).capitalizedFirst) \(scope), \(amounts(totals)) in all"
        let spreadsheet = bills > Self.inlineRows || plan.wantsSpreadsheet ? billSheet(rows) : nil
        if bills > Self.inlineRows {
            let capped = bills > rows.count ? " (the first \(rows.count.grouped))" : ""
            return Answer(text: summary + ". They're all in the attached spreadsheet\(capped).", spreadsheet: spreadsheet)
        }
        let lines = rows.map { row in
            "• \(row.date.display) — \(row.payee) — \(money(row.total, row.currency))"
                + (row.method.map { " (\($0.displayName))" } ?? "")
        }
        return Answer(text: ([summary + ":"] + lines).joined(separator: "\n"), spreadsheet: spreadsheet)
    }

    private func billSheet(_ rows: [BillRow]) -> Spreadsheet {
        Spreadsheet.bills(rows, filename: "bills-\(today.description).xlsx")
    }

    // MARK: Groups

    private func top(_ n: Int, _ dimension: Grouping, _ rows: [GroupRow]) -> String {
        let scope = self.scope(plan.filters)
        guard let first = rows.first else { return "No bills \(scope)." }
        let amount = money(first.amount, first.currency)
        let what = plan.metric == .tax ? "paid the most GST" : "spent the most"
        if n == 1 || rows.count == 1 {
            let bills = Self.bills(first.bills)
            switch dimension {
            case .payee: return "You \(what) at \(first.label) \(scope): \(amount) across \(bills)."
            case .category: return "You \(what) on \(categoryName(first.label)) \(scope): \(amount) across \(bills)."
            case .paymentMethod: return "You \(what) by \(methodName(first.label)) \(scope): \(amount) across \(bills)."
            case .day, .week, .month:
                let when = timeName(first.label, dimension, preposition: true)
                let context = self.scope(plan.filters, allTimeWording: false)
                return (context.isEmpty ? "You" : "\(context.capitalizedFirst), you") + " \(what) \(when): \(amount) across \(bills)."
            }
        }
        let heading = "Your top \(rows.count) \(dimension.plural)\(plan.metric == .tax ? " by GST" : "") \(scope):"
        return ([heading] + rows.enumerated().map { index, row in
            "\(index + 1). \(label(row.label, dimension)) — \(money(row.amount, row.currency)) (\(Self.bills(row.bills)))"
        }).joined(separator: "\n")
    }

    private func breakdown(_ dimension: Grouping, _ rows: [GroupRow], _ totals: [Totals]) -> Answer {
        let scope = self.scope(plan.filters)
        guard !rows.isEmpty else { return Answer(text: "No bills \(scope).") }
        let shown = dimension.isTime ? filledTimeline(rows, dimension) : rows
        let noun = plan.metric == .tax ? "GST" : "Spending"
        var lines = ["\(noun) by \(dimension.singular) \(scope): \(amounts(totals)) in all."]
        let inline = dimension.isTime ? shown.suffix(Self.inlineRows) : shown.prefix(Self.inlineRows)
        if shown.count > Self.inlineRows {
            lines.append(dimension.isTime ? "The latest \(inline.count):" : "The top \(inline.count):")
        }
        lines += inline.map { "• \(label($0.label, dimension)) — \(money($0.amount, $0.currency)) (\(Self.bills($0.bills)))" }
        if shown.count > Self.inlineRows { lines.append("All \(shown.count) are in the attached spreadsheet.") }
        var answer = Answer(text: lines.joined(separator: "\n"))
        if shown.count > Self.inlineRows || plan.wantsSpreadsheet {
            answer.spreadsheet = Spreadsheet(
                filename: "by-\(dimension.singular.replacingOccurrences(of: " ", with: "-"))-\(today.description).xlsx",
                title: "By \(dimension.singular)",
                columns: [.init(title: dimension.singular.capitalizedFirst, width: 28), .init(title: "Currency", width: 9),
                          .init(title: "Bills", width: 8), .init(title: plan.metric == .tax ? "GST" : "Amount", width: 15)],
                rows: shown.map { [.text(label($0.label, dimension)), .text($0.currency), .integer($0.bills), .money($0.amount)] },
                totals: [.text("Total"), .empty, .integer(shown.map(\.bills).reduce(0, +)),
                         Set(shown.map(\.currency)).count == 1 ? .money(shown.map(\.amount).reduce(0, +)) : .empty])
        }
        if dimension.isTime, let currency = totals.first?.currency {
            answer.chart = BarChart(
                filename: "\(noun.lowercased())-by-\(dimension.rawValue)-\(today.description).png",
                title: "\(noun) by \(dimension.singular) \(scope)", currency: currency,
                bars: shown.filter { $0.currency == currency }.suffix(36)
                    .map { .init(label: shortTimeName($0.label, dimension), value: $0.amount) })
        }
        return answer
    }

    /// Months, weeks or days with no bills appear as zero, so a trend has no gaps.
    private func filledTimeline(_ rows: [GroupRow], _ dimension: Grouping) -> [GroupRow] {
        guard let currency = rows.first?.currency, Set(rows.map(\.currency)).count == 1,
              let first = rows.compactMap({ CalendarDay(iso: $0.label) }).min(),
              let last = rows.compactMap({ CalendarDay(iso: $0.label) }).max() else { return rows }
        let byLabel = Dictionary(rows.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        var filled: [GroupRow] = []
        var day = first
        while day <= last, filled.count <= QueryResult.rowCap {
            filled.append(byLabel[day.description] ?? GroupRow(label: day.description, currency: currency, bills: 0, amount: 0))
            day = switch dimension {
            case .month: day.addingMonths(1)
            case .week: day.adding(days: 7)
            default: day.adding(days: 1)
            }
        }
        return filled
    }

    // MARK: Comparisons

    private func comparison(_ parts: [[Totals]]) -> Answer {
        let figures = zip(plan.parts, parts).map { part, totals in
            (label: part.label, bills: totals.map(\.bills).reduce(0, +), text: amounts(totals),
             amount: totals.first?.amount ?? 0, currency: totals.first?.currency ?? "INR")
        }
        let shared = scope(sharedFilters, allTimeWording: false)
        var summary = figures.map { "\($0.label) \($0.text)" }.joined(separator: " vs ")
        if !shared.isEmpty { summary += ", \(shared)" }
        if plan.metric == .tax { summary = "GST: " + summary }
        var lines = [summary.capitalizedFirst + "."]
        lines += figures.map { "• \($0.label): \($0.text) (\(Self.bills($0.bills)))" }
        if figures.count == 2, figures[0].currency == figures[1].currency {
            let difference = figures[0].amount - figures[1].amount
            if difference == 0 {
                lines.append("Both are the same.")
            } else {
                let (more, less) = difference > 0 ? (figures[0], figures[1]) : (figures[1], figures[0])
                var line = "\(Self.shortLabel(more.label).capitalizedFirst) is \(money(abs(difference), more.currency)) more "
                    + "than \(Self.shortLabel(less.label))"
                if less.amount > 0 {
                    let percent = (abs(difference) * 100 / less.amount).rounded(scale: 0)
                    line += " (+\(percent)%)"
                }
                lines.append(line + ".")
            }
        }
        let chart = BarChart(filename: "comparison-\(today.description).png", title: summary.capitalizedFirst,
                             currency: figures.first?.currency ?? "INR",
                             bars: figures.map { .init(label: Self.shortLabel($0.label), value: $0.amount) })
        return Answer(text: lines.joined(separator: "\n"), chart: chart)
    }

    /// What all sides of a comparison share: "in September 2026" for "UPI vs cash in September".
    private var sharedFilters: Filters {
        var shared = plan.filters
        guard let first = plan.parts.first?.filters else { return shared }
        if plan.parts.contains(where: { $0.filters.period != first.period }) { shared.period = nil }
        if plan.parts.contains(where: { $0.filters.payee != first.payee }) { shared.payee = nil }
        if plan.parts.contains(where: { $0.filters.category != first.category }) { shared.category = nil }
        if plan.parts.contains(where: { $0.filters.paymentMethod != first.paymentMethod }) { shared.paymentMethod = nil }
        return shared
    }

    // MARK: Words

    /// "at DMart on groceries by UPI last month (October 2026)"; "so far" when there is no period.
    package func scope(_ filters: Filters, allTimeWording: Bool = true) -> String {
        var parts: [String] = []
        if let payee = filters.payee { parts.append("at " + Self.names(payee)) }
        if let category = filters.category { parts.append("on " + Self.names(category)) }
        if let method = filters.paymentMethod { parts.append(method == .cash ? "in cash" : "by \(method.displayName)") }
        if let amount = filters.amount { parts.append("(each " + amountWords(amount) + ")") }
        if let period = filters.period {
            parts.append(period.label)
        } else if allTimeWording {
            parts.append("so far")
        }
        return parts.joined(separator: " ")
    }

    /// "over ₹3,000", "under ₹500", "₹2,000 or more", "₹1,000 to ₹5,000": the amount filter a reply applied, said of
    /// each bill ("7 bills (each over ₹3,000.00) last month").
    private func amountWords(_ amount: AmountRange) -> String {
        switch (amount.lower, amount.upper) {
        case let (lower?, upper?) where lower.inclusive && upper.inclusive: "\(money(lower.value)) to \(money(upper.value))"
        case let (lower?, upper?): "over \(money(lower.value))\(lower.inclusive ? " or more" : "") and under \(money(upper.value))"
        case let (lower?, nil): lower.inclusive ? "\(money(lower.value)) or more" : "over \(money(lower.value))"
        case let (nil, upper?): upper.inclusive ? "\(money(upper.value)) or less" : "under \(money(upper.value))"
        case (nil, nil): "any amount"
        }
    }

    package static func names(_ filter: NameFilter) -> String {
        filter.names.count <= 3 ? filter.names.joined(separator: ", ") : "\"\(filter.phrase)\" (\(filter.names.count) names)"
    }

    private var metricNoun: String {
        switch plan.metric {
        case .total: "bill"
        case .tax: "GST per bill"
        case .net: "bill before tax"
        }
    }

    private func amounts(_ totals: [Totals]) -> String {
        totals.isEmpty ? money(0) : totals.map { money($0.amount, $0.currency) }.joined(separator: " + ")
    }

    private func money(_ amount: Decimal, _ currency: String = "INR") -> String {
        MoneyFormat.format(amount, currency: currency)
    }

    package static func bills(_ count: Int) -> String {
        "\(count.grouped) bill\(count == 1 ? "" : "s")"
    }

    private func label(_ value: String, _ dimension: Grouping) -> String {
        switch dimension {
        case .payee: value
        case .category: categoryName(value)
        case .paymentMethod: methodName(value)
        case .day, .week, .month: timeName(value, dimension, preposition: false)
        }
    }

    private func categoryName(_ value: String) -> String { value.isEmpty ? "no category" : value }

    private func methodName(_ value: String) -> String {
        PaymentMethod(rawValue: value)?.displayName ?? "unknown method"
    }

    /// "October 2026", "week of 5 Oct 2026", "5 Oct 2026"; with a preposition: "in October 2026", "on 5 Oct 2026".
    private func timeName(_ iso: String, _ dimension: Grouping, preposition: Bool) -> String {
        guard let day = CalendarDay(iso: iso) else { return iso }
        switch dimension {
        case .month: return (preposition ? "in " : "") + DateRange.month(day.year, day.month).display
        case .week: return (preposition ? "in the " : "") + "week of \(day.display)"
        default: return (preposition ? "on " : "") + day.display
        }
    }

    /// Chart axis labels: "Oct 26", "5 Oct".
    private func shortTimeName(_ iso: String, _ dimension: Grouping) -> String {
        guard let day = CalendarDay(iso: iso) else { return iso }
        let month = CalendarDay.monthNames[day.month - 1].prefix(3)
        return dimension == .month ? "\(month) \(String(format: "%02d", day.year % 100))" : "\(day.day) \(month)"
    }

    /// "last month (October 2026)" → "last month" on a chart's axis.
    package static func shortLabel(_ label: String) -> String {
        String(label.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
    }

    package init(plan: QueryPlan, today: CalendarDay) {
        self.plan = plan
        self.today = today
    }
}

extension Grouping {
    package var singular: String {
        switch self {
        case .payee: "payee"
        case .category: "category"
        case .paymentMethod: "payment method"
        case .month: "month"
        case .week: "week"
        case .day: "day"
        }
    }

    package var plural: String {
        switch self {
        case .payee: "payees"
        case .category: "categories"
        case .paymentMethod: "payment methods"
        case .month: "months"
        case .week: "weeks"
        case .day: "days"
        }
    }
}

extension Int {
    /// 12,345 in Indian grouping, like the amounts.
    package var grouped: String { String(MoneyFormat.format(Decimal(self), currency: "INR").dropFirst().dropLast(3)) }
}

extension String {
    package var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Replies for questions that could not be answered: never silence, never a guess.
package enum Guidance {
    /// Three questions that would work, naming one of the sender's own payees (the shortest name) when there is one.
    package static func examples(_ vocabulary: Vocabulary) -> [String] {
        let payee = vocabulary.payees.min { ($0.name.count, $0.name) < ($1.name.count, $1.name) }?.name ?? "DMart"
        return ["How much did I spend at \(payee) last month?", "pichle mahine ka GST kitna tha?", "Top 3 suppliers this year"]
    }

    package static func notUnderstood(mentionsOthers: Bool, vocabulary: Vocabulary) -> String {
        var lines = ["Sorry, I didn't understand that question. You can ask me things like:"]
        lines += examples(vocabulary).map { "• \"\($0)\"" }
        if mentionsOthers { lines.append("I only ever see your own records — nobody else's.") }
        return lines.joined(separator: "\n")
    }

    /// A date that is no real day. Only digits and separators are quoted back, and at most 20 of them.
    package static func unreadableDate(_ written: String) -> String {
        let quoted = written.count > 20 ? written.prefix(20) + "…" : written
        return "I couldn't read the date '\(quoted)'. Please write it as day/month/year, for example 5/3/2026."
    }

    /// The name asked about is not repeated back: a reply holds only the sender's own data, never what they typed.
    package static func unknownName(kind: Understanding.NameKind, known: [String], vocabulary: Vocabulary) -> String {
        guard !known.isEmpty else {
            return kind == .payee
                ? "I couldn't find any bills from that payee — you have no bills saved yet. Send me a photo of one to start."
                : "None of your bills has a category yet, so I can't answer by category."
        }
        let listed = known.prefix(8).joined(separator: ", ") + (known.count > 8 ? " and \(known.count - 8) more" : "")
        let example = examples(vocabulary)[0]
        return kind == .payee
            ? "I couldn't find any bills from that payee. Your payees include \(listed).\nTry for example: \"\(example)\""
            : "None of your bills is in that category. Your categories are \(listed)."
    }
}

extension Spreadsheet {
    /// A list of bills, one a row, with the count, tax and total under them (sums only when all share one currency).
    package static func bills(_ rows: [BillRow], filename: String) -> Spreadsheet {
        let singleCurrency = Set(rows.map(\.currency)).count <= 1
        return Spreadsheet(
            filename: filename, title: "Bills",
            columns: [.init(title: "Date", width: 12), .init(title: "Payee", width: 28), .init(title: "Invoice no.", width: 16),
                      .init(title: "Category", width: 16), .init(title: "Payment method", width: 15),
                      .init(title: "Currency", width: 9), .init(title: "Tax", width: 12), .init(title: "Total", width: 14)],
            rows: rows.map { row in
                [.date(row.date), .text(row.payee), row.number.map(Spreadsheet.Cell.text) ?? .empty,
                 row.category.map(Spreadsheet.Cell.text) ?? .empty, row.method.map { .text($0.displayName) } ?? .empty,
                 .text(row.currency), row.tax.map(Spreadsheet.Cell.money) ?? .empty, .money(row.total)]
            },
            totals: [.text("Total"), .integer(rows.count), .empty, .empty, .empty, .empty,
                     singleCurrency ? .money(rows.compactMap(\.tax).reduce(0, +)) : .empty,
                     singleCurrency ? .money(rows.map(\.total).reduce(0, +)) : .empty])
    }
}
