import FintrakCore
import Foundation

/// OCR or PDF text in, invoice fields with confidences out. Pure: no I/O, no clock (the reference day is passed in).
public enum InvoiceParser {
    /// - Parameter reference: the day the bill was received; dates far after it are misreadings.
    public static func parse(_ text: String, reference: CalendarDay? = nil) -> InvoiceExtraction {
        let bill = BillText(text)
        let totals = TotalsFinder(bill: bill)
        let total = totals.total()
        let payee = PayeeFinder(bill: bill).find()
        return InvoiceExtraction(
            payee: payee,
            invoiceNumber: InvoiceNumberFinder(bill: bill).find(),
            invoiceDate: DateFinder(bill: bill).find(reference: reference),
            total: total,
            tax: TaxFinder(totals: totals).find(total: total?.value),
            currency: CurrencyFinder(bill: bill).find(),
            paymentMethod: PaymentFinder(bill: bill).find(),
            gstin: GSTINFinder(bill: bill).find(seller: payee?.value),
            lineItems: LineItemFinder(bill: bill, labelled: totals.labelled).find())
    }
}

/// Item rows: a description followed by numbers among which quantity × rate = amount.
struct LineItemFinder {
    let bill: BillText
    let labelled: [LabelledAmount]

    func find() -> [LineItem] {
        var items: [LineItem] = []
        for line in bill.lines {
            let amounts = bill.amounts[line.index].filter { !$0.isPercentage }
            guard amounts.count >= 3, let amount = amounts.last, amount.isMoneyLike, amount.value > 0,
                  !labelled.contains(where: { $0.line == line.index && !($0.role?.isAside ?? true) })
            else { continue }
            let earlier = amounts.dropLast()
            let pair = earlier.enumerated().flatMap { i, q in earlier.dropFirst(i + 1).map { (q, $0) } }
                .first { q, r in abs(q.value * r.value - amount.value) <= max(0.02, amount.value / 200) }
            guard let (quantity, rate) = pair else { continue }
            let chars = Array(line.text)
            let description = String(chars[0..<quantity.start])
                .trimmingCharacters(in: CharacterSet.letters.inverted.subtracting(CharacterSet(charactersIn: ")")))
            guard description.count >= 2 else { continue }
            items.append(LineItem(description: description, quantity: quantity.value, unitPrice: rate.value,
                                  amount: amount.value))
        }
        return items
    }
}
