import Foundation

/// Amounts as people read them: with their currency, INR in Indian digit grouping (`₹1,23,456.50`).
public enum MoneyFormat {
    static let symbols: [String: String] = [
        "INR": "₹", "USD": "$", "EUR": "€", "GBP": "£", "ILS": "₪", "JPY": "¥", "AED": "AED ", "SGD": "S$",
    ]

    /// `amount` as the chat shows it: rupees with Indian digit grouping ("₹1,09,317.76"), other currencies by their sign or code.
    public static func format(_ amount: Decimal, currency: String = "INR") -> String {
        let code = currency.uppercased()
        let rounded = amount.rounded(scale: 2)
        let negative = rounded < 0
        let absolute = negative ? -rounded : rounded
        let text = NSDecimalNumber(decimal: absolute).stringValue   // plain digits, "." as separator
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction = String((fraction + "00").prefix(2))
        let grouped = code == "INR" ? indianGrouping(whole) : westernGrouping(whole)
        let symbol = symbols[code] ?? "\(code) "
        return (negative ? "-" : "") + symbol + grouped + "." + fraction
    }

    /// 1234567 → 12,34,567: the last three digits, then pairs.
    static func indianGrouping(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var head = Array(digits.dropLast(3))
        var groups: [String] = [String(digits.suffix(3))]
        while !head.isEmpty {
            groups.insert(String(head.suffix(2)), at: 0)
            head = Array(head.dropLast(2))
        }
        return groups.joined(separator: ",")
    }

    static func westernGrouping(_ digits: String) -> String {
        var groups: [String] = []
        var rest = Substring(digits)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        return groups.joined(separator: ",")
    }
}

extension Decimal {
    /// Rounded half away from zero to `scale` decimal places (bankers' rounding is not what a bill shows).
    public func rounded(scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Parses "1,23,456.50", "1234.5", "₹ 1,234" strictly: digits, grouping commas and one decimal point.
    public init?(amountText: String) {
        let cleaned = amountText.filter { !$0.isWhitespace && $0 != "," && $0 != "₹" }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              cleaned.filter({ $0 == "." }).count <= 1,
              let value = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }
}
