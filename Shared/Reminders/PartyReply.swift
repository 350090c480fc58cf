import Foundation
import Khata

/// What a party (someone in an owner's khata, writing from their own number) can answer to a reminder or an entry
/// notice. Read before anything else, because these words mean the same for every business on the number.
public enum PartyReply: Sendable, Hashable {
    /// "STOP": no more reminders to this number.
    case stop
    /// "START": reminders again.
    case start
    /// "OK 7QK": the entry with that code is right.
    case confirm(code: String)
    /// "NO 7QK": it is not.
    case dispute(code: String)
    /// "paid 500", "maine 500 de diye": a claim the owner confirms before anything is recorded.
    case paid(Decimal)

    /// What the database function `party_reply` calls this kind.
    public var kind: String {
        switch self {
        case .stop: "stop"
        case .start: "start"
        case .confirm: "ok"
        case .dispute: "no"
        case .paid: "paid"
        }
    }
}

public enum PartyReplyParser {
    static let stopWords: Set<String> = ["stop", "unsubscribe", "stop reminders", "stop all", "band karo", "band"]
    static let startWords: Set<String> = ["start", "start reminders", "resume", "unstop"]
    static let confirmWords: Set<String> = ["ok", "okay", "yes", "haan", "ha", "sahi", "correct"]
    static let disputeWords: Set<String> = ["no", "nahi", "nahin", "galat", "wrong"]
    static let paidVerbs: Set<String> = ["paid", "pay", "payed", "diye", "diya", "bheje", "bheja", "transferred", "sent"]
    /// Words a payment claim may carry besides its verb and amount.
    static let paidFillers: Set<String> = [
        "i", "have", "already", "maine", "mene", "ne", "rs", "rupees", "rupaye", "₹", "today", "aaj", "de", "kar", "kiya",
        "hai", "hain", "ho", "gaya", "gaye", "diye", "bhej", "upi", "se", "by", "via", "on", "done", "paid", "ji",
    ]

    /// The reply `text` is, or nil when it is something else (an owner's own message, a question).
    public static func parse(_ text: String) -> PartyReply? {
        guard text.utf8.count <= 80 else { return nil }
        let words = ReminderWords.words(text)
        let phrase = words.joined(separator: " ")
        if stopWords.contains(phrase) { return .stop }
        if startWords.contains(phrase) { return .start }
        if words.count == 2, let code = NoticeCode.normalised(words[1]) {
            if confirmWords.contains(words[0]) { return .confirm(code: code) }
            if disputeWords.contains(words[0]) { return .dispute(code: code) }
        }
        guard (2...7).contains(words.count), words.contains(where: paidVerbs.contains) else { return nil }
        var amount: Decimal?
        var index = 0
        while index < words.count {
            if let read = KhataAmount.read(words, from: index) {
                guard amount == nil, read.value > 0 else { return nil }
                amount = read.value
                index += read.count
            } else {
                guard paidFillers.contains(words[index]) || paidVerbs.contains(words[index]) else { return nil }
                index += 1
            }
        }
        return amount.map(PartyReply.paid)
    }
}

/// The short code an entry notice carries ("Reply OK 7QK"): three characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B), so it survives being read aloud or typed on a phone.
public enum NoticeCode {
    public static let alphabet = Array("ACDEFHJKMNPQRTUVWXY3479")
    public static let length = 3

    /// The code for a random number (the caller draws it; a clash with an open code is drawn again).
    public static func make(random: UInt64) -> String {
        var value = random
        var code = ""
        for _ in 0..<length {
            code.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return code
    }

    /// `text` as a code (any case), or nil when it cannot be one.
    public static func normalised(_ text: String) -> String? {
        let upper = text.uppercased()
        guard upper.count == length, upper.allSatisfy(alphabet.contains) else { return nil }
        return upper
    }
}

/// Words of a chat line for the reminder grammars: lower case, the punctuation around each word dropped ("₹500"
/// and "shop@okaxis" stay whole).
enum ReminderWords {
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: \.isWhitespace).compactMap { word in
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,!?;:\"'()[]{}*"))
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
