import FintrakCore
import Foundation

/// An amount on the bill with the role its label gives it.
struct LabelledAmount: Sendable, Hashable {
    var line: Int
    var amount: AmountMatch
    var role: AmountRole?
    /// One of four or more figures on an item or HSN table row, not a summary line (a row of values under a row of
    /// headings, like a telecom bill's "Previous Balance … Amount Payable", is a summary).
    var isTableRow: Bool

    var value: Decimal { amount.value }
}

/// The grand total and the tax. Labels propose candidates; the bill's own arithmetic (subtotal + taxes + charges −
/// discount ± round-off = total) and the amount in words confirm them, or correct a digit OCR misread.
struct TotalsFinder {
    let bill: BillText
    private(set) var labelled: [LabelledAmount]
    let inWords: [AmountInWords.Found]
    /// Some line is labelled as rounding ("Rounding Adj", "Round off"), with or without a figure: found once, as
    /// every sum the arithmetic compares asks `roundsUnread`.
    private let printsRoundingLabel: Bool

    init(bill: BillText) {
        self.init(bill: bill, labelled: Self.labelAmounts(bill))
        labelled = repairingSymbolMisreads()
    }

    private init(bill: BillText, labelled: [LabelledAmount]) {
        self.bill = bill
        self.labelled = labelled
        inWords = AmountInWords.find(in: bill)
        printsRoundingLabel = bill.lines.contains { AmountRole.classify($0.words) == .roundOff }
    }

    /// A currency sign OCR read as a digit ("₹1,119.00" → "41,119.00", "₪274.95" → "1274.95") breaks the bill's
    /// arithmetic. When no total adds up as read, the leading digit of the total (and of the subtotal and tax lines,
    /// if needed) is dropped where that makes subtotal + tax (+ charges − discounts ± round-off) come out exact — and,
    /// when parts are changed too, each changed tax line must also be its printed rate of the subtotal, so a
    /// coincidence of last digits is not taken for a repair. The fewest changes win.
    private func repairingSymbolMisreads() -> [LabelledAmount] {
        let totals = labelled.filter { ($0.role == .payable || $0.role == .total) && $0.amount.isMoneyLike && !$0.isTableRow }
        guard !totals.contains(where: { !confirmingBases(of: $0).isEmpty }) else { return labelled }
        let parts = taxLines
        let withoutParts = TotalsFinder(bill: bill, labelled: labelled.filter { !parts.contains($0) })
        var best: (drops: Int, fixed: [LabelledAmount: Decimal])?
        for total in totals {
            for base in bases(roles: [.subtotal]) {
                let items = [total, base] + parts
                let options = items.map { [$0.value] + [Self.droppingLeadingDigit($0)].compactMap { $0 } }
                for mask in stride(from: 1, to: 1 << items.count, by: 2) {
                    guard items.indices.allSatisfy({ mask & (1 << $0) == 0 || options[$0].count == 2 }) else { continue }
                    let value = { (i: Int) in options[i][mask & (1 << i) == 0 ? 0 : 1] }
                    let tax = parts.indices.reduce(Decimal(0)) { $0 + value($1 + 2) }
                    guard withoutParts.expectedTotals(from: value(1), taxes: [tax])
                        .contains(where: { abs($0 - value(0)) <= 0.011 }) else { continue }
                    let changedParts = parts.indices.filter { mask & (1 << ($0 + 2)) != 0 }
                    if mask != 1, !changedParts.allSatisfy({ isAtItsRate(value($0 + 2), line: parts[$0].line, of: value(1)) }) {
                        continue
                    }
                    if mask != 1, changedParts.isEmpty { continue }
                    let drops = mask.nonzeroBitCount
                    if best.map({ drops < $0.drops }) ?? true {
                        best = (drops, Dictionary(uniqueKeysWithValues: items.indices.filter { mask & (1 << $0) != 0 }
                            .map { (items[$0], value($0)) }))
                    }
                }
            }
        }
        guard let fixed = best?.fixed else { return labelled }
        return labelled.map { item in
            var item = item
            if let value = fixed[item] { item.amount.value = value }
            return item
        }
    }

    /// Whether `tax` is the rate printed on its line ("VAT (17%)", "CGST @ 9%") of `base`, to the paisa.
    private func isAtItsRate(_ tax: Decimal, line: Int, of base: Decimal) -> Bool {
        bill.amounts[line].contains { $0.isPercentage && abs((base * $0.value / 100).rounded(scale: 2) - tax) <= 0.011 }
    }

