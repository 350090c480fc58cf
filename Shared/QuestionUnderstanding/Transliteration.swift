/// Devanagari → Latin letters, and the consonant skeleton that lets a name written in either script be matched to
/// the other: "डीमार्ट" and "DMart" both sound "dmrt", "स्विगी" and "Swiggy" "svg". Vowels are what the two scripts
/// (and Indian English spellings) disagree on most, so the skeleton leaves them out, with h (aspiration, "sh"/"श")
/// and doubled letters, and writes g, j and z alike.
package enum Transliteration {
    /// Whether the word is written in Devanagari.
    package static func isDevanagari(_ word: String) -> Bool {
        word.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) }
    }

    /// A plain romanisation: consonants with their inherent "a" unless a vowel sign or virama follows, vowel signs and
    /// independent vowels, anusvara as "n". Scalars outside Devanagari are kept as they are.
    package static func latin(_ text: String) -> String {
        var result = ""
        var pendingVowel = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if let consonant = consonants[value] {
                if pendingVowel { result += "a" }
                result += consonant
                pendingVowel = true
                continue
            }
            if let sign = vowelSigns[value] {
                result += sign
                pendingVowel = false
                continue
            }
            switch value {
            case 0x094D: pendingVowel = false    // virama: no vowel
            case 0x093C: continue                // nukta: the consonant as it is
            case 0x0902, 0x0901: if pendingVowel { result += "a" }; result += "n"; pendingVowel = false
            case 0x0903: if pendingVowel { result += "a" }; result += "h"; pendingVowel = false
            default:
                if pendingVowel { result += "a" }
                pendingVowel = false
                result += vowels[value] ?? String(scalar)
            }
        }
        // A word's last consonant keeps no vowel of its own in Hindi ("राम" is "ram"): the pending one is dropped.
        return result
    }

    /// The consonants of a Latin word as they sound: "reliance" → "rlns" (c before e, i or y is s), "swiggy" → "svg".
    package static func skeleton(_ latin: String) -> String {
        let letters = Array(latin.lowercased().filter(\.isLetter))
        var sounds: [Character] = []
        for (index, letter) in letters.enumerated() {
            let next = letters[safe: index + 1]
            let sound: Character? = switch letter {
            case "a", "e", "i", "o", "u", "y", "h": nil
            case "c": next == "h" ? "c" : ["e", "i", "y"].contains(next) ? "s" : "k"
            case "w": "v"
            case "f": "p"
            case "q": "k"
            case "j", "z": "g"    // "digital" is "डिजिटल": a soft g is j, and ज़ is ज with a dot
            case "x": "s"
            default: letter.isASCII ? letter : nil
            }
            if let sound, sounds.last != sound { sounds.append(sound) }
        }
        return String(sounds)
    }

    private static let consonants: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let letters = ["k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n", "t", "th", "d", "dh", "n", "t", "th", "d",
                       "dh", "n", "n", "p", "ph", "b", "bh", "m", "y", "r", "r", "l", "l", "l", "v", "sh", "sh", "s", "h"]
        for (offset, letter) in letters.enumerated() { table[0x0915 + UInt32(offset)] = letter }
        for (value, letter) in [(UInt32(0x0958), "q"), (0x0959, "kh"), (0x095A, "g"), (0x095B, "z"), (0x095C, "r"),
                                (0x095D, "rh"), (0x095E, "f"), (0x095F, "y")] {
            table[value] = letter
        }
        return table
    }()

    private static let vowelSigns: [UInt32: String] = [
        0x093E: "a", 0x093F: "i", 0x0940: "i", 0x0941: "u", 0x0942: "u", 0x0943: "ri", 0x0945: "e", 0x0946: "e",
        0x0947: "e", 0x0948: "ai", 0x0949: "o", 0x094A: "o", 0x094B: "o", 0x094C: "au",
    ]

    private static let vowels: [UInt32: String] = [
        0x0905: "a", 0x0906: "a", 0x0907: "i", 0x0908: "i", 0x0909: "u", 0x090A: "u", 0x090B: "ri", 0x090D: "e",
        0x090E: "e", 0x090F: "e", 0x0910: "ai", 0x0911: "o", 0x0912: "o", 0x0913: "o", 0x0914: "au",
    ]
}
