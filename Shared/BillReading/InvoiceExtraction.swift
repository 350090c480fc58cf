import FintrakCore
import Foundation

/// A value read from a bill and how sure the reading is, from 0 (a guess) to 1 (printed, labelled and cross-checked).
public struct Reading<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var confidence: Double

    public init(_ value: Value, confidence: Double) {
        self.value = value
        self.confidence = min(1, max(0, confidence))
    }
}

/// One row of a bill's item table, when the layout shows quantity × rate = amount.
public struct LineItem: Sendable, Hashable, Codable {
    public var description: String
    public var quantity: Decimal
    public var unitPrice: Decimal
    public var amount: Decimal

    public init(description: String, quantity: Decimal, unitPrice: Decimal, amount: Decimal) {
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
    }
}

/// Everything read from one bill, field by field.
public struct InvoiceExtraction: Sendable, Hashable {
    public var payee: Reading<String>?
    public var invoiceNumber: Reading<String>?
    public var invoiceDate: Reading<CalendarDay>?
    public var total: Reading<Decimal>?
    /// A nil value means the bill prints no tax (a bill of supply, a kirana receipt "inclusive of all taxes").
    public var tax: Reading<Decimal?>
    public var currency: Reading<String>
    public var paymentMethod: Reading<PaymentMethod>?
    public var gstin: Reading<String>?
    public var lineItems: [LineItem]

    public init(payee: Reading<String>?, invoiceNumber: Reading<String>?, invoiceDate: Reading<CalendarDay>?,
                total: Reading<Decimal>?, tax: Reading<Decimal?>, currency: Reading<String>,
                paymentMethod: Reading<PaymentMethod>?, gstin: Reading<String>?, lineItems: [LineItem]) {
        self.payee = payee
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
        self.total = total
        self.tax = tax
        self.currency = currency
        self.paymentMethod = paymentMethod
        self.gstin = gstin
        self.lineItems = lineItems
    }

    /// Below this a field is shown to the sender as unsure, with how to fix it.
    public static let sureEnough = 0.6

    /// A bill has at least an amount to pay and something saying who or when.
    public var isInvoice: Bool { total != nil && (payee != nil || invoiceDate != nil) }

    /// Payee, date and a labelled total were found: no second reading of the page needed. (A second reading with
    /// another layout mode finds lines the first dropped, but reads column layouts worse, so it is kept for bills
    /// where something essential is missing.)
    public var isGoodEnough: Bool {
        (total?.confidence ?? 0) >= 0.5 && invoiceDate != nil && payee != nil
    }

    /// How good a reading is, to choose between readings of the same page (the total weighs most).
    public var quality: Double {
        2 * (total?.confidence ?? 0) + (invoiceDate?.confidence ?? 0) + (payee?.confidence ?? 0) + 0.5 * tax.confidence
    }

    /// Two readings of the same bill field by field: each field from the reading surer of it, the tax with the total
    /// it was checked against; ties keep this reading.
    public func merging(_ other: InvoiceExtraction) -> InvoiceExtraction {
        func surer<T>(_ a: Reading<T>?, _ b: Reading<T>?) -> Reading<T>? {
            guard let b else { return a }
            guard let a else { return b }
            return b.confidence > a.confidence ? b : a
        }
        var out = self
        out.payee = Self.withoutLogoInitials(payee, other.payee) ?? surer(payee, other.payee)
        out.invoiceNumber = surer(invoiceNumber, other.invoiceNumber)
        out.invoiceDate = surer(invoiceDate, other.invoiceDate)
        if (other.total?.confidence ?? 0) > (total?.confidence ?? 0) {
            out.total = other.total
            out.tax = other.tax
            out.lineItems = other.lineItems
        }
        out.currency = other.currency.confidence > currency.confidence ? other.currency : currency
        out.paymentMethod = surer(paymentMethod, other.paymentMethod)
        out.gstin = surer(gstin, other.gstin)
        return out
    }

    /// Two equally sure readings of the seller's name where one has a word of one or two letters before the other's
    /// whole name ("AL Atelier Verma SARL"): those are a logo's initials, which one reading ran into the name's line.
    static func withoutLogoInitials(_ a: Reading<String>?, _ b: Reading<String>?) -> Reading<String>? {
        guard let a, let b, a.confidence == b.confidence else { return nil }
        func initialsBefore(_ long: String, _ short: String) -> Bool {
            let words = long.split(separator: " ")
            return words.count > 1 && words[0].count <= 2 && words[0].allSatisfy(\.isLetter)
                && words.dropFirst().joined(separator: " ") == short
        }
        if initialsBefore(a.value, b.value) { return b }
        if initialsBefore(b.value, a.value) { return a }
        return nil
    }

    /// The seller's name when none could be read; the reply marks it unsure so the sender fixes it.
    public static let unknownPayee = "Unknown seller"

    /// The contract's record for a bill (`isInvoice`): a missing payee or date is filled in (the date with the day the
    /// bill arrived) and given confidence 0, so the reply asks about it.
    public func draft(category: String?, received: CalendarDay) -> (record: InvoiceRecord, confidences: [String: Double])? {
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
    public var confidences: [String: Double] {
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
