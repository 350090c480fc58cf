import Foundation

/// The legal form that ends a registered business's name ("Pvt Ltd", "LLP", "Sdn Bhd", "S/B", "B.V.", "GmbH", "SAS"):
/// it marks the line as the name of the company that issues the bill, and nothing after it is part of that name.
enum LegalForm {
    /// Legal forms as `TextLine.words` reads them ("B.V." → "bv", "S/B" → "s", "b"), each a run of words.
    static let phrases: [[String]] = [
        "sdn bhd", "s b", "bhd", "berhad", "pvt ltd", "private limited", "pvt", "ltd", "limited", "llp", "llc", "inc",
        "plc", "opc", "corp", "corporation", "gmbh", "ag", "co kg", "ohg", "ug", "bv", "nv", "vof", "sas", "sarl", "sa",
        "eurl", "snc", "sl", "slu", "srl", "spa", "fze", "fzco", "pte", "pty", "& co", "and co",
    ].map { $0.split(separator: " ").map(String.init) }

    /// Two-word legal forms whose words OCR misreads one letter at a time ("SON BHD", "SDN 8HD", "Pvt Lid").
    static let pairs: [(String, String)] = [("sdn", "bhd"), ("pvt", "ltd"), ("pte", "ltd"), ("pty", "ltd")]

    /// Where the last legal form in `words` ends (an index into `words`), if there is one.
    static func end(in words: [String]) -> Int? {
        var last: Int?
        for start in words.indices {
            for phrase in phrases where words.count - start >= phrase.count
                && words[start..<(start + phrase.count)].elementsEqual(phrase) {
                last = max(last ?? 0, start + phrase.count)
            }
        }
        return last
    }

    /// Whether the name carries a legal form.
    static func marks(_ name: String) -> Bool {
        end(in: TextLine.words(of: name)) != nil
    }

    /// Whether `words` are nothing but a legal form, perhaps after a branch's name in brackets that the caller has
    /// removed: the end of a name wrapped onto a second line ("(SEMENYIH) SDN BHD" under "PASAR RAYA MEGA MAJU").
    static func isWholeLine(_ words: [String]) -> Bool {
        (!words.isEmpty && phrases.contains { $0 == words }) || (words.count == 1 && pairs.contains { $0.0 == words[0] })
    }

    /// The name with a misread word of a two-word legal form put right: one word as printed, the other the same
    /// length and one letter off ("FOUR QUARTERS SUN BHD" → "FOUR QUARTERS SDN BHD"), and "5/B" → "S/B" ending a name.
    static func repaired(_ name: String) -> String {
        var tokens = name.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func plain(_ token: String) -> String { TextLine.words(of: token).joined() }
        // The legal form's word in place of token `k`, cased like it and keeping its signs ("BHD.", "ALAM)").
        func put(_ word: String, at k: Int) {
            tokens[k] = cased(word, like: tokens[k], keeping: tokens[k].filter { !$0.isLetter && !$0.isNumber })
        }
        for i in tokens.indices.dropLast() {
            let a = plain(tokens[i]), b = plain(tokens[i + 1])
            for (first, second) in pairs {
                // Both words a letter off only where they end the name ("ALAM) SON BHO").
                let endsName = i + 2 == tokens.count
                if endsName, a != first, b != second, oneLetterOff(a, first), oneLetterOff(b, second) {
                    put(first, at: i)
                    put(second, at: i + 1)
                } else if b == second, a != first, oneLetterOff(a, first) {
                    put(first, at: i)
                } else if a == first, b != second, oneLetterOff(b, second) {
                    put(second, at: i + 1)
                }
            }
        }
        // "S/B" read with a digit, at the end of the name or before its registration number in brackets (OCR reads a
        // bracket as a brace or a square bracket: "{519537-X)").
        for i in tokens.indices.dropFirst() where ["5/B", "S/8", "5/8"].contains(tokens[i])
            && (i + 1 == tokens.count || tokens[i + 1].first.map { "([{".contains($0) } == true) {
            tokens[i] = "S/B"
        }
        return tokens.joined(separator: " ")
    }

    /// The name up to its last legal form, when what follows holds a digit or opens a bracket: a registration
    /// number ("S/B 273500-U", "SDN BHD (1219716-T)") or a branch code, not part of the name.
    static func cutAfter(_ name: String) -> String {
        let tokens = name.split(separator: " ").map(String.init)
        guard let end = end(in: TextLine.words(of: name)) else { return name }
        var count = 0
        for (i, token) in tokens.enumerated() {
            count += TextLine.words(of: token).count
            guard count >= end else { continue }
            var kept = Array(tokens[...i])
            var rest = tokens[(i + 1)...].joined(separator: " ")
            // "BHD(1219716-T)": the form and what follows it in one token.
            if count > end, let cut = token.firstIndex(where: { "([{°".contains($0) }) {
                kept[i] = String(token[..<cut])
                rest = String(token[cut...]) + " " + rest
            }
            let trimmed = rest.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.contains(where: \.isNumber) || "([{°".contains(trimmed.first ?? " ")
            else { return name }
            return kept.joined(separator: " ")
        }
        return name
    }

    private static func oneLetterOff(_ a: String, _ b: String) -> Bool {
        a.count == b.count && zip(a, b).filter { $0 != $1 }.count == 1
    }

    /// `word` written in the case of `token` (all capitals, capitalised, or lower), with `marks` (a dot) after it.
    private static func cased(_ word: String, like token: String, keeping marks: String) -> String {
        let letters = token.filter(\.isLetter)
        let body: String
        if !letters.isEmpty, letters.allSatisfy(\.isUppercase) {
            body = word.uppercased()
        } else if token.first?.isUppercase == true {
            body = word.prefix(1).uppercased() + word.dropFirst()
        } else {
            body = word
        }
        return body + marks
    }
}
