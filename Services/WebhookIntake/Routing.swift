import FintrakCore

/// What a message does to the sender's conversation state. It depends on the message alone, so the change can be
/// applied in the same Redis script that deduplicates the message (one round trip, nothing half-done).
enum StateChange: Equatable, Sendable {
    /// Leave the state as it is (whatever other services put there, such as the invoice to edit).
    case keep
    /// Set the menu mode and keep everything else.
    case mode(ConversationState.Mode)
    /// "0": goodbye, and the state is gone.
    case clear
}

/// Where a message goes and what the conversation becomes: a pure decision, so the menu and the
/// content-based routing are tested without servers.
struct RoutingDecision: Equatable {
    enum Destination: Equatable {
        case invoices, questions
    }

    var destination: Destination
    var stateChange: StateChange
}

enum Routing {
    /// First words of the invoice commands the extractor understands ("edit total 1530", "undo").
    static let invoiceCommands: Set<String> = ["edit", "change", "fix", "undo"]

    static func decide(text: String?, media: [MediaAttachment], state: ConversationState?) -> RoutingDecision {
        RoutingDecision(destination: destination(text: text, media: media, state: state),
                        stateChange: stateChange(text: text, media: media))
    }

    /// The menu: "hi"/"menu"/"help" show it (mode idle), "1"/"2"/"3" choose, "0" says goodbye and forgets.
    static func stateChange(text: String?, media: [MediaAttachment]) -> StateChange {
        if media.contains(where: isBill) { return .keep }
        // Every menu word is short: a longer text (most questions) is not one, and needs no closer look.
        guard let text, text.utf8.count <= 24 else { return .keep }
        let command = words(text).joined(separator: " ")
        // The same words query-generator answers with the menu.
        if Replies.greetings.contains(command) { return .mode(.idle) }
        switch command {
        case "1": return .mode(.awaitingInvoice)
        case "2": return .mode(.awaitingQuestion)
        case "3": return .mode(.khata)
        case "0": return .clear
        default: return .keep
        }
    }

    /// By content, so nobody needs the menu: a photo or PDF is a bill; an edit or undo goes to the extractor while
    /// there is an invoice to apply it to; everything else is a question (or a khata line, or a menu word).
    static func destination(text: String?, media: [MediaAttachment], state: ConversationState?) -> RoutingDecision.Destination {
        if media.contains(where: isBill) { return .invoices }
        if media.isEmpty, state?.lastInvoiceID != nil, let first = words(text).first, invoiceCommands.contains(first) {
            return .invoices
        }
        return .questions
    }

    /// Photos and PDFs (and media whose type the provider did not say) are bills. Stickers (WebP), voice notes,
    /// videos and spreadsheets are not: they go to the question side, which answers what it can.
    static func isBill(_ media: MediaAttachment) -> Bool {
        let name = media.filename?.lowercased()
        guard let type = media.contentType?.lowercased(), type != "application/octet-stream" else {
            guard let name else { return true }
            return [".pdf", ".jpg", ".jpeg", ".png", ".heic"].contains { name.hasSuffix($0) }
        }
        if type.hasPrefix("image/") { return !type.hasPrefix("image/webp") }
        return type.hasPrefix("application/pdf")
    }

    /// Lowercased words without the punctuation around them ("Undo." is "undo").
    private static func words(_ text: String?) -> [String] {
        (text ?? "").lowercased().split(whereSeparator: \.isWhitespace).compactMap { word in
            guard let first = word.firstIndex(where: { !$0.isPunctuation }),
                  let last = word.lastIndex(where: { !$0.isPunctuation })
            else { return nil }
            return String(word[first...last])
        }
    }
}
