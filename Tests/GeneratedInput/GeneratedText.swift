/// SplitMix64: a small seeded generator, so generated test input is the same on every run and a failure repeats.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Hostile text for "it returns" tests of parsers: dates at and past the calendar's edges (year 0, 9999, 10000,
/// month 0 and 13, day 0 and 32), huge and negative numbers, emoji, 4 KB of digits, mixed scripts and random
/// Unicode, mixed with words the parser under test knows so that its deeper paths are reached.
public struct GeneratedText: Sequence, IteratorProtocol {
    private var random: SeededRandom
    private var remaining: Int
    private let words: [String]

    /// - Parameters:
    ///   - count: how many strings the sequence yields.
    ///   - words: the parser's own vocabulary, mixed into the pieces.
    public init(seed: UInt64, count: Int, words: [String]) {
        random = SeededRandom(seed: seed)
        remaining = count
        self.words = words.isEmpty ? ["x"] : words
    }

    public mutating func next() -> String? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        // A few pieces each (short, so that 100,000 run in seconds); one string in 1,000 ends in 4 KB of digits.
        var text = ""
        for index in 0..<Int.random(in: 1...5, using: &random) {
            if index > 0 { text += pick(Self.separators) }
            text += piece()
        }
        if Int.random(in: 0..<1_000, using: &random) == 0 { text += " " + String(repeating: "9", count: 4096) }
        return text
    }

    static let separators = [" ", " ", " ", "\n", "", "-", "/", ":", "  ", "\t", ".", ","]
    static let days = [0, 1, 9, 28, 29, 30, 31, 32, 99, -1]
    static let months = [0, 1, 2, 12, 13, 99, -3]
    static let years = ["0", "0000", "1", "99", "00", "1899", "1900", "2026", "2100", "9999", "10000", "99999", "-1"]
    static let numbers = [
        "0", "-0", "-1", "-500", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "99999999999999999999999", "1e308", "1e-308", "NaN", "0.000000001", "1,00,00,00,00,000.99", "₹-1,23,456.78",
        "Rs.99999999999", "1.2.3.4", "007", "+919800000002", "12%", "-12.5%", "½", "٣٤٥", "१२३४", "Ⅻ",
    ]
    static let oddities = [
        "💸", "👨‍👩‍👧‍👦", "🇮🇳", "🧾🧾🧾", "\u{0}", "\u{FEFF}", "\u{200B}", "\u{202E}", "e\u{301}\u{301}\u{301}", "\r\n",
        "कितना खर्च", "पिछले महीने", "ரூ 500", "بل ١٢/١٢/٢٠٢٦", "漢字", "Ａｍｏｕｎｔ", "ǅ", "ﬃ", "ß", "İ", "%", "%zz", "%%",
        "&", "=", "&&==", "+", "\"", "\\", "{", "}", "[", "]", "null", "\\u0000", "\\ud800",
    ]

    private mutating func pick<T>(_ list: [T]) -> T {
        list[Int.random(in: 0..<list.count, using: &random)]
    }

    private mutating func piece() -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1, 2: return pick(words)
        case 3: return date()
        case 4: return pick(Self.numbers)
        case 5: return String(Int.random(in: Int.min...Int.max, using: &random))
        case 6: return pick(Self.oddities)
        case 7: return randomScalars()
        case 8: return String(Int.random(in: -1000...100_000, using: &random))
        default: return pick(words) + pick(["", " ", "-", ":"]) + String(Int.random(in: -50...5000, using: &random))
        }
    }

    private mutating func date() -> String {
        let day = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: -40...40, using: &random) : pick(Self.days)
        let month = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: -20...20, using: &random) : pick(Self.months)
        let year = pick(Self.years)
        let separator = pick(["/", "-", ".", " "])
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return "\(year)\(separator)\(month)\(separator)\(day)"
        case 1: return "\(day)\(separator)\(month)"
        case 2: return "\(day) \(pick(["jan", "feb", "march", "sept", "dec", "may"])) \(year)"
        default: return "\(day)\(separator)\(month)\(separator)\(year)"
        }
    }

    /// Any Unicode scalars, control characters, combining marks and private use among them.
    private mutating func randomScalars() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let range: ClosedRange<UInt32> = pick([0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x1_0000...0x10_FFFF])
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { text.unicodeScalars.append(scalar) }
        }
        return text
    }
}
