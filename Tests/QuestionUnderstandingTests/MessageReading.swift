import Conversation
import Foundation
import Khata
import QuestionSamples
import QuestionUnderstanding
import Reminders

/// How query-generator reads one message, in its order (web words, reminder lines, small talk, khata, menu,
/// questions), as one comparable line: "question total 2026-10-01..2026-10-31 payee=DMart", "khata entry Ramesh 500
/// youGave", "small talk", "refused". For sets of messages written before the parser was read.
enum MessageReading {
    static func read(_ text: String) -> String {
        if WebCommand(text) != nil { return "web" }
        if ReminderCommandParser.parse(text) != nil { return "reminder" }
        var rest = text
        if let smallTalk = Chatter.read(text) {
            if smallTalk.rest.isEmpty { return "small talk" }
            rest = smallTalk.rest
        }
        if let intent = KhataParser.parse(rest) { return "khata " + summary(intent) }
        if MenuCommand(rest) != nil { return "menu" }
        let understanding = understand(rest)
        switch understanding {
        case .plan(let plan): return "question " + understanding.summary + (plan.wantsSpreadsheet ? " +xlsx" : "")
        case .notUnderstood, .unreadableDate: return "refused"
        case .unknownName: return understanding.summary
        }
    }

    /// Whether a reading is the one expected: party names compared without case or trailing honorifics
    /// ("Raju Bhai" is Raju's line).
    static func matches(_ reading: String, _ expected: String) -> Bool {
        normalized(reading) == normalized(expected)
    }

    private static let honorifics: Set<String> = ["ji", "bhai", "bhaiya", "aunty", "auntie", "uncle", "sir", "madam", "जी"]

    private static func normalized(_ line: String) -> String {
        line.lowercased().split(separator: " ").filter { !honorifics.contains(String($0)) }.joined(separator: " ")
    }

    private static func summary(_ intent: KhataIntent) -> String {
        switch intent {
        case .entry(let party, let amount, let direction, _): "entry \(party) \(amount) \(direction.rawValue)"
        case .balance(let party, let statement): "\(statement ? "statement" : "balance") \(party)"
        case .parties(let side): "parties \(side?.rawValue ?? "all")"
        case .total(let side): "total \(side.rawValue)"
        case .cash(let kind, let amount, _): "cash \(kind.rawValue) \(amount)"
        case .profit(let period): "profit \(period.rawValue)"
        default: "\(intent)"
        }
    }

    /// Reads every message, prints the misses and the score, and gives the misses back.
    static func score(_ set: String, _ messages: [(text: String, expected: String)]) -> [String] {
        let misses = messages.compactMap { message -> String? in
            let reading = read(message.text)
            return matches(reading, message.expected) ? nil : "\(message.text) → \(reading) (expected \(message.expected))"
        }
        print("\(set): \(messages.count - misses.count) / \(messages.count) right")
        for miss in misses { print("  miss: \(miss)") }
        return misses
    }
}
