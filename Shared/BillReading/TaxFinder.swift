import FintrakCore
import Foundation

/// The tax a bill charges (CGST + SGST, IGST, BTW, TVA, MwSt…): its tax lines, each counted once, its "Total Tax"
/// line, its tax summary and the tax in words each propose a figure, and the bill's arithmetic — net + tax (+ charges
/// − discounts ± round-off) = total — decides among them.
struct TaxFinder {
    let totals: TotalsFinder

    /// One figure per tax label of a line, a tax restated by a summary row counted once.
    ///
    /// A row may print the taxable value and the gross beside the tax ("BTW 21%  100,00  21,00  121,00", "CGST 9% on
    /// 1,000.00  90.00"): the tax is the figure that is the printed rate of another, or with another adds up to a
    /// third, else the smallest (a tax is a fraction of what it is charged on). A tax summary restates the tax lines
    /// above it, so a figure printed again with its taxable value beside it is the same tax; a tax printed alone on
    /// two lines (one per night, one per delivery) is charged twice.
    static func taxLines(_ labelled: [LabelledAmount], bill: BillText) -> [LabelledAmount] {
        let taxed = labelled.filter { item in
            guard case .tax = item.role else { return false }
            return item.amount.isMoneyLike && !item.isTableRow && item.value > 0
        }
        var groups: [[LabelledAmount]] = []
        for item in taxed {
            if let last = groups.indices.last, groups[last][0].line == item.line, groups[last][0].role == item.role {
                groups[last].append(item)
            } else {
                groups.append([item])
            }
        }
        var out: [(item: LabelledAmount, beside: Bool)] = []
        for group in groups {
            let figure = group.count == 1 ? group[0] : taxFigure(among: group, bill: bill)
            let beside = bill.amounts[figure.line].filter { $0.isMoneyLike }.count > 1
            if let twin = out.firstIndex(where: { $0.item.role == figure.role && $0.item.value == figure.value }),
               beside || out[twin].beside {
                continue
            }
            out.append((figure, beside))
        }
        return out.map { $0.item }
    }

    /// The tax among several figures after one tax label.
    static func taxFigure(among group: [LabelledAmount], bill: BillText) -> LabelledAmount {
        let line = bill.amounts[group[0].line]
        let rates = line.filter(\.isPercentage).map(\.value).filter { $0 > 0 && $0 < 100 }
        let money = line.filter(\.isMoneyLike).map(\.value)
        if let atRate = group.first(where: { tax in
            money.contains { base in base != tax.value && rates.contains { isRate($0, of: base, tax.value) } }
        }) {
            return atRate
        }
        if let part = group.first(where: { tax in
            money.contains { base in base > tax.value && money.contains { $0 == base + tax.value } }
        }) {
            return part
        }
        return group.min { $0.value < $1.value } ?? group[0]
    }

    /// Whether `tax` is `rate` percent of `base`, to the cent.
    static func isRate(_ rate: Decimal, of base: Decimal, _ tax: Decimal) -> Bool {
        abs((base * rate / 100).rounded(scale: 2) - tax) <= 0.011
    }

    /// The rates printed beside the bill's tax labels ("BTW 21%", "CGST @ 9%"), and all of them together (CGST 9 % and
    /// SGST 9 % are 18 % of the net).
    var printedRates: Set<Decimal> {
        var pairs = Set<String>()
        var rates = Set<Decimal>()
        var combined: Decimal = 0
        let bill = totals.bill
        for line in bill.lines {
            for rate in bill.amounts[line.index] where rate.isPercentage && rate.value > 0 && rate.value < 100 {
                guard case .tax(let kind) = AmountRole.classify(bill.label(of: rate, onLine: line.index)) else { continue }
                rates.insert(rate.value)
                if pairs.insert("\(kind) \(rate.value)").inserted { combined += rate.value }
            }
        }
        if combined > 0 { rates.insert(combined) }
        return rates
    }

