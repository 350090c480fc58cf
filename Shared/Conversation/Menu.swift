import FintrakCore

/// A menu word, recognised the same way everywhere: intake moves the conversation on it, query-generator
/// answers it. Nothing else decides what counts as "hi" or "1".
package enum MenuCommand: Equatable, Sendable, CaseIterable {
    /// "hi", "menu", "help", … : show the menu.
    case showMenu
    /// "1": how to save an invoice.
    case saveInvoice
    /// "2": how to ask a question.
    case askQuestion
    /// "3": how to write a khata line.
    case khata
    /// "0": goodbye; the conversation state is forgotten.
    case exit

    /// Words that ask for the menu, besides a greeting (`Chatter`).
    package static let menuWords: Set<String> = ["menu", "help", "start"]

    /// The command `text` is, if it is one. Case, spacing and the punctuation around words do not matter
    /// ("Hi!", " menu ", "1." all count); a message that is only a greeting ("hello ji 🙏", "नमस्ते") asks for the
    /// menu; anything else longer than a menu word is not one.
    package init?(_ text: String?) {
        guard let text else { return nil }
        if Chatter(text) == .greeting {
            self = .showMenu
            return
        }
        // Every menu word is short: a longer text (most questions) is not one, and needs no closer look.
        guard text.utf8.count <= 24 else { return nil }
        let command = MessageWords.words(text).joined(separator: " ")
        if Self.menuWords.contains(command) {
            self = .showMenu
            return
        }
        switch command {
        case "1": self = .saveInvoice
        case "2": self = .askQuestion
        case "3": self = .khata
        case "0": self = .exit
        default: return nil
        }
    }

    /// What query-generator answers.
    package var reply: String {
        switch self {
        case .showMenu: Self.menu
        case .saveInvoice: "Send me a photo or PDF of the bill and I'll save it."
        case .askQuestion:
            "Ask away, for example: \"how much did I spend at Reliance last month?\" or \"pichle mahine ka GST kitna tha?\""
        case .khata:
            "Tell me like you'd write it in your khata: \"Ramesh 500 udhaar\", \"Ramesh ne 200 diye\", \"Ramesh ka hisaab\"."
        case .exit: "Bye! Message me any time."
        }
    }

    package static let menu = """
        Namaste! I'm Fintrak, your WhatsApp bookkeeper.
        1. Save an invoice – send a photo or PDF of the bill
        2. Ask a question – e.g. "how much did I spend at Reliance last month?"
        3. Khata – e.g. "Ramesh 500 udhaar", "Ramesh ne 200 diye", "Ramesh ka hisaab"
        0. Exit
        Type "web" for a link to your books on a page.
        """
}

/// How a chat message is cut into words for the menu and the command verbs.
package enum MessageWords {
    /// Lowercased words without the punctuation around them ("Undo." is "undo", "hi!" is "hi").
    package static func words(_ text: String?) -> [String] {
        (text ?? "").lowercased().split(whereSeparator: \.isWhitespace).compactMap { word in
            guard let first = word.firstIndex(where: { !$0.isPunctuation }),
                  let last = word.lastIndex(where: { !$0.isPunctuation })
            else { return nil }
            return String(word[first...last])
        }
    }
}
