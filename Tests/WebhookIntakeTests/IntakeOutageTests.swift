import FintrakQueues
import FintrakTestSupport
import Foundation
import Testing
@testable import WebhookIntake

/// Stops real servers, so these run on their own (scripts/test.sh runs tests named "Outage" after the rest):
/// while Redis or the broker is down, webhooks are kept in the spool and answered 200; once it is back, intake's
/// drainer publishes each once, in order, without restarting intake. Only with PostgreSQL down too is the answer 503.
@Suite(.serialized) struct IntakeOutageTests {
    @Test(arguments: ["redis", "rabbitmq"])
    func duringAnOutageWebhooksAreSpooledAndPublishedOnceInOrderAfterwards(server: String) async throws {
        try await ServiceEnvironment.migrate()
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: tenant, "hi")).status == 200)
            let during = ["2", "total spend this month"].map { IntakeHarness.twilioText(from: tenant, $0) }
            try runDevServers("pause", server)
            do {
                for fields in during { #expect(try await intake.twilio(fields).status == 200) }
                #expect(try await intake.twilio(during[0]).status == 200, "a repeat while spooled")
                #expect(try await intake.spooled() == during.map { $0[0].1 })
                #expect(try await eventually { try await intake.get("/ready").status == 503 })
            } catch {
                try runDevServers("resume", server)
                throw error
            }
            try runDevServers("resume", server)
            #expect(try await eventually { try await intake.get("/ready").status == 200 })
            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            // Repeats are answered 200 and not processed again.
            #expect(try await intake.twilio(during[0]).status == 200)
            #expect(try await intake.twilio(during[1]).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            #expect(queued.map(\.text) == ["hi", "2", "total spend this month"])
        }
    }

    /// A delivery report may be what shows a reply went out (client-responder waits for it), and Twilio retries a
    /// status callback only when told to: while the broker is down it is spooled like a message and answered 200, and
    /// published, with the reference its URL carried, once the broker is back.
    @Test func duringABrokerOutageDeliveryReportsAreSpooledAndPublishedAfterwards() async throws {
        try await ServiceEnvironment.migrate()
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let sid = IntakeHarness.newSID()
            let report = [("MessageSid", sid), ("AccountSid", ServiceEnvironment.twilioSID), ("MessageStatus", "sent"),
                          ("To", "whatsapp:" + tenant), ("From", ServiceEnvironment.twilioNumber)]
            try runDevServers("pause", "rabbitmq")
            do {
                #expect(try await intake.twilio(report, path: "/whatsapp?ref=twilio%3ASMin%3A0").status == 200)
                #expect(try await intake.spooled() == ["status:\(sid):sent"])
            } catch {
                try runDevServers("resume", "rabbitmq")
                throw error
            }
            try runDevServers("resume", "rabbitmq")
            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            let published = try await intake.statuses()
            #expect(published.map(\.providerMessageID) == [sid])
            #expect(published.first?.reference == "twilio:SMin:0")
        }
    }

    /// With nowhere to keep a message, intake says so: 503, and the provider's retry afterwards is queued once.
    @Test func withPostgresAndTheBrokerBothDownWebhooksGet503() async throws {
        try await ServiceEnvironment.migrate()
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let fields = IntakeHarness.twilioText(from: tenant, "hi")
            try runDevServers("pause", "rabbitmq")
            do {
                try runDevServers("pause", "postgres")
                do {
                    let response = try await intake.twilio(fields)
                    #expect(response.status == 503)
                    #expect(response.header("Retry-After") != nil)
                } catch {
                    try runDevServers("resume", "postgres")
                    throw error
                }
                try runDevServers("resume", "postgres")
            } catch {
                try runDevServers("resume", "rabbitmq")
                throw error
            }
            try runDevServers("resume", "rabbitmq")
            #expect(try await eventually { try await intake.get("/ready").status == 200 })
            #expect(try await eventually { try await intake.twilio(fields).status == 200 })
            #expect(try await intake.twilio(fields).status == 200)
            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            #expect(try await intake.inbound(intake.queues.questions).map(\.providerMessageID) == [fields[0].1])
        }
    }

    /// Redis restarts while intake sits idle with its pooled connections open: the very next webhooks are all
    /// accepted (each connection notices the restart before sending), each is published once, and /ready stays 200.
    @Test func afterARedisRestartTheNextWebhooksAreAllAcceptedOnce() async throws {
        try await ServiceEnvironment.migrate()
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            // Open every pooled connection: concurrent requests spread over them.
            let warmUp = try await Self.sendConcurrently(20, from: tenant, intake: intake)
            #expect(warmUp.allSatisfy { $0 == 200 })
            for _ in 0..<16 { #expect(try await intake.get("/ready").status == 200) }
            _ = try await intake.inbound(intake.queues.questions)

            try runDevServers("pause", "redis")
            try runDevServers("resume", "redis")

            let batch = (0..<20).map { IntakeHarness.twilioText(from: tenant, "total spend \($0)") }
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for fields in batch { group.addTask { try await intake.twilio(fields).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers == Array(repeating: 200, count: 20))
            for _ in 0..<10 { #expect(try await intake.get("/ready").status == 200) }
            // Repeats of the same messages are duplicates now, not new messages.
            for fields in batch.prefix(3) { #expect(try await intake.twilio(fields).status == 200) }

            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            let published = try await intake.inbound(intake.queues.questions).map(\.providerMessageID)
            #expect(published.sorted() == batch.map { $0[0].1 }.sorted())
        }
    }

    static func sendConcurrently(_ count: Int, from tenant: String, intake: IntakeHarness) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<count {
                group.addTask { try await intake.twilio(IntakeHarness.twilioText(from: tenant, "warm up \(index)")).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
