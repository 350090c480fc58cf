/// The names in one tenant's books — payees and categories — that questions are matched against, so "relaince",
/// "d mart" and "kirana" find "Reliance Digital", "DMart" and "groceries".
package struct Vocabulary: Hashable, Sendable {
    package struct Name: Hashable, Sendable {
        package var name: String
        /// Lower-case letters and digits only: "haldirams".
        package var key: String
        package var words: [String]
        /// The key's UTF-8, searched directly: Foundation's String.contains is far slower on Linux.
        package var keyBytes: [UInt8]
        /// The consonant skeleton of each word (`Transliteration.skeleton`), for names written in Devanagari.
        package var wordSounds: [String]

        package init(_ name: String) {
            self.name = name
            words = Tokenizer.tokens(name).map(\.text)
            key = words.joined()
            keyBytes = Array(key.utf8)
            wordSounds = words.map(Transliteration.skeleton)
        }
    }

    package var payees: [Name]
    package var categories: [Name]
    /// Every word of every payee's name.
    package let payeeWords: Set<String>

    package init(payees: [String] = [], categories: [String] = []) {
        self.payees = payees.map(Name.init).filter { !$0.key.isEmpty }
        self.categories = categories.map(Name.init).filter { !$0.key.isEmpty }
        payeeWords = Set(self.payees.flatMap(\.words))
    }

    /// Words people use for the usual categories → a word of the category's own name.
    package static let categorySynonyms: [String: String] = {
        var table: [String: String] = [:]
        for (target, words) in [
            ("grocery", "grocery groceries kirana kiryana ration rashan sabzi sabji vegetables vegetable provisions supermarket"),
            ("fuel", "fuel petrol diesel cng gas"),
            ("food", "food khana khaana restaurant restaurants dining meal meals lunch dinner breakfast snacks nashta eating"),
            ("rent", "rent kiraya kiraaya rental lease"),
            ("electricity", "electricity bijli light power electric"),
            ("internet", "internet wifi broadband data recharge phone mobile telecom"),
            ("travel", "travel train trains flight flights cab cabs taxi bus ticket tickets yatra safar trip trips hotel"),
            ("stock", "stock inventory maal saman samaan"),
        ] {
            for word in words.split(separator: " ") { table[String(word)] = target }
        }
        return table
    }()

    /// The tenant's categories a word names, directly or as a usual synonym; with `fuzzy`, also misspelt
    /// (words of five letters or more: "went" must not become "rent").
    package func categories(matching word: String, fuzzy: Bool = false) -> [String] {
        let target = Self.categorySynonyms[word].map(Self.stem) ?? Self.stem(word)
        let exact = categories.filter { $0.words.contains { Self.stem($0) == target } || $0.key == word }
        if !exact.isEmpty || !fuzzy { return exact.map(\.name) }
        let limit = Lexicon.allowedEdits(forLength: word.count)
        guard limit > 0, word.count >= 5 else { return [] }
        // A misspelt usual word: "diesal", "kiraaya".
        let near = Set(Self.categorySynonyms.filter { $0.key.count >= 5 && Fuzzy.distance($0.key, word, limit: limit) <= limit }.values)
        if near.count == 1, let target = near.first, case let named = categories(matching: target), !named.isEmpty { return named }
        return categories.filter { category in
            category.words.contains { Fuzzy.distance(Self.stem($0), Self.stem(word), limit: limit) <= limit }
        }.map(\.name)
    }

    /// Whether the word is one people use for a category at all, even when this tenant has none of it.
    package static func isCategoryWord(_ word: String) -> Bool { categorySynonyms[word] != nil }

    /// The payees whose name contains `words` run together ("d mart" → "dmart" in "DMart"), or which are
    /// one or two edits from it. `strict` asks for exact containment only.
    package func payees(matching words: [String], strict: Bool = false) -> [String] {
        let joined = words.joined()
        guard joined.count >= 3 else {
            // Short names match only whole: "jio", never "io" inside "Indian Oil".
            return payees.filter { $0.key == joined || $0.words.contains(joined) }.map(\.name)
        }
        let needle = Array(joined.utf8)
        let contained = payees.filter { $0.keyBytes.contains(needle) }
        if !contained.isEmpty || strict { return contained.map(\.name) }
        let limit = Lexicon.allowedEdits(forLength: joined.count)
        guard limit > 0 else { return [] }
        return payees.filter { payee in
            Fuzzy.distance(payee.key, joined, limit: limit) <= limit
                || payee.words.contains { $0.count >= 4 && Fuzzy.distance($0, joined, limit: limit) <= limit }
                || (payee.key.count > joined.count && Fuzzy.distance(String(payee.key.prefix(joined.count)), joined, limit: 1) <= 1
                    && joined.count >= 5)
        }.map(\.name)
    }

    /// The payees a name written in Devanagari sounds like: its words' skeletons are the first words of the name's
    /// ("डीमार्ट" is DMart, "शर्मा ट्रेडर्स" Sharma Traders), a final s aside ("हल्दीराम" is Haldiram's). A name of
    /// one consonant says too little: its vowels must match too, y between them aside ("जियो" is Jio, "जो" is not).
    package func payees(writtenInDevanagari words: [String]) -> [String] {
        let latin = words.map(Transliteration.latin)
        let sounds = latin.map(Transliteration.skeleton)
        guard !sounds.contains(where: \.isEmpty) else { return [] }
        let short = sounds.joined().count < 2
        return payees.filter { payee in
            guard sounds.count <= payee.words.count else { return false }
            return sounds.indices.allSatisfy { i in
                let (sound, written) = (sounds[i], payee.wordSounds[i])
                if short { return latin[i].filter { $0 != "y" } == payee.words[i] }
                return sound == written || sound + "s" == written
            }
        }.map(\.name)
    }

    /// "groceries" → "grocery", "bills" → "bill": enough to match singulars with plurals.
    package static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("es"), word.count > 4, ["s", "x", "h"].contains(word.dropLast(2).last) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    package func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
