import FintrakServiceHost
import FintrakConfiguration
import Testing
@testable import WebhookIntake

@Suite struct IntakeSettingsTests {
    func configuration(_ extra: [String: String]) throws -> FintrakConfiguration {
        try FintrakConfiguration.load(service: "webhook-intake", defaultPort: 8000, environment: [
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db", "REDIS_URL": "redis://127.0.0.1:6379/0",
            "AMQP_URL": "amqp://u:p@127.0.0.1:5672/v",
        ].merging(extra) { $1 })
    }

    @Test func defaultsAreGenerous() throws {
        let settings = try IntakeSettings.load(configuration([:]))
        #expect(settings.rateLimit == IntakeSettings.RateLimit(perMinute: 120, burst: 100))
        #expect(settings.rateLimit.isOn)
        #expect(settings.gupshupWebhookToken == nil && settings.metaAppSecret == nil && settings.metaVerifyToken == nil)
    }

    @Test func webhookSecretsNeedNoSendingCredentials() throws {
        let settings = try IntakeSettings.load(configuration([
            "GUPSHUP_WEBHOOK_TOKEN": "g", "META_APP_SECRET": "s", "META_VERIFY_TOKEN": "v",
            "RATE_LIMIT_PER_MINUTE": "0", "RATE_LIMIT_BURST": "5",
        ]))
        #expect(settings.gupshupWebhookToken == "g")
        #expect(settings.metaAppSecret == "s")
        #expect(settings.metaVerifyToken == "v")
        #expect(!settings.rateLimit.isOn)
    }

    @Test func malformedValuesAreAllNamedAtOnce() throws {
        let configuration = try configuration(["RATE_LIMIT_PER_MINUTE": "lots", "RATE_LIMIT_BURST": "0"])
        do {
            _ = try IntakeSettings.load(configuration)
            Issue.record("malformed values were accepted")
        } catch let error as ConfigurationError {
            #expect(error.problems.count == 2)
            #expect(error.description.contains("RATE_LIMIT_PER_MINUTE"))
            #expect(error.description.contains("RATE_LIMIT_BURST"))
        }
    }

    @Test func theContractsAndIntakesProblemsComeInOneMessage() {
        do {
            _ = try ServiceHost.readConfiguration(service: IntakeService.name, defaultPort: 8000, settings: IntakeSettings.self,
                                                  environment: ["REDIS_URL": "redis://127.0.0.1:6379/0", "RATE_LIMIT_BURST": "0"])
            Issue.record("a broken environment was accepted")
        } catch let error as ConfigurationError {
            for name in ["DATABASE_URL", "AMQP_URL", "RATE_LIMIT_BURST"] { #expect(error.description.contains(name)) }
            #expect(error.problems.count == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
