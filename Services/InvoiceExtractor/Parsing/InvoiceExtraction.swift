import FintrakCore
import Foundation

/// A value read from a bill and how sure the reading is, from 0 (a guess) to 1 (printed, labelled and cross-checked).
struct Reading<Value: Sendable & Hashable>: Sendable, Hashable {
    var value: Value
    var confidence: Double

    init(_ value: Value, confidence: Double) {
        self.value = value
        self.confidence = min(1, max(0, confidence))
    }
}

/// One row of a bill's item table, when the layout shows quantity × rate = amount.
struct LineItem: Sendable, Hashable, Codable {
    var description: String
    var quantity: Decimal
    var unitPrice: Decimal
    var amount: Decimal
}

/// Everything read from one bill, field by field.
struct InvoiceExtraction: Sendable, Hashable {
    var payee: Reading<String>?
    var invoiceNumber: Reading<String>?
    var invoiceDate: Reading<CalendarDay>?
    var total: Reading<Decimal>?
    /// A nil value means the bill prints no tax (a bill of supply, a kirana receipt "inclusive of all taxes").
    var tax: Reading<Decimal?>
    var currency: Reading<String>
    var paymentMethod: Reading<PaymentMethod>?
    var gstin: Reading<String>?
    var lineItems: [LineItem]

    /// Below this a field is shown to the sender as unsure, with how to fix it.
    static let sureEnough = 0.6

    /// A bill has at least an amount to pay and something saying who or when.
    var isInvoice: Bool { total != nil && (payee != nil || invoiceDate != nil) }

    /// Payee, date and a labelled total were found: no second reading of the page needed. (A second reading with
    /// another layout mode finds lines the first dropped, but reads column layouts worse, so it is kept for bills
    /// where something essential is missing.)
    var isGoodEnough: Bool {
        (total?.confidence ?? 0) >= 0.5 && invoiceDate != nil && payee != nil
    }

    /// How good a reading is, to choose between readings of the same page (the total weighs most).
    var quality: Double {
        2 * (total?.confidence ?? 0) + (invoiceDate?.confidence ?? 0) + (payee?.confidence ?? 0) + 0.5 * tax.confidence
    }

    /// The seller's name when none could be read; the reply marks it unsure so the sender fixes it.
    static let unknownPayee = "Unknown seller"

    /// The contract's record for a bill (`isInvoice`): a missing payee or date is filled in (the date with the day the
    /// bill arrived) and given confidence 0, so the reply asks about it.
    func draft(category: String?, received: CalendarDay) -> (record: InvoiceRecord, confidences: [String: Double])? {
        guard isInvoice, let total else { return nil }
        var confidences = self.confidences
        if payee == nil { confidences["payee_name"] = 0 }
        if invoiceDate == nil { confidences["invoice_date"] = 0 }
        let category = category?.trimmingCharacters(in: .whitespacesAndNewlines)
        let record = InvoiceRecord(
            payeeName: String((payee?.value ?? Self.unknownPayee).prefix(200)), invoiceNumber: invoiceNumber.map { String($0.value.prefix(100)) },
            invoiceDate: invoiceDate?.value ?? received, totalAmount: total.value, taxAmount: tax.value,
            currency: currency.value, paymentMethod: paymentMethod?.value,
            category: category.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }, gstin: gstin?.value)
        // A reading the database would refuse (a negative or absurd total) is no bill.
        guard record.validationProblem == nil else { return nil }
        return (record, confidences)
    }

    /// Confidence per field, as stored beside the invoice (two decimals: it is a judgement, not a measurement).
    var confidences: [String: Double] {
        rawConfidences.mapValues { ($0 * 100).rounded() / 100 }
    }

    private var rawConfidences: [String: Double] {
        var out: [String: Double] = ["tax_amount": tax.confidence, "currency": currency.confidence]
        out["payee_name"] = payee?.confidence ?? 0
        out["invoice_date"] = invoiceDate?.confidence ?? 0
        out["total_amount"] = total?.confidence ?? 0
        if let invoiceNumber { out["invoice_number"] = invoiceNumber.confidence }
        if let paymentMethod { out["payment_method"] = paymentMethod.confidence }
        if let gstin { out["gstin"] = gstin.confidence }
        return out
    }
}
