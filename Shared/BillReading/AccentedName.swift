import Foundation

/// An English OCR model reads a seller's name without its accents ("Krüger" as "Kruger", "Société" as "Societe",
/// "Müller" as "Miiller"); reading the whole page in every language a bill may be written in costs twice the time.
/// So the name's own line is read again in the languages the bill's labels are written in, and that reading is kept
/// only where it spells the same name but for its accents.
public enum AccentedName {
    /// A rectangle of a page, in the coordinates of the words it was found from.
    public struct Region: Sendable, Hashable, Codable {
        public var left: Double
        public var top: Double
        public var right: Double
        public var bottom: Double
    }

    /// The languages written with accented letters whose labels the bill prints: two or more labels found in that
    /// language's table only (one could be a stray word or an English bill's "Client").
    public static func languages(of text: String) -> Set<LabelLexicon.Language> {
        let lines = text.split(whereSeparator: \.isNewline).map { TextLine.words(of: String($0)) }
        return Set(ownLabels.compactMap { language, phrases in
            let found = phrases.filter { phrase in lines.contains { $0.contains(phrase: phrase) } }
            return found.count >= 2 ? language : nil
        })
    }

    /// The languages of the countries whose legal form ends the seller's name ("GmbH" German, "SARL" French, "B.V."
    /// Dutch): a company's name is written in its country's language even on a bill in English.
    public static func languages(ofLegalFormIn name: String) -> Set<LabelLexicon.Language> {
        let words = TextLine.words(of: name)
        return Set(legalForms.filter { form, _ in words.contains(phrase: form) }.flatMap(\.1))
    }

    /// Legal forms as `TextLine.words` reads them, each with the languages of the countries that have it.
    private static let legalForms: [([String], [LabelLexicon.Language])] = [
        ("gmbh", [.german]), ("ag", [.german]), ("kg", [.german]), ("ohg", [.german]), ("ug", [.german]),
        ("sarl", [.french]), ("sas", [.french]), ("eurl", [.french]), ("snc", [.french]), ("sa", [.french, .spanish]),
        ("bv", [.dutch]), ("nv", [.dutch]), ("vof", [.dutch]), ("sl", [.spanish]), ("slu", [.spanish]),
    ].map { ($0.0.split(separator: " ").map(String.init), $0.1) }

    /// Per language written with accents, the label phrases no other language's table has.
    private static let ownLabels: [LabelLexicon.Language: [[String]]] = {
        var languagesOf: [String: Set<LabelLexicon.Language>] = [:]
        for entry in LabelLexicon.entries { languagesOf[entry.phrase, default: []].insert(entry.language) }
        var out: [LabelLexicon.Language: [[String]]] = [:]
        for (phrase, languages) in languagesOf where languages.count == 1 {
            guard let language = languages.first, language.writesAccents else { continue }
            out[language, default: []].append(phrase.split(separator: " ").map(String.init))
        }
        return out
    }()

    /// The Tesseract languages to read the name's line again in: the bill's, where their data is installed and the
    /// page was not read with them already (`OCR_LANGUAGES`), as Tesseract names them ("deu+fra"); nil for none.
    public static func rereadLanguages(bill: Set<LabelLexicon.Language>, installed: Set<String>,
                                       pageRead: Set<String>) -> String? {
        let codes = bill.map(\.isoCode).filter { installed.contains($0) && !pageRead.contains($0) }.sorted()
        return codes.isEmpty ? nil : codes.joined(separator: "+")
    }

    /// Where `name` is printed among `words`: the box of the first run of words, in reading order (a name may wrap
    /// onto the next line), whose letters and digits spell it, widened by a margin that keeps accents and a little
    /// paper around the letters. Nil when no run spells it (the parser repaired or joined it).
    public static func region(of name: String, in words: [PageWord]) -> Region? {
        let wanted = spelling(name)
        guard !wanted.isEmpty else { return nil }
        let ordered = PageText.rows(of: words).joined().map { $0 }
        let spellings = ordered.map { spelling($0.text) }
        for start in ordered.indices where !spellings[start].isEmpty && wanted.hasPrefix(spellings[start]) {
            var spelled = "", end = start
            while end < ordered.count, spelled.count < wanted.count {
                spelled += spellings[end]
                end += 1
            }
            guard spelled == wanted else { continue }
            let run = ordered[start..<end]
            let height = run.map(\.height).sorted()[run.count / 2]
            return Region(left: max(0, (run.map(\.left).min() ?? 0) - 0.5 * height),
                          top: max(0, (run.map(\.top).min() ?? 0) - 0.2 * height),
                          right: (run.map(\.right).max() ?? 0) + 0.5 * height,
                          bottom: (run.map(\.bottom).max() ?? 0) + 0.2 * height)
        }
        return nil
    }

    /// Lower-case letters and digits only: how a name is recognised among the words it was read from.
    private static func spelling(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// `first` with the accents `reread` gives its letters, when the two spell the same name but for accents
    /// (letters and digits compared, punctuation and spacing as `first` has them); `first` otherwise. An English
    /// model also reads "ü" as "ii" (the dots taken for two i's), so that counts as the same letter. The margin
    /// around the name may catch a piece of the line above or below: then one of the reading's lines is the name.
    public static func restoringAccents(_ first: String, from reread: String) -> String {
        let lines = reread.split(whereSeparator: \.isNewline).map(String.init)
        for candidate in [reread] + (lines.count > 1 ? lines : []) {
            if let restored = accents(of: candidate, on: first) { return restored }
        }
        return first
    }

    /// `first` with `reread`'s letters, or nil when they spell another name.
    private static func accents(of reread: String, on first: String) -> String? {
        let original = Array(first), again = Array(reread.filter { $0.isLetter || $0.isNumber })
        var out = "", i = 0, j = 0
        while i < original.count {
            let letter = original[i]
            guard letter.isLetter || letter.isNumber else {
                out.append(letter)
                i += 1
                continue
            }
            guard j < again.count else { return nil }
            let other = again[j]
            if base(other) == base(letter) {
                out += cased(other, like: letter)
                i += 1
            } else if base(other) == "u", other != "u", other != "U", i + 1 < original.count,
                      base(letter) == "i", base(original[i + 1]) == "i" {
                out += cased(other, like: letter)
                i += 2
            } else {
                return nil
            }
            j += 1
        }
        return j == again.count ? out : nil
    }

    /// A letter without its accents, lower case ("É" → "e").
    private static func base(_ letter: Character) -> String {
        String(letter).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// `letter` in the case of `model`.
    private static func cased(_ letter: Character, like model: Character) -> String {
        model.isUppercase ? String(letter).uppercased() : model.isLowercase ? String(letter).lowercased() : String(letter)
    }
}

extension LabelLexicon.Language {
    /// Whether names in this language are written with accented Latin letters an English reading loses.
    public var writesAccents: Bool {
        switch self {
        case .dutch, .french, .german, .spanish: true
        case .english, .hindi, .malay: false
        }
    }

    /// The language's ISO 639-2 code, which Tesseract's language data is named by.
    public var isoCode: String {
        switch self {
        case .english: "eng"
        case .hindi: "hin"
        case .malay: "msa"
        case .dutch: "nld"
        case .french: "fra"
        case .german: "deu"
        case .spanish: "spa"
        }
    }
}
