import FintrakCore

/// The menu's words and what each option answers; nil for anything else, which is a question.
enum Conversation {
    static func reply(to text: String) -> String? {
        let command = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch command {
        case "1": return "Send me a photo or PDF of the bill and I'll save it."
        case "2":
            return "Ask away, for example: \"how much did I spend at Reliance last month?\" or \"pichle mahine ka GST kitna tha?\""
        case "3": return "Tell me like you'd write it in your khata: \"Ramesh 500 udhaar\", \"Ramesh ne 200 diye\", \"Ramesh ka hisaab\"."
        case "0": return "Bye! Message me any time."
        default: return Replies.greetings.contains(command) ? Replies.menu : nil
        }
    }
}