    /// CGST and SGST are equal halves: when their figures disagree (a misread digit) or one was not read at all,
    /// each half doubled is a candidate for the tax, for the arithmetic to decide.
    private var halfPairAlternatives: [Decimal] {
        let lines = totals.taxLines
        func sum(_ kind: String) -> Decimal {
            lines.filter { $0.role == .tax(kind) }.reduce(Decimal(0)) { $0 + $1.value }
        }
        let cgst = sum("cgst"), sgst = sum("sgst") + sum("utgst")
        guard cgst != sgst, lines.allSatisfy({ [.tax("cgst"), .tax("sgst"), .tax("utgst")].contains($0.role) }) else {
            return []
        }
        return [cgst * 2, sgst * 2].filter { $0 > 0 }
    }

    /// An item table that prints each row's tax before the row's amount ("Cable  34.28  7  239.96  VAT 20 %  47.99
    /// 287.95"): the rows' taxes added up, when every row prints one. Nil on other bills.
    var itemRowsTax: Decimal? {
        let rows = totals.itemRows
        let taxes = rows.compactMap { row -> Decimal? in
            let taxed = totals.labelled.filter { item in
                guard item.line == row.line, item != row, item.amount.isMoneyLike, case .tax = item.role else { return false }
                return true
            }
            return taxed.isEmpty ? nil : Self.taxFigure(among: taxed, bill: totals.bill).value
        }
        guard rows.count >= 2, taxes.count == rows.count else { return nil }
        return taxes.reduce(0, +)
    }

    /// The net amounts (subtotal, or a total-like line) from which the bill's arithmetic reaches `total` with `tax`.
    private func reaches(_ total: Decimal, with tax: Decimal) -> [Decimal] {
        totals.bases().map(\.value).filter { base in
            base != total && totals.expectedTotals(from: base, taxes: [tax]).contains { abs($0 - total) <= 0.011 }
        }
    }

    /// The tax printed: the tax lines' sum, a "Total Tax" figure, a tax summary's total or the tax in words, whichever
    /// most of them agree on, with votes for the one the bill's arithmetic needs to reach the total. When the bill
    /// prints a rate but no tax figure could be read, total − net is the tax if it is that rate of the net. Nil when the
    /// bill prints no tax.
    func find(total: Decimal?) -> Reading<Decimal?> {
        var votes: [Decimal: Double] = [:]
        if let componentTax = totals.componentTax { votes[componentTax, default: 0] += 2 }
        for alternative in halfPairAlternatives { votes[alternative, default: 0] += 0.5 }
        for value in Set(totals.labelled.filter { item in
            item.role == .totalTax && item.amount.isMoneyLike && !item.isTableRow && item.value > 0
        }.map(\.value)) {
            votes[value, default: 0] += 1.5
        }
        if let summaryRowTax = totals.summaryRowTax { votes[summaryRowTax, default: 0] += 1.5 }
        if let wordsTax = totals.wordsTax { votes[wordsTax, default: 0] += 2.5 }
        // The table's total row prints the rows' taxes added up under the tax column (a row whose tax is split over
        // two lines adds up to something else, and is not counted).
        if let rowsTax = itemRowsTax,
           totals.labelled.contains(where: { $0.value == rowsTax && !$0.isTableRow && ($0.role == .total || $0.role == .payable) }) {
            votes[rowsTax, default: 0] += 3
        }
        if let total {
            votes = votes.filter { $0.key > 0 && $0.key < total }
            let confirmed = votes.keys.filter { !reaches(total, with: $0).isEmpty }
            for tax in confirmed { votes[tax, default: 0] += 3 }
            let rates = printedRates
            if confirmed.isEmpty, !rates.isEmpty {
                for base in totals.bases(roles: [.subtotal]).map(\.value) where base < total
                    && rates.contains(where: { Self.isRate($0, of: base, total - base) }) {
                    votes[total - base, default: 0] += 4
                }
            }
        }
        guard let best = votes.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
            let saysNone = totals.bill.lines.contains { $0.words.contains(anyOf: TotalsFinder.noTaxPhrases) }
            return Reading(nil, confidence: saysNone ? 0.9 : 0.7)
        }
        return Reading(best.key, confidence: min(0.95, 0.35 + 0.12 * best.value))
    }
}
