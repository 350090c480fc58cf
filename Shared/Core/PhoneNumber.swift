/// Phone numbers as tenants: every provider's spelling becomes one E.164 string.
public enum PhoneNumber {
    /// `whatsapp:+919812345678`, `+91 98123 45678`, `919812345678` and `09812345678` all become `+919812345678`.
    /// A bare 10-digit Indian mobile number gets +91. Returns nil for anything that is not a plausible number.
    public static func e164(_ raw: String, defaultCountryCode: String = "91") -> String? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        if text.lowercased().hasPrefix("whatsapp:") { text = text.dropFirst("whatsapp:".count) }
        let hadPlus = text.hasPrefix("+")
        var digits = text.filter { $0.isASCII && $0.isNumber }
        let allowed = Set("0123456789+-() .")
        guard !digits.isEmpty, text.allSatisfy({ allowed.contains($0) }) else { return nil }
        if !hadPlus {
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
            } else if digits.count == 11, digits.hasPrefix("0") {
                digits = defaultCountryCode + digits.dropFirst()
            } else if digits.count == 10 {
                digits = defaultCountryCode + digits
            }
        }
        // E.164: at most 15 digits, no leading zero in the country code.
        guard (8...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
        return "+" + digits
    }
}
