/// A khata line → words as written (callers lower-case them; capitals tell names from words): possessive "'s" split off as its own word ("suresh's" → "suresh", "'s"),
/// other apostrophes dropped, hyphenated words split ("chai-pani"), and amounts kept whole ("₹1,200.50", "500/-").
enum KhataTokenizer {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        for raw in text.replacingOccurrences(of: "’", with: "'").split(whereSeparator: \.isWhitespace) {
            var chunk = Substring(raw)
            while let last = chunk.last, "?!,;:\"()[]{}*".contains(last) || (last == "." && !chunk.lowercased().hasSuffix("rs.")) {
                chunk = chunk.dropLast()
            }
            while let first = chunk.first, "\"'([{*".contains(first) { chunk = chunk.dropFirst() }
            if chunk.isEmpty { continue }
            var possessive = false
            if chunk.lowercased().hasSuffix("'s"), chunk.count > 2 {
                chunk = chunk.dropLast(2)
                possessive = true
            }
            if chunk.contains(where: \.isNumber) {
                // Amounts keep their separators; "rs.500" and "₹500" stay one word for the amount reader.
                words += splitAmount(String(chunk.filter { $0 != "'" }))
            } else {
                words += chunk.filter { $0 != "'" }
                    .split(whereSeparator: { !($0.isLetter || $0 == "=" || $0 == "₹") }).map(String.init)
            }
            if possessive { words.append("'s") }
        }
        return words
    }

    /// "₹500" and "rs500" stay whole; "500rs", "2k" too; "5000ka" → "5000", "ka".
    private static func splitAmount(_ chunk: String) -> [String] {
        let lowered = chunk.lowercased()
        let trimmed = lowered.hasSuffix("rs.") ? String(lowered.dropLast()) : lowered
        if KhataAmount.digits(trimmed) != nil { return [trimmed] }
        var pieces: [String] = []
        for character in trimmed where !"/-".contains(character) || pieces.last?.last?.isNumber == true {
            let isDigit = character.isNumber || character == "," || character == "."
            if let last = pieces.last?.last, (last.isNumber || last == "," || last == ".") == isDigit {
                pieces[pieces.count - 1].append(character)
            } else {
                pieces.append(String(character))
            }
        }
        return pieces.filter { $0.contains(where: { $0.isLetter || $0.isNumber || $0 == "₹" }) }
    }
}
