import FintrakCore

/// What a message does to the sender's conversation state. It depends on the message alone, so the change can be
/// applied in the same Redis script that deduplicates the message (one round trip, nothing half-done).
package enum StateChange: Equatable, Sendable {
    /// Leave the state as it is (whatever other services put there, such as the invoice to edit).
    case keep
    /// "0": goodbye, and the state is gone.
    case clear
}

/// Where a message goes and what the conversation becomes: a pure decision, so the menu and the
/// content-based routing are tested without servers.
package struct RoutingDecision: Equatable {
    package enum Destination: Equatable {
        case invoices, questions
    }

    package var destination: Destination
    package var stateChange: StateChange

    package init(destination: Destination, stateChange: StateChange) {
        self.destination = destination
        self.stateChange = stateChange
    }
}

package enum Routing {
    package static func decide(text: String?, media: [MediaAttachment], state: ConversationState?) -> RoutingDecision {
        RoutingDecision(destination: destination(text: text, media: media, state: state),
                        stateChange: stateChange(text: text, media: media))
    }

    /// "0" says goodbye and forgets the state; every other message leaves it (the menu's options are answered,
    /// not remembered: messages are routed by content).
    package static func stateChange(text: String?, media: [MediaAttachment]) -> StateChange {
        if media.contains(where: isBill) { return .keep }
        return MenuCommand(text) == .exit ? .clear : .keep
    }

    /// By content, so nobody needs the menu: a photo or PDF is a bill; an edit or undo goes to the extractor while
    /// there is an invoice to apply it to; everything else is a question (or a khata line, or a menu word).
    package static func destination(text: String?, media: [MediaAttachment], state: ConversationState?) -> RoutingDecision.Destination {
        if media.contains(where: isBill) { return .invoices }
        if media.isEmpty, state?.lastInvoiceID != nil, let first = MessageWords.words(text).first,
           InvoiceCommandVerbs.all.contains(first) {
            return .invoices
        }
        return .questions
    }

    /// Photos and PDFs (and media whose type the provider did not say) are bills. Stickers (WebP), voice notes,
    /// videos and spreadsheets are not: they go to the question side, which answers what it can.
    package static func isBill(_ media: MediaAttachment) -> Bool {
        let name = media.filename?.lowercased()
        guard let type = media.contentType?.lowercased(), type != "application/octet-stream" else {
            guard let name else { return true }
            return [".pdf", ".jpg", ".jpeg", ".png", ".heic"].contains { name.hasSuffix($0) }
        }
        if type.hasPrefix("image/") { return !type.hasPrefix("image/webp") }
        return type.hasPrefix("application/pdf")
    }
}
