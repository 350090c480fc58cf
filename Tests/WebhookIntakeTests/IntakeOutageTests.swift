import FintrakQueues
import FintrakTestSupport
import Foundation
import Testing
@testable import WebhookIntake

/// Stops real servers, so these run on their own (scripts/test.sh runs tests named "Outage" after the rest):
/// while Redis or the broker is down, webhooks get 503 and nothing is half-done; once it is back, the provider's
/// retry of the same message is accepted, without restarting intake.
@Suite(.serialized) struct IntakeOutageTests {
    @Test(arguments: ["redis", "rabbitmq"])
    func duringAnOutageWebhooksGet503AndTheRetryAfterwardsIsQueuedOnce(server: String) async throws {
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: tenant, "hi")).status == 200)
            let fields = IntakeHarness.twilioText(from: tenant, "2")
            try runDevServers("pause", server)
            do {
                #expect(try await intake.twilio(fields).status == 503)
                #expect(try await eventually(timeout: .seconds(20)) { try await intake.get("/ready").status == 503 })
            } catch {
                try runDevServers("resume", server)
                throw error
            }
            try runDevServers("resume", server)
            #expect(try await eventually(timeout: .seconds(30)) { try await intake.get("/ready").status == 200 })
            if server == "rabbitmq" {
                // The mark was undone when the publish failed: the state did not move either.
                #expect(try await intake.redis.get(IntakeHarness.seenKey(.twilio, fields[0].1)) == nil)
                #expect(try await intake.conversation(tenant) == nil)
            }
            #expect(try await eventually(timeout: .seconds(30)) { try await intake.twilio(fields).status == 200 })
            // Repeats are answered 200 and not processed again.
            #expect(try await intake.twilio(fields).status == 200)
            #expect(try await intake.twilio(fields).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            #expect(queued.map(\.text) == ["hi", "2"])
            #expect(try await intake.conversation(tenant) == nil)
        }
    }
}
