/// What an amount on a bill is, judged by the label it stands under.
enum AmountRole: Sendable, Hashable {
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
    /// Shown but not part of this bill's amount: previous balance, cash tendered, change, savings, late fee.
    case other

    /// Phrases, most specific first where they overlap; the one nearest the amount decides.
    static let phrases: [(words: [String], role: AmountRole)] = {
        let table: [(String, AmountRole)] = [
            ("grand total", .payable), ("net payable", .payable), ("amount payable", .payable),
            ("total payable", .payable), ("payable amount", .payable), ("net amount", .payable), ("net amt", .payable),
            ("amount due", .payable), ("total due", .payable), ("balance due", .payable), ("total amount due", .payable),
            ("bill amount", .payable), ("bill amt", .payable), ("invoice total", .payable), ("invoice amount", .payable),
            ("total amount", .payable), ("total amt", .payable), ("total incl", .payable), ("total including", .payable),
            ("total inclusive", .payable),
            ("incl vat", .payable), ("including vat", .payable), ("incl tax", .payable), ("incl gst", .payable),
            ("inc vat", .payable), ("including tax", .payable), ("including gst", .payable), ("incl taxes", .payable), ("to pay", .payable), ("net total", .payable), ("net bill", .payable),
            ("final amount", .payable), ("amount to pay", .payable), ("payable", .payable), ("total value", .payable),
            ("total rs", .payable), ("total inr", .payable), ("net value", .payable), ("nett", .payable),
            ("total", .total), ("amount", .total), ("amount paid", .payable), ("total paid", .payable),
            ("paid amount", .payable),
            ("current charges", .currentCharges), ("current bill amount", .currentCharges),
            ("total current charges", .currentCharges), ("current bill", .currentCharges),
            ("sub total", .subtotal), ("subtotal", .subtotal), ("sub total net", .subtotal), ("subtotal net", .subtotal),
            ("taxable value", .subtotal), ("taxable amount", .subtotal), ("total taxable", .subtotal),
            ("total taxable value", .subtotal), ("taxable amt", .subtotal), ("food total", .subtotal),
            ("item total", .subtotal), ("items total", .subtotal), ("gross amount", .subtotal), ("gross amt", .subtotal),
            ("gross total", .subtotal), ("gross", .subtotal), ("total before tax", .subtotal),
            ("amount before tax", .subtotal), ("basic amount", .subtotal), ("total net", .subtotal),
            ("cgst", .tax("cgst")), ("sgst", .tax("sgst")), ("utgst", .tax("utgst")), ("igst", .tax("igst")),
            ("gst", .tax("gst")), ("vat", .tax("vat")), ("cess", .tax("cess")), ("sales tax", .tax("tax")),
            ("service tax", .tax("tax")), ("tax", .tax("tax")), ("mwst", .tax("vat")), ("tva", .tax("vat")),
            ("total tax", .totalTax), ("tax amount", .totalTax), ("total gst", .totalTax), ("gst amount", .totalTax),
            ("total vat", .totalTax), ("vat amount", .totalTax), ("tax total", .totalTax), ("gst total", .totalTax),
            ("total tax amount", .totalTax),
            ("service charge", .charge), ("service charges", .charge), ("service chg", .charge), ("delivery charge", .charge),
            ("delivery charges", .charge), ("delivery fee", .charge), ("packing", .charge), ("packaging", .charge),
            ("shipping", .charge), ("freight", .charge), ("handling", .charge), ("convenience fee", .charge),
            ("discount", .discount), ("discounts", .discount), ("disc", .discount), ("coupon", .discount), ("promo", .discount), ("less", .discount),
            ("round off", .roundOff), ("rounded off", .roundOff), ("rounding", .roundOff), ("rounding off", .roundOff),
            ("round", .roundOff), ("r off", .roundOff), ("roff", .roundOff),
            ("previous balance", .other), ("opening balance", .other), ("closing balance", .other), ("arrears", .other),
            ("balance returned", .other), ("change", .other), ("tendered", .other), ("cash", .other), ("paid", .other),
            ("received", .other), ("payments received", .other), ("last payment", .other), ("after due date", .other),
            ("late payment", .other), ("late fee", .other), ("saved", .other), ("you save", .other), ("savings", .other),
            ("mrp", .other), ("in words", .other), ("rupees", .other), ("qty", .other), ("items", .other),
            ("quantity", .other), ("rate", .other), ("adjustments", .other), ("total qty", .other),
            ("total items", .other), ("total quantity", .other), ("credit", .other), ("credits", .other), ("deposit", .other),
            ("advance", .other), ("balance", .other), ("due date", .other), ("unit price", .other),
            ("price", .other), ("pax", .other), ("table", .other), ("kot", .other), ("points", .other),
            ("wallet", .other), ("card", .other), ("upi", .other), ("auth", .other),
        ]
        return table.map { (words: $0.0.split(separator: " ").map(String.init), role: $0.1) }
    }()

    /// The role of the phrase nearest the end of `label` (the amount follows the label); nil when nothing matches.
    static func classify(_ label: [String]) -> AmountRole? {
        var best: (end: Int, length: Int, role: AmountRole)?
        for (words, role) in phrases {
            var searchFrom = 0
            while searchFrom < label.count, let start = Array(label[searchFrom...]).firstIndex(of: words) {
                let end = searchFrom + start + words.count
                if best == nil || end > best!.end || (end == best!.end && words.count > best!.length) {
                    best = (end, words.count, role)
                }
                searchFrom += start + 1
            }
        }
        return best?.role
    }
}
