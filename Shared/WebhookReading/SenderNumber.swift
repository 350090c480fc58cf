import FintrakCore

/// A sender's number as a tenant, in E.164. The usual spellings (`whatsapp:+919812345678`, `+919812345678`) are
/// read directly; anything else goes through `PhoneNumber.e164`, which gives the same answer for those.
enum SenderNumber {
    static func e164(_ raw: String) -> String? {
        var utf8 = Substring(raw).utf8
        if utf8.starts(with: "whatsapp:".utf8) { utf8 = utf8.dropFirst(9) }
        if utf8.first == UInt8(ascii: "+") {
            let digits = utf8.dropFirst()
            if (8...15).contains(digits.count), digits.first != UInt8(ascii: "0"),
               digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                return "+" + String(Substring(digits))
            }
        }
        return PhoneNumber.e164(raw)
    }

    /// Gupshup and the Cloud API write numbers as digits without "+" ("919812345678").
    static func e164(digits raw: String) -> String? {
        e164(raw.hasPrefix("+") ? raw : "+" + raw.trimmingLeadingSpaces())
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String {
        String(drop { $0 == " " })
    }
}
