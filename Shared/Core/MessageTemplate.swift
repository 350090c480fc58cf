/// The approved WhatsApp templates Fintrak sends when it writes first (outside the 24-hour window a person's own
/// message opens). Each provider knows them by its own id, configured per kind (`REMINDER_TEMPLATE_*`,
/// `ENTRY_NOTICE_TEMPLATE_*`).
public enum TemplateKind: String, Codable, Sendable, CaseIterable {
    /// A payment reminder with a UPI link.
    case paymentReminder = "payment_reminder"
    /// A new khata entry for the party to confirm with a code.
    case entryNotice = "entry_notice"
}

/// A template message: which template, and its body variables in order ({{1}}, {{2}}, …).
public struct TemplateMessage: Codable, Sendable, Hashable {
    public var kind: TemplateKind
    public var variables: [String]

    public init(kind: TemplateKind, variables: [String]) {
        self.kind = kind
        self.variables = variables
    }
}
