/// How much of a reading is legible: which of two readings of a page to keep, and when a page is worth reading again
/// turned (text photographed sideways or upside down reads as a few garbled fragments, while any bill read the right way
/// up has at least a few dozen legible words: its name, dates, labels, amounts).
public enum Legibility {
    /// A word read with less confidence than this (0–100) is a guess, not evidence of upright text.
    public static let legibleConfidence = 60.0
    /// A reading with fewer legible words than this is as good as empty (a page read upside down still yields a
    /// score of confident fragments, "ON", "XBL", numbers).
    public static let nearlyEmpty = 25

    /// Whether a reading is a word at all: two or more letters or digits. Punctuation and lone letters are fragments,
    /// read from specks and strokes of any size.
    public static func isWord(_ text: String) -> Bool {
        text.count(where: { $0.isLetter || $0.isNumber }) >= 2
    }

    /// Words (`isWord`) read with at least `legibleConfidence`.
    public static func legibleWords(_ words: [(text: String, confidence: Double)]) -> Int {
        words.count { $0.confidence >= legibleConfidence && isWord($0.text) }
    }

    /// Whether a reading is so nearly empty that the page may be lying on its side or upside down.
    public static func isNearlyEmpty(_ words: [(text: String, confidence: Double)]) -> Bool {
        legibleWords(words) < nearlyEmpty
    }
}
