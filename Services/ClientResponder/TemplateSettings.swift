import FintrakConfiguration
import FintrakCore

/// The approved templates' ids at each provider, per kind: `REMINDER_TEMPLATE_TWILIO` (a Content SID, `HX` and 32
/// hex digits), `REMINDER_TEMPLATE_META` (`name:language`), `REMINDER_TEMPLATE_GUPSHUP` (the template id), and the
/// same three `ENTRY_NOTICE_TEMPLATE_*` for entry notices. Unset: such a message goes as free-form text, which
/// WhatsApp delivers only inside the 24-hour window (otherwise the provider refuses it and it is dead-lettered).
struct TemplateSettings: Sendable, Equatable {
    var ids: [Provider: [TemplateKind: String]] = [:]

    static func variable(_ kind: TemplateKind, _ provider: Provider) -> String {
        (kind == .paymentReminder ? "REMINDER_TEMPLATE_" : "ENTRY_NOTICE_TEMPLATE_") + provider.rawValue.uppercased()
    }

    static func read(from env: inout EnvironmentReader) -> Self {
        var settings = Self()
        for kind in TemplateKind.allCases {
            for provider in [Provider.twilio, .meta, .gupshup] {
                let name = variable(kind, provider)
                guard let value = env.optional(name) else { continue }
                if let problem = problem(value, provider: provider) {
                    env.problems(appending: "\(name) is malformed: \(problem)")
                    continue
                }
                settings.ids[provider, default: [:]][kind] = value
            }
        }
        return settings
    }

    /// Twilio Content SIDs are `HX` and 32 hex digits; Cloud API templates are named with their language.
    static func problem(_ value: String, provider: Provider) -> String? {
        switch provider {
        case .twilio:
            let hex = value.dropFirst(2)
            return value.hasPrefix("HX") && hex.count == 32 && hex.allSatisfy(\.isHexDigit) ? nil
                : "expected a Content SID like HX0123456789abcdef0123456789abcdef, got \(value)"
        case .meta:
            let parts = value.split(separator: ":")
            return parts.count == 2 ? nil : "expected name:language like payment_reminder:en, got \(value)"
        case .gupshup, .console:
            return nil
        }
    }
}
