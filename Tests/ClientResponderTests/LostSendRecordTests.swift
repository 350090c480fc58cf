@testable import ClientResponder
import FailurePolicy
import FintrakCore
import FintrakPostgres
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Testing

/// The window README's delivery guarantees name: the provider accepted a message, and its record never committed (the
/// responder was killed right after the answer). Each test sends a reply once, then undoes the record of that send as
/// the kill would have left it (the intent stays, the status and provider id are gone), and hands the reply back.
@Suite struct LostSendRecordTests {
    /// What a SIGKILL between the provider's answer and `markSent` leaves behind; returns the provider's id.
    static func loseTheRecord(of reply: OutboundReply, _ harness: ResponderHarness) async throws -> String {
        let sid = try #require(try await harness.row(reply.replyID)?["provider_sid"])
        let undone = try await harness.pool.execute(
            "UPDATE outbound_messages SET status = 'pending', provider_sid = NULL WHERE reply_id = $1 AND send_started_at IS NOT NULL",
            [reply.replyID])
        try #require(undone == 1, "the send left no intent")
        return sid
    }

    static func report(_ reply: OutboundReply, sid: String, reference: String?) throws -> AMQPDelivery {
        let event = DeliveryStatusEvent(provider: reply.provider, providerMessageID: sid, status: "sent", recipient: reply.tenant,
                                        occurredAt: Date(), reference: reference)
        return AMQPDelivery(body: try EnvelopeCoding.encode(event), routingKey: "statuses", messageID: sid)
    }

    /// Twilio and the Cloud API echo our reference (the StatusCallback `?ref=`, `biz_opaque_callback_data`); Gupshup's
    /// report names only the recipient, and the one unresolved send to them is it.
    @Test(arguments: [(Provider.twilio, true), (.meta, true), (.gupshup, false)])
    func theProvidersReportRecordsTheSendAndTheRedeliveredReplyIsNotSentAgain(provider: Provider, echoesReference: Bool) async throws {
        try await ExactlyOnceTests.withIdleResponder(provider: ScriptedProvider()) { (responder, harness) async throws in
            let reply = harness.reply("lost record \(UUID())", provider: provider)
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 1)
            let sid = try await Self.loseTheRecord(of: reply, harness)

            // Redelivered before the report: it waits (through a delay queue) instead of sending again.
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 1, "sent again without waiting for the provider's report")
            #expect(try await harness.status(reply.replyID) == "pending")

            #expect(await responder.recordStatus(try Self.report(reply, sid: sid, reference: echoesReference ? reply.replyID : nil)) == .ack)
            let row = try #require(try await harness.row(reply.replyID))
            #expect(row["status"] == "sent")
            #expect(row["provider_sid"] == sid)
            #expect(row["delivery_status"] == "sent")
            let flag = try await harness.pool.query("SELECT recorded_from_report FROM outbound_messages WHERE reply_id = $1",
                                                    [reply.replyID])
            #expect(try flag.first?.decode("recorded_from_report", as: Bool.self) == true)

            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 1, "the reply went to the provider twice")
        }
    }

    /// A provider that sends no reports (the shared harness's fake) still gets the message once the wait is over,
    /// and the send is counted as one that may be a second copy.
    @Test func withoutAReportTheMessageGoesAgainAfterTheWaitAndIsCounted() async throws {
        try await ExactlyOnceTests.withIdleResponder(provider: ScriptedProvider(), startedAt: .now - .seconds(60)) {
            (responder, harness) async throws in
            let reply = harness.reply("no report \(UUID())")
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            _ = try await Self.loseTheRecord(of: reply, harness)
            // As if the wait had passed (the test does not sleep through RetryPolicies.unconfirmedSendWait).
            _ = try await harness.pool.execute(
                "UPDATE outbound_messages SET send_started_at = now() - interval '1 hour' WHERE reply_id = $1", [reply.replyID])
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 2)
            let row = try #require(try await harness.row(reply.replyID))
            #expect(row["status"] == "sent")
            let resends = try await harness.pool.query("SELECT unconfirmed_resends FROM outbound_messages WHERE reply_id = $1",
                                                       [reply.replyID])
            #expect(try resends.first?.decode("unconfirmed_resends", as: Int.self) == 1)
        }
    }

    /// Reports that came while the responder was down are still queued when it starts: until it has been up a while,
    /// however old the send, it waits; after, it sends at once (once the send's own wait is over too).
    @Test func theWaitCoversTheReportsQueuedWhileTheResponderWasDown() {
        #expect(ResponderService.reportWait(sendAge: .seconds(60), uptime: .seconds(1)) == RetryPolicies.reportBacklogWait - .seconds(1))
        #expect(ResponderService.reportWait(sendAge: .seconds(60), uptime: .seconds(60)) == nil)
        #expect(ResponderService.reportWait(sendAge: .seconds(1), uptime: .seconds(60)) == RetryPolicies.unconfirmedSendWait - .seconds(1))
    }

    /// A provider that answered with an error did not take the message: the retry sends at once, without waiting
    /// for a report that will never come.
    @Test func afterAnErrorAnswerTheRetryDoesNotWaitForAReport() async throws {
        let provider = ScriptedProvider([ScriptedProvider.status(503)])
        try await ExactlyOnceTests.withIdleResponder(provider: provider) { (responder, harness) async throws in
            let reply = harness.reply("refused first \(UUID())")
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(try await harness.status(reply.replyID) == "failed")
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            #expect(harness.server.requests.count == 2)
            #expect(try await harness.status(reply.replyID) == "sent")
        }
    }

    /// A report for a message no send of ours explains is left alone, even with one unresolved send to that
    /// recipient, when it names a reference of another message: only the named row may be reconciled.
    @Test func aReportNamingAnotherReferenceDoesNotRecordThisSend() async throws {
        try await ExactlyOnceTests.withIdleResponder(provider: ScriptedProvider()) { (responder, harness) async throws in
            let reply = harness.reply("other reference \(UUID())")
            #expect(await responder.deliver(try ExactlyOnceTests.delivery(reply)) == .ack)
            _ = try await Self.loseTheRecord(of: reply, harness)
            let stranger = "SMstranger\(UUID().uuidString.prefix(8))"
            let recording = try await responder.statuses.record(DeliveryStatusEvent(
                provider: .twilio, providerMessageID: stranger, status: "sent", recipient: harness.tenant, occurredAt: Date(),
                reference: "twilio:SMother:0"))
            #expect(recording == .unknown)
            #expect(try await harness.status(reply.replyID) == "pending")
        }
    }
}
