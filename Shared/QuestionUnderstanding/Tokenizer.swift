/// One unit of a question after normalisation.
package struct Token: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
        case word
        /// Digits, ordinals without their suffix ("1st" → 1).
        case number(Int)
        /// A numeric date: "01/08/2026", "1.8", "2026-08-01" (day first, as written in India).
        case date(day: Int, month: Int, year: Int?)
        /// Written like a date ("1/1/0000", "31/13/2026") but not one that can be read: answered as such.
        case unreadableDate
        /// "2025-26": the financial year starting in April 2025.
        case financialYear(Int)
        /// "+919800000002": someone's number.
        case phone
        /// A dash standing between two things ("Aug – Oct").
        case dash
    }

    package var text: String
    package var kind: Kind
    /// What the word means when it is one Fintrak knows exactly.
    package var word: Word?

    package var number: Int? {
        if case .number(let value) = kind { return value }
        if case .numberWord(let value) = word { return value }
        return nil
    }

    /// Digits only: "7" in "last 7 days", never a number written as a word.
    package var digits: Int? {
        if case .number(let value) = kind { return value }
        return nil
    }

    package init(text: String, kind: Kind, word: Word? = nil) {
        self.text = text
        self.kind = kind
        self.word = word
    }
}

/// Text → tokens: lower case, apostrophes dropped ("haldiram's" → "haldirams"), dates and phone numbers kept whole,
/// "top3" and "15sep" split, "1st" read as 1.
package enum Tokenizer {
    package static func tokens(_ text: String) -> [Token] {
        var chunks: [String] = []
        var current = ""
        func endChunk() {
            if !current.isEmpty { chunks.append(current) }
            current = ""
        }
        // One pass (Foundation's replacing is slow on Linux): apostrophes vanish, dashes stand alone, & is "and",
        // a comma that groups the digits of a number is dropped ("10,000", "1,00,000": two or three digits after it,
        // and no date around it).
        let characters = Array(text.lowercased())
        func groupsDigits(_ comma: Int) -> Bool {
            guard !current.isEmpty, current.allSatisfy(\.isASCIIDigit) else { return false }
            let digits = characters[(comma + 1)...].prefix { $0.isASCIIDigit }.count
            return (digits == 2 || digits == 3) && !"/-.".contains(characters[safe: comma + 1 + digits] ?? " ")
        }
        for (index, character) in characters.enumerated() {
            switch character {
            case "'", "’", "‘": continue
            case "," where groupsDigits(index): continue
            case "–", "—": endChunk(); chunks.append("-")
            case "&": endChunk(); chunks.append("and")
            case _ where character.isLetter || character.isNumber || "/-.+".contains(character): current.append(character)
            default: endChunk()
            }
        }
        endChunk()
        return chunks.flatMap(tokens(chunk:))
    }

    private static func tokens(chunk raw: String) -> [Token] {
        // Most chunks are plain words: no digits, no separators.
        if !raw.utf8.contains(where: { (0x30...0x39).contains($0) || $0 == 0x2F || $0 == 0x2D || $0 == 0x2E || $0 == 0x2B }) {
            return [Token(text: raw, kind: .word, word: Lexicon.words[raw])]
        }
        let trimmable: Set<Character> = [".", "/", "+"]
        let chunk = String(raw.drop { trimmable.contains($0) }.reversed().drop { trimmable.contains($0) }.reversed())
        if chunk.isEmpty { return [] }
        if chunk.allSatisfy({ $0 == "-" }) { return [Token(text: "-", kind: .dash)] }
        if let token = special(chunk, raw: raw) { return [token] }
        // "5k+", "2000+": a plus after an amount is "or more".
        if raw.hasSuffix("+"), !raw.hasPrefix("+") { return tokens(chunk: chunk) + [Token(text: "+", kind: .word)] }
        // Hyphens, slashes and dots inside words separate them ("month-wise", "d-mart", "aug-oct").
        let parts = chunk.split(whereSeparator: { "/-.+".contains($0) }).map(String.init)
        if parts.count > 1 {
            var result: [Token] = []
            for (index, part) in parts.enumerated() {
                // "aug-oct" and "1-15 nov": a dash between two months or two days reads as "to".
                if index > 0, chunk.contains("-"), Lexicon.isMonthName(parts[index - 1]) && Lexicon.isMonthName(part)
                    || parts[index - 1].allSatisfy(\.isASCIIDigit) && part.allSatisfy(\.isASCIIDigit) {
                    result.append(Token(text: "-", kind: .dash))
                }
                result += tokens(chunk: part)
            }
            return result
        }
        return splitLettersAndDigits(chunk)
    }

    /// Dates, financial years and phone numbers, which keep their separators.
    private static func special(_ chunk: String, raw: String) -> Token? {
        let fields = chunk.split(whereSeparator: { "/-.".contains($0) }).map(String.init)
        let allDigits = fields.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
        let digitCount = chunk.filter(\.isASCIIDigit).count
        if raw.hasPrefix("+") && digitCount >= 8 || (fields.count == 1 && allDigits && digitCount >= 10) {
            return Token(text: chunk, kind: .phone)
        }
        let numbers = fields.compactMap { Int($0.prefix(9)) }
        guard allDigits, fields.count >= 2, numbers.count == fields.count else { return nil }
        if fields.count == 2, chunk.contains("-"), fields[0].count == 4,
           (1990...2100).contains(numbers[0]), numbers[1] == (numbers[0] + 1) % 100 || numbers[1] == numbers[0] + 1 {
            return Token(text: chunk, kind: .financialYear(numbers[0]))
        }
        // Three numbers, day and month short or the year first, are a date, readable or not.
        if fields.count == 3, fields[0].count <= 2 && fields[1].count <= 2 || fields[0].count == 4 {
            return Token(text: chunk, kind: date(fields, numbers) ?? .unreadableDate)
        }
        guard fields.count == 2, (1...31).contains(numbers[0]), (1...12).contains(numbers[1]),
              fields[0].count <= 2, fields[1].count <= 2 else { return nil }
        return Token(text: chunk, kind: .date(day: numbers[0], month: numbers[1], year: nil))
    }

    /// "2026-08-01", "01/08/2026", "1.8.26" (day first, as written in India), when day, month and year are real.
    private static func date(_ fields: [String], _ numbers: [Int]) -> Token.Kind? {
        let day, month, year: Int
        if fields[0].count == 4 {
            (day, month, year) = (numbers[2], numbers[1], numbers[0])
        } else if fields[0].count <= 2, fields[1].count <= 2, fields[2].count == 2 || fields[2].count == 4 {
            (day, month, year) = (numbers[0], numbers[1], fields[2].count == 2 ? 2000 + numbers[2] : numbers[2])
        } else {
            return nil
        }
        guard (1...31).contains(day), (1...12).contains(month), Period.readableYears.contains(year) else { return nil }
        return .date(day: day, month: month, year: year)
    }

    /// "top3" → top 3, "15sep" → 15 sep, "1st" → 1, "fy26" → fy 26.
    private static func splitLettersAndDigits(_ chunk: String) -> [Token] {
        var pieces: [String] = []
        for character in chunk {
            if let last = pieces.last?.last, last.isASCIIDigit == character.isASCIIDigit {
                pieces[pieces.count - 1].append(character)
            } else {
                pieces.append(String(character))
            }
        }
        var result: [Token] = []
        for (index, piece) in pieces.enumerated() {
            if piece.first?.isASCIIDigit == true {
                result.append(Token(text: piece, kind: Int(piece.prefix(9)).map { .number($0) } ?? .word))
            } else if index > 0, ["st", "nd", "rd", "th"].contains(piece), pieces[index - 1].first?.isASCIIDigit == true {
                continue
            } else {
                result.append(Token(text: piece, kind: .word, word: Lexicon.words[piece]))
            }
        }
        return result
    }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