    /// 41119.00 → 1119.00; nil when the figure has a currency sign before it (the digit is real) or one digit only.
    private static func droppingLeadingDigit(_ item: LabelledAmount) -> Decimal? {
        guard item.amount.currency == nil, item.value >= 10 else { return nil }
        var text = InvoiceRecord.text(item.value)
        text.removeFirst()
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    // MARK: Labels

    static func labelAmounts(_ bill: BillText) -> [LabelledAmount] {
        var out: [LabelledAmount] = []
        let taxTableRows = taxTableRows(bill)
        for line in bill.lines {
            let amounts = bill.amounts[line.index].filter { !$0.isPercentage }
            let money = amounts.filter(\.isMoneyLike)
            let headings = headingCells(bill, above: line.index, values: money.count)
            let inTaxTable = bill.amounts[line.index].contains(where: \.isPercentage) || taxTableRows.contains(line.index)
            let taxColumns = taxColumnHeadings(bill, above: line.index)
            for amount in amounts {
                var role = AmountRole.classify(bill.label(of: amount, onLine: line.index))
                // "Taxable  CGST 2.5%  SGST 2.5%" over "451.43  11.29  11.28": the figure under a tax's column is that tax.
                if role == nil, let k = bill.amounts[line.index].firstIndex(of: amount), let taxes = taxColumns,
                   case .tax = taxes[k] {
                    out.append(LabelledAmount(line: line.index, amount: amount, role: taxes[k], isTableRow: false))
                    continue
                }
                // "SR @ 6%   6.60" under "Amount": a tax rate's row of the tax summary (taxable value and tax), never
                // the bill's total, whatever the column heading above says.
                let isRateRow = inTaxTable && role == nil
                let isTableRow = (money.count >= 4 && headings == nil) || isTaxSummaryRow(bill, line: line.index) || isRateRow
                if isRateRow {
                    // Keeps no role: the heading above names a column of the tax table.
                } else if let headings, let k = money.firstIndex(of: amount) {
                    role = AmountRole.classify(TextLine.words(of: headings[k]))
                } else if role == nil, amounts.count == 1, line.letterCount <= 4, line.index > 0,
                          bill.isLabelOnly(line.index - 1) {
                    // "NET PAYABLE" on one line, "Rs.728.00" on the next.
                    role = AmountRole.classify(bill.lines[line.index - 1].words)
                } else if isItemsTotal(amount, among: amounts, label: bill.label(of: amount, onLine: line.index), role: role) {
                    role = .subtotal
                }
                out.append(LabelledAmount(line: line.index, amount: amount, role: role, isTableRow: isTableRow))
            }
        }
        return paidAmountsBeforeChange(out, bill)
    }

    static let itemCountWords: Set<String> = ["qty", "quantity", "items", "kuantiti"]

    /// "Total Qty: 7      51.42": the money beside the count of items is what the item rows add up to, a subtotal
    /// (the tax, if any, is added under it). The count comes first, the money last, nothing but the count label before.
    static func isItemsTotal(_ amount: AmountMatch, among amounts: [AmountMatch], label: [String], role: AmountRole?) -> Bool {
        guard role == .other, amount.isMoneyLike, amounts.count == 2, amounts.last == amount,
              let count = amounts.first, !count.isMoneyLike, count.fractionDigits == 0, count.value >= 1, count.value < 1000
        else { return false }
        return label.contains { itemCountWords.contains($0) } && label.allSatisfy { itemCountWords.contains($0) || $0 == "total" || $0.allSatisfy(\.isNumber) }
    }

    static let taxWords: Set<String> = ["gst", "vat", "tax", "btw", "tva", "mwst", "ust", "cgst", "sgst", "igst", "iva"]
    static let taxTableColumns: Set<String> = ["amount", "amt", "code", "rate", "taxable", "summary", "bedrag", "montant",
                                               "betrag", "netto", "base", "%"]
    static let itemColumns: Set<String> = ["item", "items", "description", "qty", "quantity", "product", "particulars"]

    /// The rows under a tax summary's heading ("GST Summary  Amount(RM)  Tax(RM)", "Tax Code  Amount  GST",
    /// "BTW%  Bedrag  BTW"): a row of two or more cells with a tax word and a column word, and no item column. Each
    /// tax rate's row there holds a taxable value and its tax.
    static func taxTableRows(_ bill: BillText) -> Set<Int> {
        var rows = Set<Int>()
        for line in bill.lines where line.cells.count >= 2
            && bill.amounts[line.index].allSatisfy({ $0.isPercentage || !$0.isMoneyLike }) {
            let words = Set(line.words.map(AmountRole.correctingSlip))
            guard !words.isDisjoint(with: taxWords), !words.isDisjoint(with: taxTableColumns),
                  words.isDisjoint(with: itemColumns) else { continue }
            rows.formUnion(line.index + 1..<min(bill.lines.count, line.index + 5))
        }
        return rows
    }

    /// "Paid Amount 20.00" with "Change 8.00" under it: the money handed over at the till, not the bill's total (an
    /// invoice's "Amount Paid" with no change given stays what it says).
    static func paidAmountsBeforeChange(_ items: [LabelledAmount], _ bill: BillText) -> [LabelledAmount] {
        items.map { item in
            guard item.role == .payable, bill.label(of: item.amount, onLine: item.line).contains("paid"),
                  items.contains(where: { change in
                      change.role == .tendered(.change) && change.line > item.line && change.line <= item.line + 3
                          && abs(change.value) < item.value
                  })
            else { return item }
            var given = item
            given.role = .tendered(.given)
            return given
        }
    }

    /// "Total :  6.00   0.36": a total row with the taxable amount and the tax side by side (a tax summary's last
    /// row), not the amount to pay. Two figures after a total label, the second under a third of the first.
    static func isTaxSummaryRow(_ bill: BillText, line index: Int) -> Bool {
        let money = bill.amounts[index].filter { $0.isMoneyLike && !$0.isPercentage }
        guard money.count == 2, money[1].value > 0, money[1].value * 3 < money[0].value,
              bill.lines[index].words.first.map({ ["total", "jumlah", "totaal", "summe"].contains($0) }) == true
        else { return false }
        let between = bill.label(of: money[1], onLine: index)
        return AmountRole.classify(between) == AmountRole.classify(bill.label(of: money[0], onLine: index))
    }

    /// A tax table's column headings over the row at `index`, one role per figure of the row (rates included), when the
    /// row is one of up to eight rows of figures alone under a heading row of as many cells that names a tax column
    /// ("GST%  Taxable  CGST  SGST" over "5%  2811.43  70.29  70.28"; the heading may print the rates: "CGST 2.5%").
    static func taxColumnHeadings(_ bill: BillText, above index: Int) -> [AmountRole?]? {
        let values = bill.amounts[index].count
        guard values >= 2 else { return nil }
        var heading = index - 1
        while heading >= 0, index - heading <= 8, bill.amounts[heading].count == values,
              bill.lines[heading].letterCount <= values * 3 {
            heading -= 1
        }
        guard heading >= 0, index - heading <= 8, bill.dates[heading].isEmpty,
              bill.amounts[heading].allSatisfy(\.isPercentage), bill.lines[heading].letterCount >= 3 else { return nil }
        let cells = bill.lines[heading].cells
        guard cells.count == values else { return nil }
        let roles = cells.map { AmountRole.classify(TextLine.words(of: $0)) }
        return roles.contains { if case .tax = $0 { true } else { false } } ? roles : nil
    }

    /// A row of headings with a row of as many values under it ("Previous Balance   Payments   Amount Payable").
    private static func headingCells(_ bill: BillText, above index: Int, values: Int) -> [String]? {
        guard index > 0, values >= 2, bill.isLabelOnly(index - 1), bill.lines[index].letterCount <= values * 3 else {
            return nil
        }
        let cells = bill.lines[index - 1].cells
        return cells.count == values ? cells : nil
    }

    private func amounts(_ matching: (AmountRole) -> Bool) -> [LabelledAmount] {
        labelled.filter { item in item.role.map(matching) ?? false }
    }

    // MARK: Tax

    /// CGST, SGST, IGST, VAT… lines outside item tables, each counted once (`TaxFinder.taxLines`).
    var taxLines: [LabelledAmount] { TaxFinder.taxLines(labelled, bill: bill) }

    /// The tax lines' sum. CGST and SGST (or UTGST) are always charged in equal halves, so when the bill names both
    /// but only one amount could be read, that amount counts twice.
    var componentTax: Decimal? {
        let lines = taxLines
        guard !lines.isEmpty else { return nil }
        let sum = lines.reduce(Decimal(0)) { $0 + $1.value }
        let kinds = Set(lines.compactMap { line -> String? in if case .tax(let kind) = line.role { kind } else { nil } })
        let named = Set(bill.lines.flatMap(\.words)).intersection(["cgst", "sgst", "utgst"])
        if kinds == ["cgst"] || kinds == ["sgst"] || kinds == ["utgst"], named.count >= 2 { return sum * 2 }
        return sum
    }

    /// The taxable value and the tax of a tax summary's total row: "Total 62,659.10 5,609.29 5,609.29 11,218.58"
    /// (an HSN summary, whose last figure sums the tax columns) or "Total : 6.00 0.36".
    var summaryRow: (base: Decimal, tax: Decimal)? {
        for line in bill.lines where Self.isTaxSummaryRow(bill, line: line.index) {
            let values = bill.amounts[line.index].filter { $0.isMoneyLike && !$0.isPercentage }.map(\.value)
            if let base = values.first, let tax = values.last { return (base, tax) }
        }
        for line in bill.lines where line.words.first == "total" {
            let values = bill.amounts[line.index].filter { $0.isMoneyLike }.map(\.value)
            guard values.count >= 3, let base = values.first, let last = values.last else { continue }
            let middle = values.dropFirst().dropLast()
            if last > 0, abs(middle.reduce(0, +) - last) <= 0.02 || middle.allSatisfy({ abs($0 - last) <= 0.02 }) {
                return (base, last)
            }
        }
        return nil
    }

    var summaryRowTax: Decimal? { summaryRow?.tax }

    // MARK: Total

    struct Candidate {
        var item: LabelledAmount
        var score: Double
        var confirmed: Bool
        var matchesWords: Bool
    }

    /// The tax the bill prints: its tax lines, else a "Total Tax" figure, else the tax summary's total (the tax lines add
    /// up to the summary's); 0 when none could be read. When they disagree, the one that is a tax rate of the subtotal
    /// to the cent (a rate printed beside a tax label, or a whole percent) is the one read right: "TAX 0.90" misread
    /// beside a summary's "TAX TOTAL 2.72" on a subtotal of 45.28 (6 %).
    var printedTax: Decimal {
        let figures = [componentTax, amounts { $0 == .totalTax }.first { $0.amount.isMoneyLike }?.value, summaryRowTax]
            .compactMap { $0 }
        guard let first = figures.first else { return 0 }
        let subtotals = bases(roles: [.subtotal]).map(\.value)
        let rates = TaxFinder(totals: self).printedRates.union((1...30).map { Decimal($0) })
        func atRate(_ tax: Decimal) -> Bool {
            subtotals.contains { base in base > tax && rates.contains { (base * $0 / 100).rounded(scale: 2) == tax } }
        }
        guard !atRate(first) else { return first }
        return figures.first(where: atRate) ?? first
    }

    /// The round-off's size, either sign; 0 when none was read.
    var roundOffValue: Decimal {
        amounts { $0 == .roundOff }.first { abs($0.value) < 1 }.map { abs($0.value) } ?? 0
    }

    /// What the bill's own lines add up to from one subtotal: subtotal + taxes + charges − discounts ± round-off,
    /// with each part optional (tax-inclusive bills, bills without charges).
    func expectedTotals(from base: Decimal, taxes: Set<Decimal>? = nil) -> [Decimal] {
        let tax = printedTax
        let charges = printedSum(of: .charge), discounts = printedSum(of: .discount)
        let roundOff = roundOffValue
        var out: [Decimal] = []
        for t in taxes?.sorted() ?? Self.distinct([tax, 0]) {
            for c in Self.distinct([charges, 0]) {
                for d in Self.distinct([discounts, 0]) {
                    for r in Self.distinct([roundOff, -roundOff, 0]) { out.append(base + t + c - d + r) }
                }
            }
        }
        return out
    }

    /// Subtotal with every tax, charge, discount and the round-off (either sign) applied: only a complete sum may
    /// correct a figure.
    func fullArithmetic(from base: Decimal) -> [Decimal] {
        let tax = printedTax
        let charges = printedSum(of: .charge), discounts = printedSum(of: .discount)
        let roundOff = roundOffValue
        return Self.distinct([roundOff, -roundOff]).map { base + tax + charges - discounts + $0 }
    }

    /// The figures printed for `role` (charges, discounts) added up, each as a positive amount.
    private func printedSum(of role: AmountRole) -> Decimal {
        amounts { $0 == role }.filter(\.amount.isMoneyLike).reduce(Decimal(0)) { $0 + abs($1.value) }
    }

    /// 22.26 → 22.25, 22.28 → 22.30: cash rounding to the nearest 5 cents.
    static func nearestFiveCents(_ value: Decimal) -> Decimal {
        (value * 20).rounded(scale: 0) / 20
    }

    /// `values` without repeats, in the order given: the figures tried are tried in the same order on every run (a
    /// `Set`'s order changes from process to process, and with it which of two fitting figures came first).
    static func distinct(_ values: [Decimal]) -> [Decimal] {
        var seen = Set<Decimal>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Amounts that may be the subtotal the total is built from.
    func bases(roles: Set<AmountRole> = [.subtotal, .payable, .total]) -> [LabelledAmount] {
        amounts { roles.contains($0) }.filter { $0.amount.isMoneyLike && $0.value > 0 && !$0.isTableRow }
    }

    /// The bases from which the bill's arithmetic arrives at `candidate`. A subtotal equal to the total confirms it
    /// (a bill without tax or charges); another total-like line of the same amount does not.
    func confirmingBases(of candidate: LabelledAmount) -> [LabelledAmount] {
        bases().filter { base in
            // A subtotal the tax summary shows as the taxable value is before tax: it cannot be the total too.
            base != candidate && (base.value != candidate.value || (base.role == .subtotal && summaryRow?.base != base.value))
                && expectedTotals(from: base.value).contains { agrees($0, candidate.value) }
        }
    }

    /// Whether a sum of printed figures arrives at `total`: exactly, or within the 5-cent step of cash rounding on a bill
    /// that prints a rounding line whose figure OCR did not read.
    func agrees(_ sum: Decimal, _ total: Decimal) -> Bool {
        sum == total || (roundsUnread && abs(sum - total) < 0.05)
    }

    /// The bill prints a rounding line ("Rounding Adj", "Round off") but no figure of a few cents could be read on it.
    var roundsUnread: Bool {
        let roundings = labelled.filter { $0.role == .roundOff }
        let read = roundings.contains { $0.amount.isMoneyLike && abs($0.value) < 1 }
        return !read && (!roundings.isEmpty || printsRoundingLabel)
    }

    /// Whether the HSN summary (taxable value + tax, with the round-off) adds up to `value`.
    func summaryRowConfirms(_ value: Decimal) -> Bool {
        guard let (base, tax) = summaryRow else { return false }
        let sum = base + tax
        return [sum, sum + roundOffValue, sum - roundOffValue, sum.rounded(scale: 0)].contains { agrees($0, value) }
    }

    /// Cash handed over minus the change given back: what the till charged. Every pair of a tendered amount and a
    /// change amount below it, when the change is smaller.
    var tenderedTotals: Set<Decimal> {
        // Tills print the cash handed over with either sign ("Cash  -50.00").
        let given = amounts { $0 == .tendered(.given) }.filter { $0.amount.isMoneyLike && $0.value != 0 }.map { (line: $0.line, value: abs($0.value)) }
        let change = amounts { $0 == .tendered(.change) }.filter { $0.amount.isMoneyLike }.map { (line: $0.line, value: abs($0.value)) }
        return Set(given.flatMap { g in change.filter { $0.line > g.line && $0.value < g.value }.map { g.value - $0.value } })
    }

    /// The item rows added up: the last figure of each row with an amount, above the bill's first summary line
    /// (subtotal, tax or total). Line amounts add up to the subtotal, or to the total on a bill without tax; nil
    /// when no row was read.
    var itemsSum: Decimal? {
        let rows = itemRows
        guard !rows.isEmpty else { return nil }
        return rows.reduce(Decimal(0)) { $0 + $1.value }
    }

    /// The last figure of each row with an amount above the bill's first summary line.
    var itemRows: [LabelledAmount] {
        // A registration number beside "GST" in the header is no summary line: only money is. Nor is an item row that
        // prints its own tax ("Cable  34.28  7  239.96  VAT 20 %  47.99  287.95"), or a tax line between such rows
        // (the row's SGST under its CGST): the summary starts after the item table's last row above the total.
        let summaryRoles: Set<AmountRole> = [.payable, .total, .subtotal, .totalTax, .roundOff]
        let isSummary = { (item: LabelledAmount) -> Bool in
            guard let role = item.role, item.amount.isMoneyLike, !item.isTableRow else { return false }
            if case .tax = role { return true }
            return summaryRoles.contains(role)
        }
        let firstTotal = labelled.first { isSummary($0) && ($0.role == .total || $0.role == .payable) }?.line ?? bill.lines.count
        let lastTableRow = labelled.last { $0.isTableRow && $0.line < firstTotal }?.line ?? -1
        let summaryLine = labelled.first { isSummary($0) && $0.line > lastTableRow }?.line ?? bill.lines.count
        let rows = (0..<summaryLine).compactMap { index -> LabelledAmount? in
            let items = labelled.filter { $0.line == index && !$0.amount.isPercentage }
            // On an item table's row the last figure is the row's amount, even after a tax column of its own.
            guard let last = items.last, last.amount.isMoneyLike, last.value > 0,
                  last.isTableRow || last.role == nil || last.role == .other else { return nil }
            return last
        }
        return rows
    }

    /// A bill split into groups (one per tax rate, per department) prints each group's total and, under them, the
    /// amount payable, which is their sum: every two total lines of different amounts above `line`, added up. Only
    /// group totals that their own parts add up to (item rows, subtotal and tax) count: a misread group total would
    /// otherwise "correct" a payable figure read right.
    func groupSums(above line: Int) -> [(sum: Decimal, parts: Set<Decimal>)] {
        var seen = Set<Decimal>()
        let items = itemsSum
        let parts = amounts { $0 == .total || $0 == .payable }
            .filter { $0.line < line && $0.amount.isMoneyLike && !$0.isTableRow && $0.value > 0 && seen.insert($0.value).inserted }
            .filter { $0.value == items || !confirmingBases(of: $0).isEmpty || isGrossAtItsRate($0) }
        return parts.indices.flatMap { i in
            parts[(i + 1)...].filter { $0.line != parts[i].line }.map { (parts[i].value + $0.value, Set([parts[i].value, $0.value])) }
        }
    }

    /// "Total 6% supplies (incl. GST)  40.18" under "(excl. GST)  37.91": a total printed with its tax rate that is a
    /// subtotal above it with that rate added, to the cent (the tax line between them may be unread).
    func isGrossAtItsRate(_ total: LabelledAmount) -> Bool {
        let rates = bill.amounts[total.line].filter { $0.isPercentage && $0.value > 0 && $0.value < 100 }.map(\.value)
        return bases(roles: [.subtotal]).contains { base in
            base.line < total.line && base.line >= total.line - 3
                && rates.contains { (base.value * (100 + $0) / 100).rounded(scale: 2) == total.value }
        }
    }

    /// "Total Payable:" with no figure read beside it (or none written like money), under group totals that their own
    /// parts add up to: the amount payable is the groups' sum, when only one sum of two groups is possible.
    var unreadPayablesOfGroups: [LabelledAmount] {
        bill.lines.compactMap { line -> LabelledAmount? in
            let figures = labelled.filter { $0.line == line.index }
            guard AmountRole.classify(line.words) == .payable, !figures.contains(where: \.amount.isMoneyLike),
                  figures.allSatisfy({ $0.role == .payable }) else { return nil }
            let sums = Self.distinct(groupSums(above: line.index).map(\.sum))
            guard sums.count == 1, let sum = sums.first else { return nil }
            let amount = AmountMatch(value: sum, start: line.text.count, end: line.text.count, fractionDigits: 2,
                                     isPercentage: false, currency: nil)
            return LabelledAmount(line: line.index, amount: amount, role: .payable, isTableRow: false)
        }
    }

    var wordsTotal: Decimal? { inWords.first { !$0.isTax }?.value }
    var wordsTax: Decimal? { inWords.first { $0.isTax }?.value }

    func totalCandidates() -> [Candidate] {
        var items = amounts { $0 == .payable || $0 == .total || $0 == .currentCharges }.filter { $0.value > 0 }
        items += unreadPayablesOfGroups
        // A line with nothing but a currency and an amount ("INR 2379.00", "Rs.728.00") is usually the total.
        items += labelled.filter { item in
            item.role == nil && item.amount.currency != nil && item.amount.isMoneyLike && bill.amounts[item.line].count == 1
                && bill.lines[item.line].letterCount <= 4
        }
        // A figure whose label OCR garbled ("TO Za:  73.00", "Grand Tota.  6.70") or that stands alone is the total when
        // the bill's arithmetic arrives at it: parts added up from a subtotal, cash less change, the tax summary.
        items += labelled.filter { item in
            item.role == nil && item.amount.isMoneyLike && !item.isTableRow && item.value > 0 && !items.contains(item)
                && arithmeticArrives(at: item)
        }
        let words = wordsTotal
        let tendered = tenderedTotals
        let fromItems = itemsSum.map { expectedTotals(from: $0) } ?? []
        let rows = Set(itemRows.map(\.line))
        var candidates = items.map { item in
            var score: Double = switch item.role {
            case .payable: 10
            case .total: 7
            case .currentCharges: 3
            default: 4
            }
            if item.amount.currency != nil { score += 1 }
            if item.isTableRow { score -= 3 }
            if !item.amount.isMoneyLike { score -= 2 }
            // Each identity of the bill's arithmetic the amount satisfies counts: sum of parts, HSN summary, change,
            // the item rows with the tax and charges.
            let identities = [!confirmingBases(of: item).isEmpty, summaryRowConfirms(item.value),
                              groupSums(above: item.line).contains { agrees($0.sum, item.value) },
                              tendered.contains { agrees($0, item.value) },
                              // An item row's own figure is part of that sum, not a check of it.
                              // Item rows adding up to a figure with a larger amount payable printed under it make
                              // it a subtotal (a group's total).
                              !rows.contains(item.line) && fromItems.contains { agrees($0, item.value) }
                                  && !labelled.contains { $0.role == .payable && $0.line > item.line && $0.amount.isMoneyLike && $0.value > item.value }]
                .filter { $0 }.count
            let confirmed = identities > 0
            if confirmed { score += 5 + 2 * Double(identities - 1) }
            let matchesWords = words.map { $0 == item.value } ?? false
            if matchesWords { score += 6 }
            return Candidate(item: item, score: score, confirmed: confirmed, matchesWords: matchesWords)
        }
        // An amount the bill adds tax or charges to is a subtotal, whatever its label ("Net amount" before VAT).
        let usedAsBase = Set(candidates.filter(\.confirmed).flatMap { c in
            confirmingBases(of: c.item).filter { $0.value < c.item.value }.map(\.value)
        })
        for i in candidates.indices where usedAsBase.contains(candidates[i].item.value) { candidates[i].score -= 6 }
        // A group's total that adds up with another to the amount payable printed under them (to a misread digit) is
        // part of the bill, not its total.
        let groupParts = Set(candidates.filter { $0.item.role == .payable || $0.item.role == .total }.flatMap { c in
            groupSums(above: c.item.line).filter { sum in
                agrees(sum.sum, c.item.value) || differingDigits(sum.sum, c.item.value) == 1 || isOneDigitShort(c.item.value, of: sum.sum)
            }
                .flatMap(\.parts)
        })
        for i in candidates.indices where groupParts.contains(candidates[i].item.value) { candidates[i].score -= 6 }
        return candidates
    }

    /// Whether the bill's arithmetic reaches the unlabelled figure `item` by a real sum (not a figure equal to itself):
    /// a subtotal with all its tax, charges and discounts applied (a part of them is a tax summary's taxable value),
    /// cash less change, a tax summary's base plus tax.
    func arithmeticArrives(at item: LabelledAmount) -> Bool {
        let fromParts = bases(roles: [.subtotal]).contains { base in
            base.line != item.line && fullArithmetic(from: base.value).contains { $0 == item.value && $0 != base.value }
        }
        return fromParts || tenderedTotals.contains(item.value) || summaryRowConfirms(item.value)
    }

    /// The amount to pay is the one after rounding: when the bill prints a round-off of a few cents below the chosen
    /// total, and the total moved by it is printed further down (a rounded total, the cash taken) or is what the
    /// cash minus the change comes to, that is the amount paid.
    func rounded(_ total: LabelledAmount) -> Decimal? {
        let roundingLines = amounts { $0 == .roundOff }.filter { $0.line >= total.line }
        // "Rounding   RM 52.10" under "Total   52.08": the rounded total printed on the rounding line itself.
        if let printed = roundingLines.first(where: { line in
            line.line > total.line && line.amount.isMoneyLike && line.value > 1 && line.value * 2 > total.value
                && line.value != total.value && abs(line.value - total.value) < 1
        }) {
            return printed.value
        }
        // Cash less change a few cents from the total on a bill whose round-off could not be read.
        if roundsUnread, let paid = tenderedTotals.sorted().first(where: { $0 != total.value && abs($0 - total.value) < 0.05 }) {
            return paid
        }
        let roundOffs = roundingLines.filter { $0.value != 0 && abs($0.value) < 1 }
        guard !roundOffs.isEmpty else { return nil }
        let options = Self.distinct(roundOffs.flatMap { [total.value + abs($0.value), total.value - abs($0.value)] })
        let printedBelow = labelled.filter { $0.line > total.line && $0.amount.isMoneyLike && !$0.isTableRow }.map(\.value)
        let tendered = tenderedTotals
        return options.first { option in
            printedBelow.contains { abs($0 - option) <= 0.001 } || tendered.contains { abs($0 - option) <= 0.001 }
        }
    }

    /// The tax is shown as part of the prices ("Inc 6% GST 1.62", "GST Included", "inclusive of all taxes"), not added.
    var taxIncluded: Bool {
        let marks = ["inc", "incl", "included", "inclusive", "including"]
        return taxLines.contains { bill.lines[$0.line].words.contains { marks.contains($0) } }
            || bill.lines.contains { $0.words.contains(anyOf: Self.noTaxPhrases) }
    }

    /// Whether the bill prints figures its total can be checked against: a subtotal, item rows, cash and change.
    var hasCheckableParts: Bool {
        !bases(roles: [.subtotal]).isEmpty || itemsSum != nil || !tenderedTotals.isEmpty
    }

    func total() -> Reading<Decimal>? {
        let candidates = totalCandidates()
        let best = candidates.max { a, b in
            (a.score, a.item.value, a.item.line) < (b.score, b.item.value, b.item.line)
        }
        guard let best else {
            if let wordsTotal { return Reading(wordsTotal, confidence: 0.6) }
            // No total line could be read, but the till's cash and change say what it charged.
            if tenderedTotals.count == 1, let charged = tenderedTotals.first { return Reading(charged, confidence: 0.55) }
            // No total line could be read: the last subtotal with the tax, charges and discounts printed under it is the
            // best guess (with the round-off, the sum that comes to whole 5 cents), flagged as unsure.
            guard let subtotal = amounts({ $0 == .subtotal }).last(where: { $0.amount.isMoneyLike && $0.value > 0 }) else {
                return nil
            }
            let sums = taxIncluded ? [subtotal.value] : fullArithmetic(from: subtotal.value)
            let sum = sums.first { Self.nearestFiveCents($0) == $0 } ?? sums.first ?? subtotal.value
            return Reading(sum, confidence: 0.35)
        }
        if let rounded = rounded(best.item) { return Reading(rounded, confidence: best.confirmed ? 0.85 : 0.65) }
        var confidence: Double = switch best.item.role {
        case .payable: 0.7
        case .total: 0.6
        case .currentCharges: 0.5
        default: 0.45
        }
        // A figure not written like money ("10", "5215"): a count, or a decimal point OCR lost.
        if !best.item.amount.isMoneyLike { confidence -= 0.15 }
        if best.confirmed { confidence += 0.3 }
        if best.matchesWords { confidence += 0.3 }
        if best.confirmed || best.matchesWords { return Reading(best.item.value, confidence: confidence) }
        // Unconfirmed, and the words or the full arithmetic say otherwise by a digit or two: misread digits.
        if let words = wordsTotal, differingDigits(words, best.item.value).map({ $0 <= 2 }) == true {
            return Reading(words, confidence: 0.7)
        }
        // A sum the bill prints elsewhere is that line's figure (this period's charges), not a correction; cash less
        // change and the item rows are printed figures' own arithmetic.
        let sums = bases(roles: [.subtotal]).flatMap { fullArithmetic(from: $0.value) } + (summaryRow.map { [$0.base + $0.tax] } ?? [])
            + groupSums(above: best.item.line).map(\.sum)
        // A rounding line whose figure OCR lost: the till rounded the sum to the nearest 5 cents.
        let full = roundsUnread ? sums.flatMap { [$0, Self.nearestFiveCents($0)] } : sums
        if let repaired = full.first(where: { sum in
            (differingDigits(sum, best.item.value) == 1 || isOneDigitShort(best.item.value, of: sum))
                && !labelled.contains { $0.value == sum }
        }) {
            return Reading(repaired, confidence: 0.45)
        }
        // Cash less change or the item rows a digit away: a misread total, unless two total lines print it alike.
        let printedTwice = candidates.filter { $0.item.value == best.item.value && $0.item.role != nil }.count >= 2
        // Cash handed over of exactly the total is a second reading of it: the item rows do not correct it then.
        let paidExactly = amounts { $0 == .tendered(.given) }.contains { abs($0.value) == best.item.value }
        let itemsAddUp = paidExactly ? [] : itemsSum.map { [$0] } ?? []
        if !printedTwice, let repaired = (tenderedTotals.sorted() + itemsAddUp)
            .first(where: { differingDigits($0, best.item.value) == 1 }) {
            return Reading(repaired, confidence: 0.45)
        }
        let rival = candidates.contains { $0.item.value != best.item.value && $0.score >= best.score - 1 }
        if rival { confidence -= 0.2 }
        // The bill prints parts that should add up to its total (a subtotal, item rows, cash and change) and none
        // reaches this one: a misread figure or the wrong line, so ask.
        if hasCheckableParts { confidence -= 0.15 }
        return Reading(best.item.value, confidence: confidence)
    }

    static let noTaxPhrases = [
        "inclusive of all taxes", "incl of all taxes", "bill of supply", "composition taxable person", "tax included",
        "prices include", "inclusive of taxes",
    ]
}

/// Whether `read` is `amount` with one digit lost ("2.25" for "22.25"), as OCR drops a faint or touching digit.
func isOneDigitShort(_ read: Decimal, of amount: Decimal) -> Bool {
    let x = InvoiceRecord.text(abs(read)).filter(\.isNumber), y = InvoiceRecord.text(abs(amount)).filter(\.isNumber)
    return x.count + 1 == y.count && AmountRole.isOneEditApart(x, y)
}

/// How many digits differ between two amounts printed with two decimals, when they have as many digits: the
/// signature of OCR misreads ("17,434.60" for "17,434.00"); nil when the lengths differ.
func differingDigits(_ a: Decimal, _ b: Decimal) -> Int? {
    let x = InvoiceRecord.text(abs(a)).filter(\.isNumber), y = InvoiceRecord.text(abs(b)).filter(\.isNumber)
    guard x.count == y.count else { return nil }
    return zip(x, y).filter { $0 != $1 }.count
}
