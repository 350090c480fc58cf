import FintrakCore

/// The menu's words and what each option answers.
enum Conversation {
    static func reply(to text: String) -> String {
        switch text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") {
        case "1": "Send me a photo or PDF of the bill and I'll save it."
        case "2": "Ask away, for example: \"how much did I spend at Reliance last month?\" or \"pichle mahine ka GST kitna tha?\""
        case "3": "Tell me like you'd write it in your khata: \"Ramesh 500 udhaar\", \"Ramesh ne 200 diye\", \"Ramesh ka hisaab\"."
        case "0": "Bye! Message me any time."
        default: Replies.menu
        }
    }
}
