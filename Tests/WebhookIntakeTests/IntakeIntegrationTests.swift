import Conversation
import FintrakCore
import FintrakHTTPClient
import FintrakObservability
import FintrakQueues
import FintrakRedis
import FintrakTestSupport
import Foundation
import Testing
@testable import WebhookIntake

/// webhook-intake over HTTP against the real Redis and RabbitMQ. Each test has its own queue prefix and tenants.
@Suite struct IntakeIntegrationTests {
    @Test func theSameMessageSidPostedTwentyTimesAtOnceIsQueuedOnce() async throws {
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let fields = IntakeHarness.twilioText(from: tenant, "how much did I spend last month?")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await intake.twilio(fields).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // 200 for the one that published and for repeats after it; 503 ("retry") for repeats that came while
            // it was still waiting for the broker, so no provider is told "done" for a message that might fail.
            #expect(statuses.contains(200))
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
            #expect(try await intake.twilio(fields).status == 200)

            let queued = try await intake.inbound(intake.queues.questions)
            #expect(queued.count == 1)
            #expect(queued.first?.providerMessageID == fields[0].1)
            #expect(queued.first?.tenant == tenant)
            #expect(queued.first?.text == "how much did I spend last month?")
            #expect(try await intake.inbound(intake.queues.invoices).isEmpty)
            let mark = IntakeHarness.seenKey(.twilio, fields[0].1)
            #expect(try await intake.redis.get(mark) == "d")
            #expect(try await (86_000...86_400).contains(intake.ttl(mark)))
        }
    }

    @Test func aFailedPublishThatCannotBeSpooledAnswers503UndoesTheMarkAndTheRetrySucceeds() async throws {
        let environment = try IntakeHarness.environment()
        let tenant = ServiceEnvironment.uniqueTenant()
        let fields = IntakeHarness.twilioText(from: tenant, "0")
        let state = #"{"lastInvoiceID":"7d0e3c4a-0000-4000-8000-000000000001"}"#
        try await withIntake(environment.withDeadBroker.withDeadDatabase, awaitReady: false) { (intake) async throws in
            _ = try await intake.redis.set(ConversationStateKey.key(tenant: tenant), state, expireSeconds: 3_600)
            let response = try await intake.twilio(fields)
            #expect(response.status == 503)
            #expect(response.header("Retry-After") != nil)
            // Nothing half-done: no mark, and the state "0" cleared is back.
            #expect(try await intake.redis.get(IntakeHarness.seenKey(.twilio, fields[0].1)) == nil)
            #expect(try await intake.conversation(tenant) == state)
        }
        try await withIntake(environment) { (intake) async throws in
            #expect(try await intake.twilio(fields).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            #expect(queued.map(\.providerMessageID) == [fields[0].1])
            #expect(queued.first?.conversation == ConversationState(lastInvoiceID: "7d0e3c4a-0000-4000-8000-000000000001"))
            #expect(try await intake.conversation(tenant) == nil)
        }
    }

    @Test func aLaterMessageThatFailsMakesTheWholeCloudAPIPostRetryAndTheResendSkipsTheFirst() async throws {
        let environment = try IntakeHarness.environment()
        let tenant = ServiceEnvironment.uniqueTenant()
        let first = (tenant: tenant, id: "wamid.first-" + UUID().uuidString, text: "hi")
        let second = (tenant: tenant, id: "wamid.second-" + UUID().uuidString, text: "how much on fuel?")
        try await withIntake(environment) { (intake) async throws in
            #expect(try await intake.meta(IntakeHarness.metaTexts([first])).status == 200)
        }
        try await withIntake(environment.withDeadBroker.withDeadDatabase, awaitReady: false) { (intake) async throws in
            #expect(try await intake.meta(IntakeHarness.metaTexts([first, second])).status == 503)
        }
        try await withIntake(environment) { (intake) async throws in
            #expect(try await intake.meta(IntakeHarness.metaTexts([first, second])).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            #expect(queued.map(\.providerMessageID) == [first.id, second.id])
            #expect(queued.allSatisfy { $0.provider == .meta && $0.tenant == tenant })
        }
    }

    @Test func theRateLimitDropsTheExcessWithOneSlowDownReply() async throws {
        FintrakMetrics.bootstrap()
        let environment = try IntakeHarness.environment(["RATE_LIMIT_PER_MINUTE": "1", "RATE_LIMIT_BURST": "3"])
        try await withIntake(environment) { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let other = ServiceEnvironment.uniqueTenant()
            let before = metricValue("intake_messages_total", ["outcome": "rate_limited"])
            for index in 0..<7 {
                #expect(try await intake.twilio(IntakeHarness.twilioText(from: tenant, "question \(index)")).status == 200)
            }
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: other, "question")).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            // The first three (the burst) pass; the collecting consumer's handlers run concurrently, so compare sorted.
            #expect(queued.filter { $0.tenant == tenant }.compactMap(\.text).sorted() == ["question 0", "question 1", "question 2"])
            #expect(queued.filter { $0.tenant == other }.count == 1)
            let replies = try await intake.replies()
            #expect(replies.map(\.tenant) == [tenant])
            #expect(replies.first?.body == MessageIntake.slowDownReply)
            #expect(metricValue("intake_messages_total", ["outcome": "rate_limited"]) - before >= 4)
            // Every key the limit uses expires.
            #expect(try await intake.ttl(MessageIntake.rateKey(tenant)) > 0)
            #expect(try await intake.ttl(MessageIntake.slowDownKey(tenant)) > 0)
        }
    }

    /// The broker cannot take messages: they are kept in PostgreSQL and answered 200 (a provider may never retry),
    /// and once it can, intake's drainer publishes each once, in the order they came; repeats stay repeats.
    @Test func messagesTheBrokerCannotTakeAreSpooledAnswered200AndPublishedOnceInOrder() async throws {
        try await ServiceEnvironment.migrate()
        let environment = try IntakeHarness.environment()
        let tenant = ServiceEnvironment.uniqueTenant()
        let messages = ["hi", "how much did I spend last month?", "total gst"].map { IntakeHarness.twilioText(from: tenant, $0) }
        try await withIntake(environment.withDeadBroker, awaitReady: false) { (intake) async throws in
            for fields in messages { #expect(try await intake.twilio(fields).status == 200) }
            // The provider sends one again: still one in the spool.
            #expect(try await intake.twilio(messages[1]).status == 200)
            #expect(try await intake.spooled() == messages.map { $0[0].1 })
        }
        try await withIntake(environment) { (intake) async throws in
            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            #expect(try await intake.twilio(messages[2]).status == 200)
            let queued = try await intake.inbound(intake.queues.questions)
            // A publish whose confirm outlasts intake's limit on a loaded machine is tried again and may arrive twice
            // (its reply, whose id comes from the message id, still goes once): each arrives, first in the order sent.
            var seen: Set<String> = []
            let firstArrivals = queued.map(\.providerMessageID).filter { seen.insert($0).inserted }
            #expect(firstArrivals == messages.map { $0[0].1 })
            #expect(queued.allSatisfy { $0.tenant == tenant })
        }
    }

    @Test func strangersGetOneRefusalAndNothingIsStored() async throws {
        let allowed = ServiceEnvironment.uniqueTenant()
        let stranger = ServiceEnvironment.uniqueTenant()
        try await withIntake(try IntakeHarness.environment(["ALLOWED_PHONE_NUMBERS": "\(allowed), +14155550100"])) { (intake) async throws in
            let first = IntakeHarness.twilioText(from: stranger, "hi")
            #expect(try await intake.twilio(first).status == 200)
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: stranger, "hello?")).status == 200)
            #expect(try await intake.gupshup(IntakeHarness.gupshupText(from: stranger, "hi")).status == 200)
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: allowed, "hi")).status == 200)

            let replies = try await intake.replies()
            #expect(replies.map(\.tenant) == [stranger])
            #expect(replies.first?.body == Replies.notAllowed)
            #expect(try await intake.inbound(intake.queues.questions).map(\.tenant) == [allowed])
            #expect(try await intake.redis.get(IntakeHarness.seenKey(.twilio, first[0].1)) == nil)
            #expect(try await intake.conversation(stranger) == nil)
            #expect(try await intake.redis.get(MessageIntake.rateKey(stranger)) == nil)
            #expect(try await (86_000...86_400).contains(intake.ttl(MessageIntake.refusedKey(stranger))))
        }
    }

    @Test func forgedRequestsAre403AndLeaveNoTrace() async throws {
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let fields = IntakeHarness.twilioText(from: tenant, "hi")
            #expect(try await intake.twilio(fields, signature: "bm90IGEgc2lnbmF0dXJl").status == 403)
            #expect(try await intake.twilio(fields, path: "/twilio/status", signature: "AAAA").status == 403)
            var tampered = fields
            tampered[11].1 = "something else"
            let signedOriginal = TwilioSignature(authToken: ServiceEnvironment.twilioToken)
                .expected(url: ServiceEnvironment.publicBaseURL + "/whatsapp", fields: fields)
            #expect(try await intake.twilio(tampered, signature: signedOriginal).status == 403)

            let gupshup = IntakeHarness.gupshupText(from: tenant, "hi", id: "forged-\(UUID())")
            #expect(try await intake.gupshup(gupshup, token: "wrong").status == 403)
            #expect(try await intake.gupshup(gupshup, token: nil).status == 403)
            #expect(try await intake.gupshup(gupshup, token: IntakeHarness.gupshupToken + "x").status == 403)

            let meta = IntakeHarness.metaTexts([(tenant: tenant, id: "wamid.forged", text: "hi")])
            #expect(try await intake.meta(meta, secret: "wrong secret").status == 403)
            #expect(try await intake.meta(meta, signature: "").status == 403)

            #expect(try await intake.inbound(intake.queues.questions).isEmpty)
            #expect(try await intake.redis.get(IntakeHarness.seenKey(.twilio, fields[0].1)) == nil)
            #expect(try await intake.conversation(tenant) == nil)
        }
    }

    @Test func theCloudAPIHandshake() async throws {
        try await withIntake { (intake) async throws in
            let good = try await intake.get("/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=\(IntakeHarness.metaVerifyToken)")
            #expect(good.status == 200)
            #expect(String(decoding: good.body, as: UTF8.self) == "1158201444")
            #expect(try await intake.get("/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope").status == 403)
            #expect(try await intake.get("/webhooks/meta?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=\(IntakeHarness.metaVerifyToken)").status == 403)
            #expect(try await intake.get("/webhooks/meta").status == 403)
        }
    }

    @Test func malformedBodiesAre400AndOversizedOnes413() async throws {
        try await withIntake { (intake) async throws in
            let noSid: [(String, String)] = [("From", "whatsapp:+919812345678"), ("Body", "hi")]
            let twilio = try await intake.twilio(noSid)
            #expect(twilio.status == 400)
            #expect(String(decoding: twilio.body, as: UTF8.self).contains("missing MessageSid"))
            #expect(try await intake.gupshup("{not json").status == 400)
            #expect(try await intake.gupshup(#"{"type":"message","payload":{"source":"919812345678"}}"#).status == 400)
            let meta = try await intake.meta(Data(#"{"entry":[{"changes":[{"value":{"messages":[{"type":"text"}]}}]}]}"#.utf8))
            #expect(meta.status == 400)
            #expect(String(decoding: meta.body, as: UTF8.self).contains("missing entry[0].changes[0].value.messages[0].id"))

            let huge = Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1)
            #expect(try await intake.meta(huge).status == 413)
            #expect(try await intake.gupshup(String(decoding: huge, as: UTF8.self)).status == 413)
            // A body of exactly 1 MiB is read (an empty notification: accepted).
            let large = Data(repeating: UInt8(ascii: " "), count: (1 << 20) - 2) + Data("{}".utf8)
            #expect(try await intake.meta(large).status == 200)
            // Gupshup's empty check of a new callback URL.
            #expect(try await intake.gupshup("").status == 200)
        }
    }

    @Test func gupshupAndCloudAPIMessagesAndEveryProvidersStatusesAreQueued() async throws {
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            let digits = tenant.dropFirst()
            #expect(try await intake.gupshup(IntakeHarness.gupshupText(from: tenant, "ramesh 500 udhaar", id: "gs-text-\(digits)")).status == 200)
            let image = #"{"app":"FintrakTest","timestamp":1760000000000,"version":2,"type":"message","payload":{"id":"gs-image-\#(digits)","source":"\#(digits)","type":"image","payload":{"caption":"diesel","url":"https://filemanager.gupshup.io/wa/1","contentType":"image/jpeg","urlExpiry":1718608420228},"sender":{"phone":"\#(digits)","name":"Test"}}}"#
            #expect(try await intake.gupshup(image).status == 200)
            let event = #"{"app":"FintrakTest","timestamp":1760000000000,"version":2,"type":"message-event","payload":{"id":"wamid.X","gsId":"gs-out-1","type":"read","destination":"\#(digits)","payload":{"ts":1760000000}}}"#
            #expect(try await intake.gupshup(event).status == 200)
            #expect(try await intake.gupshup(#"{"app":"FintrakTest","type":"user-event","payload":{"type":"sandbox-start"}}"#).status == 200)

            let batch = IntakeHarness.metaTexts([(tenant: tenant, id: "wamid.1-\(digits)", text: "hi"),
                                                 (tenant: tenant, id: "wamid.2-\(digits)", text: "2")],
                                                statuses: ["wamid.out-\(digits)"])
            #expect(try await intake.meta(batch).status == 200)
            #expect(try await intake.meta(batch).status == 200)  // Meta's resend: nothing new

            let status: [(String, String)] = [("MessageSid", "SMout1"), ("MessageStatus", "delivered"),
                                              ("To", "whatsapp:" + tenant), ("AccountSid", ServiceEnvironment.twilioSID)]
            #expect(try await intake.twilio(status).status == 200)
            #expect(try await intake.twilio(status, path: "/twilio/status").status == 200)

            let questions = try await intake.inbound(intake.queues.questions)
            #expect(questions.map(\.providerMessageID) == ["gs-text-\(digits)", "wamid.1-\(digits)", "wamid.2-\(digits)"])
            #expect(questions.map(\.provider) == [.gupshup, .meta, .meta])
            let invoices = try await intake.inbound(intake.queues.invoices)
            #expect(invoices.count == 1)
            #expect(invoices.first?.media.first?.caption == "diesel")
            #expect(invoices.first?.media.first?.url == "https://filemanager.gupshup.io/wa/1")

            let statuses = try await intake.statuses()
            #expect(statuses.map(\.providerMessageID).sorted() == ["SMout1", "SMout1", "gs-out-1", "wamid.out-\(digits)", "wamid.out-\(digits)"].sorted())
            #expect(statuses.first { $0.provider == .gupshup }?.recipient == tenant)
            #expect(statuses.first { $0.provider == .twilio }?.status == "delivered")
            #expect(try await intake.conversation(tenant) == nil, "menu choices are answered, not remembered")
        }
    }

    @Test func conversationStateCarriesWhatOtherServicesLeftUntilExit() async throws {
        try await withIntake { (intake) async throws in
            let tenant = ServiceEnvironment.uniqueTenant()
            func send(_ text: String) async throws {
                #expect(try await intake.twilio(IntakeHarness.twilioText(from: tenant, text)).status == 200)
            }
            let key = ConversationStateKey.key(tenant: tenant)
            try await send("hi")
            try await send("1")
            #expect(try await intake.conversation(tenant) == nil)  // nothing to remember yet
            // The extractor remembers the invoice it confirmed, as it does (InvoiceHandler.remember).
            let state = ConversationState(lastInvoiceID: "7d0e3c4a-0000-4000-8000-000000000001")
            let json = String(decoding: try EnvelopeCoding.encode(state), as: UTF8.self)
            try await intake.redis.set(key, json, expireSeconds: ConversationStateKey.lifetimeSeconds)
            try await send("edit total 1530")
            try await send("hi")
            #expect(try await intake.conversation(tenant) == json)
            #expect(try await (3_500...3_600).contains(intake.ttl(key)))
            try await send("0")
            #expect(try await intake.conversation(tenant) == nil)
            try await send("edit total 99")

            let invoices = try await intake.inbound(intake.queues.invoices)
            #expect(invoices.map(\.text) == ["edit total 1530"])
            #expect(invoices.first?.conversation == state)
            let questions = try await intake.inbound(intake.queues.questions)
            #expect(questions.map(\.text) == ["hi", "1", "hi", "0", "edit total 99"])
            #expect(questions.map(\.conversation) == [nil, nil, state, state, nil])
        }
    }

    @Test func withRedisUnreachableMessagesAreSpooledReadySaysSoAndTheyArePublishedWhenItIsBack() async throws {
        try await ServiceEnvironment.migrate()
        let environment = try IntakeHarness.environment()
        let deadRedis = environment.merging(["REDIS_URL": "redis://127.0.0.1:1/0"]) { $1 }
        let fields = IntakeHarness.twilioText(from: ServiceEnvironment.uniqueTenant(), "hi")
        try await withIntake(deadRedis, awaitReady: false) { (intake) async throws in
            #expect(try await intake.twilio(fields).status == 200)
            #expect(try await intake.spooled() == [fields[0].1])
            let ready = try await intake.get("/ready")
            #expect(ready.status == 503)
            #expect(String(decoding: ready.body, as: UTF8.self).contains("redis"))
            #expect(try await intake.inbound(intake.queues.questions).isEmpty)
        }
        try await withIntake(deadRedis.withDeadDatabase, awaitReady: false) { (intake) async throws in
            #expect(try await intake.twilio(IntakeHarness.twilioText(from: ServiceEnvironment.uniqueTenant(), "hi")).status == 503)
        }
        try await withIntake(environment) { (intake) async throws in
            #expect(try await eventually(pollEvery: .milliseconds(100)) { try await intake.spooled().isEmpty })
            #expect(try await intake.inbound(intake.queues.questions).map(\.providerMessageID) == [fields[0].1])
        }
    }
}

extension IntakeHarness {
    static func seenKey(_ provider: Provider, _ id: String) -> String {
        MessageIntake.seenKey(InboundMessage(correlationID: "", tenant: "", provider: provider, providerMessageID: id,
                                             receivedAt: Date()))
    }
}
