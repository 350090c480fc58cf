import FintrakConfiguration

/// client-responder's own settings beyond the contract's.
struct ResponderSettings: ServiceSettings {
    /// `REPLY_MAX_ATTEMPTS`: sends of one reply before it is dead-lettered.
    var maxAttempts: Int
    /// `REPLY_SEND_TIMEOUT_SECONDS`: one provider call's limit.
    var sendTimeout: Duration
    /// `TWILIO_STATUS_CALLBACK_URL`: where Twilio reports delivery (nil: no reports).
    var statusCallback: String?
    /// `REMINDER_TEMPLATE_*`, `ENTRY_NOTICE_TEMPLATE_*`: the approved templates for messages Fintrak starts.
    var templates: TemplateSettings

    static func read(from env: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self {
        Self(maxAttempts: env.integer("REPLY_MAX_ATTEMPTS", default: 6, range: 1...50),
             sendTimeout: .seconds(env.integer("REPLY_SEND_TIMEOUT_SECONDS", default: 10, range: 1...120)),
             statusCallback: statusCallback(&env, publicBaseURL: configuration.publicBaseURL),
             templates: TemplateSettings.read(from: &env))
    }

    /// `TWILIO_STATUS_CALLBACK_URL`: by default intake's `/whatsapp`, which tells status callbacks from messages,
    /// with `statusCallbackOverrides`; `off` asks for no reports.
    static func statusCallback(_ env: inout EnvironmentReader, publicBaseURL: String) -> String? {
        switch env.optional("TWILIO_STATUS_CALLBACK_URL") {
        case nil: publicBaseURL + "/whatsapp" + statusCallbackOverrides
        case "off"?: nil
        default: env.url("TWILIO_STATUS_CALLBACK_URL", schemes: ["http", "https"], example: "https://fintrak.example.com/whatsapp")
        }
    }

    /// Twilio's connection overrides for the default status callback (a fragment Twilio reads and never sends): up to
    /// 5 retries on a failed connection, a read timeout or a 5xx, within 15 s. A report may be the one that shows a
    /// reply went out, so one lost to a restarting intake would cost a wait (`RetryPolicies.unconfirmedSendWait`).
    static let statusCallbackOverrides = "#rc=5&rp=ct,rt,5xx&tt=15000"
}
