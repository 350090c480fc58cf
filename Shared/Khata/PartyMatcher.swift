import FintrakCore
import QuestionUnderstanding

/// One of the owner's parties.
public struct KhataParty: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// How a name the owner wrote matches the owner's own parties.
public enum PartyMatch: Sendable, Hashable {
    case found(KhataParty)
    /// Several parties fit ("Ramesh": "Ramesh Kumar", "Ramesh Sharma"): the owner chooses.
    case ambiguous([KhataParty])
    /// Nobody fits: a new party with this display name.
    case new(String)
}

/// Matches names case-insensitively, with or without honorifics ("Ramesh bhai"), by whole words ("Ramesh" in
/// "Ramesh Kumar") and misspelt ("Rmesh"), against the owner's parties only.
public enum PartyMatcher {
    static let honorifics: Set<String> = [
        "bhai", "bhaiya", "bhaiyya", "ji", "sir", "seth", "sethji", "sahab", "saab", "sahib", "uncle", "aunty",
        "auntie", "didi", "madam", "mr", "mrs", "ms", "shri", "sri", "shree", "smt", "bhabhi", "chacha", "kaka",
    ]

    /// The words that name someone: lower case, honorifics dropped (unless nothing else is left).
    static func nameWords(_ name: String) -> [String] {
        let words = KhataTokenizer.words(name).map { $0.lowercased() }.filter { $0 != "'s" }
        let named = words.filter { !honorifics.contains($0) }
        return named.isEmpty ? words : named
    }

    /// Lower-case letters and digits of the name without honorifics: what `ledger_parties.name_key` holds.
    public static func key(_ name: String) -> String {
        nameWords(name).joined()
    }

    /// "mahalaxmi suppliers" → "Mahalaxmi Suppliers": how a new party is written.
    public static func displayName(_ phrase: String) -> String {
        phrase.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The party this exact name (honorifics aside) belongs to, if any.
    public static func exact(_ phrase: String, among parties: [KhataParty]) -> KhataParty? {
        let wanted = key(phrase)
        return parties.first { key($0.name) == wanted }
    }

    public static func match(_ phrase: String, among parties: [KhataParty]) -> PartyMatch {
        let words = nameWords(phrase)
        let wanted = words.joined()
        guard !wanted.isEmpty else { return .new(displayName(phrase)) }
        if let party = exact(phrase, among: parties) { return .found(party) }
        // "sureshs balance": a possessive written without its apostrophe.
        if wanted.hasSuffix("s"), let party = parties.first(where: { key($0.name) == String(wanted.dropLast()) }) {
            return .found(party)
        }
        // "Ramesh" names "Ramesh Kumar" when he is the only Ramesh; "Ramesh Kumar" may or may not be the "Ramesh" the
        // owner has, so the owner chooses (the choice includes a new party).
        let wider = parties.filter { words.allSatisfy(nameWords($0.name).contains) }
        if wider.count == 1, let party = wider.first { return .found(party) }
        if wider.count > 1 { return .ambiguous(wider) }
        let narrower = parties.filter { nameWords($0.name).allSatisfy(words.contains) }
        if !narrower.isEmpty { return .ambiguous(narrower) }
        let limit = wanted.count < 4 ? 0 : wanted.count < 8 ? 1 : 2
        let near = parties.filter { party in
            let theirs = key(party.name)
            return limit > 0 && theirs.first == wanted.first && Fuzzy.distance(theirs, wanted, limit: limit) <= limit
        }
        if near.count == 1, let party = near.first { return .found(party) }
        if near.count > 1 { return .ambiguous(near) }
        return .new(displayName(phrase))
    }
}
