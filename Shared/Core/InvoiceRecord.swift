import Foundation

/// How a bill was paid, as the contract names it.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash, card, upi
    case bankTransfer = "bank_transfer"
    case cheque
}

/// An invoice as the contract's import and export know it (CONTRACT.md, "Invoice record fields").
public struct InvoiceRecord: Codable, Sendable, Hashable {
    public var payeeName: String
    public var invoiceNumber: String?
    public var invoiceDate: CalendarDay
    public var totalAmount: Decimal
    public var taxAmount: Decimal?
    public var currency: String
    public var paymentMethod: PaymentMethod?
    public var category: String?
    public var gstin: String?

    public init(payeeName: String, invoiceNumber: String? = nil, invoiceDate: CalendarDay, totalAmount: Decimal,
                taxAmount: Decimal? = nil, currency: String = "INR", paymentMethod: PaymentMethod? = nil,
                category: String? = nil, gstin: String? = nil) {
        self.payeeName = payeeName
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
        self.totalAmount = totalAmount
        self.taxAmount = taxAmount
        self.currency = currency
        self.paymentMethod = paymentMethod
        self.category = category
        self.gstin = gstin
    }

    enum CodingKeys: String, CodingKey {
        case payeeName = "payee_name", invoiceNumber = "invoice_number", invoiceDate = "invoice_date"
        case totalAmount = "total_amount", taxAmount = "tax_amount", currency
        case paymentMethod = "payment_method", category, gstin
    }

    /// Amounts travel as decimal strings ("1530.00"), never as binary floating point.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        payeeName = try c.decode(String.self, forKey: .payeeName).trimmingCharacters(in: .whitespacesAndNewlines)
        invoiceNumber = try c.decodeIfPresent(String.self, forKey: .invoiceNumber)
        invoiceDate = try c.decode(CalendarDay.self, forKey: .invoiceDate)
        totalAmount = try Self.amount(c, .totalAmount)
        taxAmount = try c.decodeNil(forKey: .taxAmount) ? nil : Self.amount(c, .taxAmount)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)?.uppercased() ?? "INR"
        paymentMethod = try c.decodeIfPresent(PaymentMethod.self, forKey: .paymentMethod)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        gstin = try c.decodeIfPresent(String.self, forKey: .gstin)?.uppercased()
        if let problem = validationProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: problem))
        }
    }

    private static func amount(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Decimal {
        if let text = try? c.decode(String.self, forKey: key) {
            guard let value = Decimal(amountText: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\"\(text)\" is not an amount")
            }
            return value
        }
        // A JSON number: read through its decimal text, never through Double.
        let value = try c.decode(Decimal.self, forKey: key)
        return value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(payeeName, forKey: .payeeName)
        try c.encode(invoiceNumber, forKey: .invoiceNumber)
        try c.encode(invoiceDate, forKey: .invoiceDate)
        try c.encode(Self.text(totalAmount), forKey: .totalAmount)
        try c.encode(taxAmount.map(Self.text), forKey: .taxAmount)
        try c.encode(currency, forKey: .currency)
        try c.encode(paymentMethod, forKey: .paymentMethod)
        try c.encode(category, forKey: .category)
        try c.encode(gstin, forKey: .gstin)
    }

    /// "1530.00": two decimals, no grouping.
    public static func text(_ amount: Decimal) -> String {
        let plain = NSDecimalNumber(decimal: amount.rounded(scale: 2)).stringValue
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return parts[0] + "." + (fraction + "00").prefix(2)
    }

    /// What the database would refuse, said in words a person can act on; nil when the record is fine.
    public var validationProblem: String? {
        if payeeName.isEmpty || payeeName.count > 200 { return "payee_name must be 1 to 200 characters" }
        if totalAmount < 0 { return "total_amount must not be negative" }
        if let tax = taxAmount, tax < 0 { return "tax_amount must not be negative" }
        if totalAmount >= 1_000_000_000_000 { return "total_amount is too large" }
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            return "currency must be a three-letter ISO 4217 code"
        }
        // Imported books may carry GSTINs with a wrong check character; the shape is what the column needs.
        if let gstin, !GSTIN.hasShape(gstin) { return "gstin \(gstin) is not 2 digits followed by 13 letters or digits" }
        return nil
    }
}

/// A date without a time or zone, as bills and the `date` column have them ("2026-03-05").
public struct CalendarDay: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = Calendar(identifier: .gregorian)
        guard (1...9999).contains(year), components.isValidDate else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The nearest real day: the year kept within 1…9999, the month within 1…12 and the day within that month, so
    /// date arithmetic on what a sender or a bill wrote stays total instead of failing far from where it was read.
    public init(clampingYear year: Int, month: Int, day: Int) {
        self.year = min(max(year, 1), 9999)
        self.month = min(max(month, 1), 12)
        self.day = min(max(day, 1), Self.daysIn(year: self.year, month: self.month))
    }

    /// Days in `month` of `year` (Gregorian).
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// "YYYY-MM-DD".
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        // Every Gregorian date has these components; the fallbacks only keep this total.
        self.init(clampingYear: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    public var description: String {
        "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\"\(text)\" is not a date in YYYY-MM-DD form"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// India's GST identification number: 15 characters whose last is a check character over the first 14.
public enum GSTIN {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Two digits then 13 letters or digits: what the `gstin` column accepts.
    public static func hasShape(_ text: String) -> Bool {
        let chars = Array(text)
        return chars.count == 15 && chars.allSatisfy({ alphabet.contains($0) })
            && chars[0].isNumber && chars[1].isNumber
    }

    /// The shape, a real state code and a matching check character: what extraction trusts.
    public static func isValid(_ text: String) -> Bool {
        let chars = Array(text.uppercased())
        guard hasShape(String(chars)), let state = Int(String(chars[0...1])), (1...99).contains(state) else { return false }
        return checkCharacter(for: chars[0..<14]) == chars[14]
    }

    /// The GSTN check character: alternate weights 1 and 2 on base-36 values, digits of the product summed.
    public static func checkCharacter(for prefix: ArraySlice<Character>) -> Character? {
        var sum = 0
        for (index, char) in prefix.enumerated() {
            guard let value = alphabet.firstIndex(of: char) else { return nil }
            let product = value * (index % 2 == 0 ? 1 : 2)
            sum += product / 36 + product % 36
        }
        return alphabet[(36 - sum % 36) % 36]
    }
}
