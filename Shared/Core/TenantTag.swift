/// A tenant as logs and traces show it: 10 hex digits of a 64-bit FNV-1a hash of its E.164 number. Short enough to
/// read, the same everywhere for one tenant, and not the number in plain sight. (A tag, not a secret: phone numbers
/// are few enough to be tried one by one against any unkeyed hash.)
public enum TenantTag {
    public static func of(_ tenant: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in tenant.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash >> 24, radix: 16)
        return String(repeating: "0", count: max(0, 10 - hex.count)) + hex
    }

    /// A phone number for a log line: the country code's first digits and the last two (`+91********78`).
    public static func masked(_ phone: String) -> String {
        let characters = Array(phone)
        guard characters.count > 5 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 5) + String(characters.suffix(2))
    }
}
