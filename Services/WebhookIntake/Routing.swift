import FintrakCore

/// Where a message goes and what the conversation becomes: a pure decision, so the menu and the
/// content-based routing are tested without servers.
struct RoutingDecision: Equatable {
    enum Destination: Equatable {
        case invoices, questions
    }

    var destination: Destination
    /// The state to keep for the sender; nil clears it.
    var nextState: ConversationState?
}

enum Routing {
    static let greetings: Set<String> = ["hi", "hii", "hello", "hey", "menu", "help", "start", "namaste", "helo"]

    static func decide(text: String?, hasMedia: Bool, state: ConversationState?) -> RoutingDecision {
        let current = state ?? ConversationState()
        // Any photo or PDF is a bill, whatever the menu said.
        if hasMedia { return RoutingDecision(destination: .invoices, nextState: current) }
        let words = (text ?? "").lowercased().split(whereSeparator: \.isWhitespace)
        let command = words.joined(separator: " ")
        if greetings.contains(command) {
            return RoutingDecision(destination: .questions,
                                   nextState: ConversationState(mode: .idle, lastInvoiceID: current.lastInvoiceID))
        }
        var next = current
        switch command {
        case "1": next.mode = .awaitingInvoice
        case "2": next.mode = .awaitingQuestion
        case "3": next.mode = .khata
        case "0": return RoutingDecision(destination: .questions, nextState: nil)
        default:
            // "edit total 1530" and "undo" finish the invoice the last confirmation was about.
            if current.lastInvoiceID != nil, let first = words.first, first == "edit" || first == "undo" {
                return RoutingDecision(destination: .invoices, nextState: current)
            }
        }
        return RoutingDecision(destination: .questions, nextState: next)
    }
}
