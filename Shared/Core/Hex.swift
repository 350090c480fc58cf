extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte: digests (SHA-1 of a Lua script, SHA-256 of a file) and signatures.
    public var hexString: String {
        var text = ""
        for byte in self {
            text.append(Self.digits[Int(byte >> 4)])
            text.append(Self.digits[Int(byte & 0x0F)])
        }
        return text
    }

    private static var digits: [Character] { Array("0123456789abcdef") }
}
