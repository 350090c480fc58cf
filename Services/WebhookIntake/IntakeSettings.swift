import FintrakConfiguration

/// Intake's own settings beyond the contract's: the per-sender rate limit and the providers' webhook secrets.
struct IntakeSettings: Sendable {
    /// A token bucket per sender: `burst` messages at once, refilled at `perMinute`. `perMinute == 0` turns it off.
    struct RateLimit: Sendable, Equatable {
        var perMinute: Int
        var burst: Int

        // Generous: a person typing, or a bookkeeper pasting a batch of questions, never meets it; a runaway bot does.
        static let `default` = RateLimit(perMinute: 120, burst: 100)

        var isOn: Bool { perMinute > 0 && burst > 0 }
    }

    var rateLimit: RateLimit
    /// `GUPSHUP_WEBHOOK_TOKEN`: Gupshup does not sign callbacks, so the callback URL carries this secret.
    var gupshupWebhookToken: String?
    /// `META_APP_SECRET`: the key of `X-Hub-Signature-256`.
    var metaAppSecret: String?
    /// `META_VERIFY_TOKEN`: what the Cloud API's verify handshake must present.
    var metaVerifyToken: String?

    /// Reads `RATE_LIMIT_PER_MINUTE` (default 120, 0 = off) and `RATE_LIMIT_BURST` (default 100); throws a
    /// `ConfigurationError` naming every malformed value.
    static func load(_ configuration: FintrakConfiguration) throws -> IntakeSettings {
        let (settings, reader) = read(configuration)
        try reader.check()
        return settings
    }

    /// For callers that cannot throw (tests building the service directly): malformed values are the defaults.
    static func lenient(_ configuration: FintrakConfiguration) -> IntakeSettings {
        read(configuration).settings
    }

    /// The webhook secrets are read even when the provider's sending credentials are not set: receiving needs only them.
    private static func read(_ configuration: FintrakConfiguration) -> (settings: IntakeSettings, reader: EnvironmentReader) {
        var env = EnvironmentReader(configuration.environment)
        let perMinute = env.integer("RATE_LIMIT_PER_MINUTE", default: RateLimit.default.perMinute, range: 0...1_000_000)
        let burst = env.integer("RATE_LIMIT_BURST", default: RateLimit.default.burst, range: 1...1_000_000)
        let settings = IntakeSettings(
            rateLimit: RateLimit(perMinute: perMinute, burst: burst),
            gupshupWebhookToken: configuration.gupshup?.webhookToken ?? env.optional("GUPSHUP_WEBHOOK_TOKEN"),
            metaAppSecret: configuration.meta?.appSecret ?? env.optional("META_APP_SECRET"),
            metaVerifyToken: configuration.meta?.verifyToken ?? env.optional("META_VERIFY_TOKEN"))
        return (settings, env)
    }
}
