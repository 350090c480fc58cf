import FintrakConfiguration

/// Intake's own settings beyond the contract's: the per-sender rate limit and the providers' webhook secrets.
struct IntakeSettings: ServiceSettings {
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
    /// `OPS_TOKEN`: lets a scraper from another machine read `/metrics` and `/ready` (`Authorization: Bearer …`);
    /// unset, only loopback peers may.
    var opsToken: String?

    /// Reads `RATE_LIMIT_PER_MINUTE` (default 120, 0 = off), `RATE_LIMIT_BURST` (default 100), `OPS_TOKEN` and the
    /// webhook secrets, which are read even when the provider's sending credentials are not set: receiving needs only them.
    static func read(from env: inout EnvironmentReader, configuration: FintrakConfiguration) -> IntakeSettings {
        let perMinute = env.integer("RATE_LIMIT_PER_MINUTE", default: RateLimit.default.perMinute, range: 0...1_000_000)
        let burst = env.integer("RATE_LIMIT_BURST", default: RateLimit.default.burst, range: 1...1_000_000)
        return IntakeSettings(
            rateLimit: RateLimit(perMinute: perMinute, burst: burst),
            gupshupWebhookToken: configuration.gupshup?.webhookToken ?? env.optional("GUPSHUP_WEBHOOK_TOKEN"),
            metaAppSecret: configuration.meta?.appSecret ?? env.optional("META_APP_SECRET"),
            metaVerifyToken: configuration.meta?.verifyToken ?? env.optional("META_VERIFY_TOKEN"),
            opsToken: env.optional("OPS_TOKEN"))
    }
}
