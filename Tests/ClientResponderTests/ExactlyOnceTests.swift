@testable import ClientResponder
import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
import Testing

/// The handler called directly (no consumer), so each test knows exactly which deliveries were handled.
@Suite struct ExactlyOnceTests {
    /// A responder whose consumers are not running, for calling `deliver` and the status recorder by hand.
    /// `startedAt`: when the responder is to have started (an older start skips its wait for queued reports).
    static func withIdleResponder(provider: ScriptedProvider, startedAt: ContinuousClock.Instant = .now,
                                  _ body: (ResponderService, ResponderHarness) async throws -> Void) async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run(handler: { try await provider.handle($0) }) { server in
            let environment = try ServiceEnvironment.make(ResponderHarness.providerSettings(server))
            let configuration = try FintrakConfiguration.load(service: ResponderService.name, defaultPort: 0, environment: environment)
            let responder = ResponderService(configuration: configuration, settings: try ResponderSettings.load(configuration),
                                             startedAt: startedAt)
            let pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: Logger(label: "test"))
            let harness = ResponderHarness(environment: environment, queues: configuration.queues,
                                           publisher: responder.infrastructure.publisher, pool: pool, server: server,
                                           provider: provider, port: 0)
            do {
                try await body(responder, harness)
            } catch {
                await responder.infrastructure.close()
                responder.claims.close()
                pool.close()
                throw error
            }
            await responder.infrastructure.close()
            responder.claims.close()
            pool.close()
        }
    }

    static func delivery(_ reply: OutboundReply) throws -> AMQPDelivery {
        AMQPDelivery(body: try EnvelopeCoding.encode(reply), routingKey: "replies", messageID: reply.replyID)
    }

    @Test func aRedeliveredReplyThatWasSentIsAckedWithoutSending() async throws {
        let provider = ScriptedProvider()
        try await Self.withIdleResponder(provider: provider) { responder, harness in
            let reply = harness.reply("once \(UUID())")
            #expect(await responder.deliver(try Self.delivery(reply)) == .ack)
            #expect(await responder.deliver(try Self.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 1)
            let row = try #require(try await harness.row(reply.replyID))
            #expect(row["status"] == "sent")
            #expect(try row.decode("attempts", as: Int.self) == 1)
        }
    }

    @Test func concurrentCopiesOfOneReplyReachTheProviderOnce() async throws {
        // Slow enough that the copies overlap with the first send.
        let provider = ScriptedProvider(otherwise: { request in
            try await Task.sleep(for: .milliseconds(500))
            return try await ScriptedProvider.created(request)
        })
        try await Self.withIdleResponder(provider: provider) { responder, harness in
            let reply = harness.reply("copies \(UUID())")
            let delivery = try Self.delivery(reply)
            async let first = responder.deliver(delivery)
            async let second = responder.deliver(delivery)
            async let third = responder.deliver(delivery)
            // The copies that found the reply claimed were put off (through the delay queue), not dropped.
            #expect(await [first, second, third] == [.ack, .ack, .ack])
            #expect(harness.server.requests.count == 1)
            #expect(try await harness.status(reply.replyID) == "sent")
        }
    }

    @Test func aClaimHeldByAnotherProcessIsRespected() async throws {
        let url = try TestEnvironment.databaseURL
        let logger = Logger(label: "test")
        let mine = ReplyClaims(connection: PostgresConnection(url: url, logger: logger))
        let theirs = ReplyClaims(connection: PostgresConnection(url: url, logger: logger))
        defer {
            mine.close()
            theirs.close()
        }
        let id = "twilio:claim-\(UUID()):0"
        #expect(try await mine.claim(id))
        #expect(try await !mine.claim(id), "a second claim in the same process")
        #expect(try await !theirs.claim(id), "a claim from another session")
        #expect(await mine.release(id))
        #expect(try await theirs.claim(id))
        #expect(await theirs.release(id))
    }

    @Test func deliveryReportsNeverGoBackwardsAndStayWithTheirTenant() async throws {
        try await Self.withIdleResponder(provider: ScriptedProvider()) { responder, harness in
            let reply = harness.reply("report \(UUID())")
            #expect(await responder.deliver(try Self.delivery(reply)) == .ack)
            let sid = try #require(try await harness.row(reply.replyID)?["provider_sid"])
            func report(_ status: String, recipient: String? = nil, provider: Provider = .twilio, id: String? = nil)
                async throws -> DeliveryStatuses.Recording
            {
                try await responder.statuses.record(DeliveryStatusEvent(
                    provider: provider, providerMessageID: id ?? sid, status: status, recipient: recipient ?? harness.tenant,
                    occurredAt: Date()))
            }
            #expect(try await report("read") == .recorded)
            #expect(try await report("delivered") == .stale)
            #expect(try await harness.row(reply.replyID)?["delivery_status"] == "read")
            #expect(try await report("read", recipient: ServiceEnvironment.uniqueTenant()) == .unknown, "another tenant's number")
            #expect(try await report("read", provider: .meta) == .unknown, "another provider's id space")
            #expect(try await report("sent", id: "SMnothing\(UUID())") == .unknown)
            #expect(try await report("failed") == .recorded)
            #expect(try await harness.row(reply.replyID)?["delivery_status"] == "failed")
        }
    }
}
