/// What an amount on a bill is, judged by the label it stands under.
public enum AmountRole: Sendable, Hashable {
    /// "Grand Total", "Net Payable", "Amount Payable", "Invoice Total": the amount to pay.
    case payable
    /// A bare "Total": usually the amount to pay, but also table totals.
    case total
    /// "Total Current Charges", "Current Bill Amount": this period's charges, before arrears.
    case currentCharges
    /// "Sub Total", "Taxable Value", "Net amount" (Western, before VAT), "Food Total": before tax and charges.
    case subtotal
    /// One tax line: CGST, SGST, UTGST, IGST, GST, VAT, cess, sales tax.
    case tax(String)
    /// "Total Tax", "Tax Amount", "Total GST".
    case totalTax
    /// Added to the bill after the subtotal: service charge, delivery, packing.
    case charge
    /// Taken off the bill: discount, coupon.
    case discount
    /// "Round Off", "R.Off", "Rounding": a few paise either way.
    case roundOff
    /// Money handed over at the till and the change given back: tendered − change = total.
    case tendered(Tendered)
    /// Shown but not part of this bill's amount: previous balance, savings, late fee, quantities.
    case other

    public enum Tendered: Sendable, Hashable {
        case given, change
    }

    /// Beside the bill's arithmetic: never a total, a subtotal, a tax or a line item's amount.
    var isAside: Bool {
        switch self {
        case .other, .tendered: true
        default: false
        }
    }

    /// The lexicon's amount labels as words.
    static let phrases: [(words: [String], role: AmountRole)] = LabelLexicon.entries.compactMap { entry in
        guard case .amount(let role) = entry.role else { return nil }
        return (entry.phrase.split(separator: " ").map(String.init), role)
    }

    /// The role of the phrase nearest the end of `label` (the amount follows the label); nil when nothing matches.
    static func classify(_ label: [String]) -> AmountRole? {
        var best: (end: Int, length: Int, role: AmountRole)?
        for (words, role) in phrases {
            var searchFrom = 0
            while searchFrom < label.count, let start = Array(label[searchFrom...]).firstIndex(of: words) {
                let end = searchFrom + start + words.count
                if best.map({ end > $0.end || (end == $0.end && words.count > $0.length) }) ?? true {
                    best = (end, words.count, role)
                }
                searchFrom += start + 1
            }
        }
        return best?.role
    }
}
