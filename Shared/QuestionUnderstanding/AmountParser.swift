import Foundation

/// Finds the amount filters of a question: "bills above 3000", "5000 se zyada wale", "under ₹500", "at least 2k",
/// "between 1k and 5k", "1000 se 5000 ke beech", "10 hazar se upar", "5k+". A number is an amount only with a word
/// that compares it (or a range's words around it), never alone: "top 3" and "last 7 days" count something else, and a
/// number before a month's name or a unit of time is a date.
package struct AmountParser {
    package struct Match: Hashable {
        package var tokens: Range<Int>
        package var range: AmountRange
    }

    package let tokens: [Token]

    package init(tokens: [Token]) {
        self.tokens = tokens
    }

    package func matches() -> [Match] {
        var found: [Match] = []
        var index = 0
        while index < tokens.count {
            if let match = range(at: index) ?? comparedFirst(at: index) ?? amountFirst(at: index) {
                found.append(match)
                index = match.tokens.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// Several filters are one range: "above 1000 and below 5000".
    package static func merged(_ matches: [Match]) -> AmountRange? {
        guard !matches.isEmpty else { return nil }
        var range = AmountRange()
        for match in matches {
            range.lower = range.lower ?? match.range.lower
            range.upper = range.upper ?? match.range.upper
        }
        return range
    }

    /// How much a word multiplies the number before it: "5k", "10 hazar", "1.5 lakh", "2 cr".
    package static let scales: [String: Decimal] = {
        var scales: [String: Decimal] = ["k": 1_000, "cr": 10_000_000]
        for (value, spellings) in [(Decimal(100), "hundred hundreds sau"),
                                   (1_000, "thousand thousands hazaar hazar hajar hajaar"),
                                   (100_000, "lakh lakhs lac lacs"), (10_000_000, "crore crores")] {
            for spelling in spellings.split(separator: " ") { scales[String(spelling)] = value }
        }
        return scales
    }()

    /// Currency words around an amount: "rs 500", "500 rupaye", "₹500" (the sign itself is dropped by the tokenizer).
    static let currencyWords: Set<String> = ["rs", "inr", "rupees", "rupee", "rupaye", "rupay", "rupiya", "rupiye", "rupya", "rupye", "रुपये", "रुपए"]

    private enum Comparison {
        case above, atLeast, below, atMost

        func range(_ value: Decimal) -> AmountRange {
            switch self {
            case .above: AmountRange(lower: AmountBound(value, inclusive: false))
            case .atLeast: AmountRange(lower: AmountBound(value, inclusive: true))
            case .below: AmountRange(upper: AmountBound(value, inclusive: false))
            case .atMost: AmountRange(upper: AmountBound(value, inclusive: true))
            }
        }
    }

    private func word(_ i: Int) -> Word? { tokens[safe: i]?.word }
    private func text(_ i: Int) -> String? { tokens[safe: i]?.text }

    /// An amount written at `i`: currency words, a number, a scale, currency words. `marked`: a currency word or scale
    /// says it is money.
    private func amount(at i: Int) -> (value: Decimal, next: Int, marked: Bool)? {
        var j = i
        while let word = text(j), Self.currencyWords.contains(word) { j += 1 }
        guard let token = tokens[safe: j] else { return nil }
        var marked = j > i
        var next = j + 1
        let scale = text(next).flatMap { Self.scales[$0] }
        var value: Decimal
        if let digits = token.digits {
            value = Decimal(digits)
        } else if scale != nil, let written = token.number.map({ Decimal($0) }) ?? Decimal(string: token.text) {
            // "ek lakh", "1.5 lakh" (read as a date until the scale follows).
            value = written
        } else {
            return nil
        }
        if let scale {
            value *= scale
            next += 1
            marked = true
        }
        while let word = text(next), Self.currencyWords.contains(word) { next += 1; marked = true }
        // "5 nov", "7 din", "2 mahine pehle": a date or a span of time, not money.
        switch word(next) {
        case .monthName?, .unit?, .ago?: return nil
        default: break
        }
        return (value, next, marked)
    }

    /// "between 1k and 5k", "from ₹1,000 to ₹5,000", "1000 se 5000 ke beech", "500 se 2000 tak", "1000-5000 rupees".
    private func range(at i: Int) -> Match? {
        let opened = word(i) == .between || word(i) == .from
        guard let first = amount(at: opened ? i + 1 : i) else { return nil }
        let connector = tokens[safe: first.next]
        guard connector?.kind == .dash || [Word.and, .to, .se].contains(connector?.word ?? .filler),
              let second = amount(at: first.next + 1) else { return nil }
        var end = second.next
        var closed = false
        if word(end) == .tak {
            (end, closed) = (end + 1, true)
        } else if word(end) == .between {
            (end, closed) = (end + 1, true)
        } else if word(end) == .ka, word(end + 1) == .between {
            (end, closed) = (end + 2, true)
        }
        guard word(i) == .between || closed || first.marked || second.marked else { return nil }
        let (low, high) = (min(first.value, second.value), max(first.value, second.value))
        return Match(tokens: i..<end, range: AmountRange(lower: AmountBound(low, inclusive: true), upper: AmountBound(high, inclusive: true)))
    }

    /// "above 3000", "more than rs 2500", "under 500", "less than 1k", "at least 2000", "at most 500", "upto 5000",
    /// "kam se kam 2000".
    private func comparedFirst(at i: Int) -> Match? {
        var comparison: Comparison?
        var start = i + 1
        switch word(i) {
        case .above?: comparison = .above
        case .below?: comparison = .below
        case .most? where text(i + 1) == "than": comparison = .above
        case .least? where text(i + 1) == "than": comparison = .below
        case .least? where word(i + 1) == .se && word(i + 2) == .least: (comparison, start) = (.atLeast, i + 3)
        case .at? where word(i + 1) == .least: (comparison, start) = (.atLeast, i + 2)
        case .at? where word(i + 1) == .most: (comparison, start) = (.atMost, i + 2)
        case .to? where text(i) == "upto" || text(i - 1) == "up": comparison = .atMost
        default: break
        }
        if text(start) == "than" { start += 1 }
        guard let comparison, let amount = amount(at: start) else { return nil }
        return Match(tokens: i..<amount.next, range: comparison.range(amount.value))
    }

    /// "5000 se zyada", "2000 se kam", "10 hazar se upar", "500 ke neeche", "5000 and above", "2000 or more",
    /// "5k+", "5000 tak".
    private func amountFirst(at i: Int) -> Match? {
        guard let amount = amount(at: i) else { return nil }
        var end = amount.next
        var comparison: Comparison?
        let more: Set<Word> = [.most, .above, .largest], less: Set<Word> = [.least, .below, .smallest]
        let after = word(end) ?? .filler
        if text(end) == "+" || text(end) == "plus" {
            (comparison, end) = (.atLeast, end + 1)
        } else if after == .or || after == .and, let next = word(end + 1), more.contains(next) || less.contains(next) {
            (comparison, end) = (more.contains(next) ? .atLeast : .atMost, end + 2)
        } else if after == .se || after == .ka, let next = word(end + 1), more.contains(next) || less.contains(next) {
            // "ke upar", "se zyada": above; "ke neeche", "se kam": below. "ka bada" is no comparison.
            guard after == .se || next == .above || next == .below else { return nil }
            (comparison, end) = (more.contains(next) ? .above : .below, end + 2)
        } else if after == .above || after == .below {
            (comparison, end) = (after == .above ? .above : .below, end + 1)
        } else if after == .tak {
            (comparison, end) = (.atMost, end + 1)
        }
        guard let comparison else { return nil }
        return Match(tokens: i..<end, range: comparison.range(amount.value))
    }
}
