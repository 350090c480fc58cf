import FintrakCore
import Foundation

/// A payment request as a UPI app reads it.
public struct UPIPayment: Sendable, Hashable {
    /// The payee's virtual payment address (`shop@okaxis`): `pa`.
    public var vpa: String
    /// The payee's name: `pn`.
    public var payeeName: String
    /// Rupees, written with two decimals: `am`.
    public var amount: Decimal
    /// What the payment is for, at most 50 characters: `tn`.
    public var note: String

    public init(vpa: String, payeeName: String, amount: Decimal, note: String) {
        self.vpa = vpa
        self.payeeName = payeeName
        self.amount = amount
        self.note = note
    }
}

/// `upi://pay` links after NPCI's UPI Linking Specification: `pa` and `pn` always present, `am` with two decimals,
/// `cu=INR`, `tn` at most 50 characters, every value percent-encoded (a space is `%20`, never `+`).
public enum UPILink {
    /// The longest transaction note the specification allows.
    public static let noteLimit = 50

    public static func build(_ payment: UPIPayment) -> String {
        let amount = payment.amount.rounded(scale: 2)
        let fields = [
            ("pa", payment.vpa), ("pn", payment.payeeName), ("am", twoDecimals(amount)), ("cu", "INR"),
            ("tn", String(payment.note.prefix(noteLimit))),
        ]
        return "upi://pay?" + fields.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
    }

    /// The query of a `upi://pay` link, decoded; nil for anything else.
    public static func parse(_ link: String) -> [String: String]? {
        guard link.hasPrefix("upi://pay?") else { return nil }
        var fields: [String: String] = [:]
        for pair in link.dropFirst("upi://pay?".count).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = String(parts[1]).removingPercentEncoding else { return nil }
            fields[String(parts[0])] = value
        }
        return fields
    }

    /// A VPA as NPCI allows it: a handle of letters, digits, '.', '-' and '_', an '@', and a bank's handle.
    public static func isValidVPA(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (2...256).contains(parts[0].count), (2...64).contains(parts[1].count) else { return false }
        let handle = parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
        let bank = parts[1].first?.isLetter == true && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
        return handle && bank
    }

    /// "500" → "500.00", "1234.5" → "1234.50": plain digits, no grouping.
    static func twoDecimals(_ amount: Decimal) -> String {
        let text = NSDecimalNumber(decimal: amount).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + String((fraction + "00").prefix(2))
    }

    /// RFC 3986 unreserved characters and '@' (allowed in a query, and what every VPA holds) stay; everything else,
    /// the space included, becomes %XX of its UTF-8 bytes.
    static func encode(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~@".contains(character) {
                encoded.append(character)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
