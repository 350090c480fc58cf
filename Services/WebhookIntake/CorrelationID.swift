import Synchronization

/// Correlation ids: random-looking UUID v4 strings (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, lowercase) without a
/// system call each. They only need to be unique, not secret: SplitMix64 over a counter that starts at a random
/// point gives distinct values within the process and, with 128 bits, across processes.
enum CorrelationID {
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))
    private static let salt = UInt64.random(in: .min ... .max)
    private static let digits = Array("0123456789abcdef".utf8)

    static func next() -> String {
        let state = counter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        let high = mix(state)
        let low = mix(state ^ salt) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000  // variant 10
        let versioned = high & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000  // version 4
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var position = 0
        func put(_ value: UInt64, nibbles: Int) {
            for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                if bytes[position] == UInt8(ascii: "-"), [8, 13, 18, 23].contains(position) { position += 1 }
                bytes[position] = digits[Int(value >> UInt64(shift) & 0xF)]
                position += 1
            }
        }
        put(versioned, nibbles: 16)
        put(low, nibbles: 16)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
