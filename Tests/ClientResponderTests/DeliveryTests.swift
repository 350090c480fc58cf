@testable import ClientResponder
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
import MessageLayout
import Testing

/// client-responder against the real PostgreSQL and RabbitMQ and a scripted fake provider on 127.0.0.1.
@Suite struct DeliveryTests {
    @Test func twoServerErrorsThenSuccessDeliversExactlyOnce() async throws {
        let provider = ScriptedProvider([ScriptedProvider.status(500), ScriptedProvider.status(500)])
        try await withResponder(provider: provider) { harness in
            let reply = harness.reply("500 twice \(UUID())")
            try await harness.publish(reply)
            let row = try await harness.row(reply.replyID, once: "sent")
            #expect(try row.decode("attempts", as: Int.self) == 3)
            #expect(row["provider_sid"]?.hasPrefix("SM") == true)
            #expect(provider.log.map(\.status) == [500, 500, 201])
            #expect(harness.accepted(containing: reply.body).count == 1)
        }
    }

    @Test func tooManyRequestsWaitsForRetryAfterThenDelivers() async throws {
        let provider = ScriptedProvider([ScriptedProvider.status(429, retryAfter: "1")])
        try await withResponder(provider: provider) { harness in
            let reply = harness.reply("429 \(UUID())")
            try await harness.publish(reply)
            _ = try await harness.row(reply.replyID, once: "sent")
            let log = provider.log
            #expect(log.map(\.status) == [429, 201])
            #expect(log[1].at - log[0].at >= .seconds(1), "retried before Retry-After: 1")
            #expect(harness.accepted(containing: reply.body).count == 1)
        }
    }

    @Test func aPermanentErrorIsDeadLetteredAtOnceListedAndReplayed() async throws {
        let provider = ScriptedProvider([ScriptedProvider.status(400)])
        try await withResponder(provider: provider) { harness in
            let reply = harness.reply("400 \(UUID())")
            try await harness.publish(reply)
            let dead = try await harness.row(reply.replyID, once: "dead")
            #expect(dead["last_error"]?.contains("HTTP 400") == true)
            #expect(try dead.decode("attempts", as: Int.self) == 1)
            #expect(provider.log.map(\.status) == [400], "a 400 must not be retried")

            let list = try await BuiltProduct.run("fintrak", ["dead-letters", "list", "--tenant", harness.tenant],
                                                  environment: harness.environment)
            #expect(list.status == 0, "\(list.stderr)")
            let lines = list.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            #expect(lines.count == 1)
            #expect(lines.first?.first.map(String.init) == reply.replyID)
            #expect(lines.first?.dropFirst().first.map(String.init) == harness.tenant)
            #expect(lines.first?.last?.contains("HTTP 400") == true)

            let replay = try await BuiltProduct.run("fintrak", ["dead-letters", "replay", "--id", reply.replyID],
                                                    environment: harness.environment)
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect(replay.stdout.contains("replayed 1 reply"))
            let sent = try await harness.row(reply.replyID, once: "sent")
            #expect(try sent.decode("attempts", as: Int.self) == 1)
            #expect(provider.log.map(\.status) == [400, 201])
            #expect(harness.accepted(containing: reply.body).count == 1)
        }
    }

    @Test func aProviderHangingPastTheTimeoutIsRetried() async throws {
        let provider = ScriptedProvider([{ _ in
            // Answers long after the responder gave up, and then not with a yes: never accepted.
            try await Task.sleep(for: .seconds(3))
            return .json(#"{"message": "too late"}"#, status: 503)
        }])
        try await withResponder(["REPLY_SEND_TIMEOUT_SECONDS": "1"], provider: provider) { harness in
            let reply = harness.reply("hang \(UUID())")
            try await harness.publish(reply)
            let row = try await harness.row(reply.replyID, once: "sent")
            #expect(try row.decode("attempts", as: Int.self) == 2)
            #expect(harness.accepted(containing: reply.body).count == 1)
            #expect(harness.server.requests.count == 2)
        }
    }

    @Test func aLongBodyGoesInNumberedPartsEachRecordedOnce() async throws {
        let provider = ScriptedProvider([ScriptedProvider.created, ScriptedProvider.status(500)])
        try await withResponder(provider: provider) { harness in
            let tag = UUID().uuidString
            let body = (1...100).map { "\(tag) line \($0): " + String(repeating: "₹", count: 10) }.joined(separator: "\n")
            let reply = harness.reply(body)
            try await harness.publish(reply)
            _ = try await harness.row(reply.replyID, once: "sent")
            let expected = MessageSplitter.split(body, limit: 1600)
            #expect(expected.count == 4)
            // Part 2 failed once: the retry sent parts 2 to 4, not part 1 again.
            #expect(provider.log.map(\.status) == [201, 500, 201, 201, 201])
            let bodies = provider.accepted.map { Dictionary(FormEncoding.decode($0.bodyText)) { a, _ in a }["Body"] ?? "" }
            #expect(bodies == expected)
            for (index, text) in bodies.enumerated() {
                #expect(text.hasPrefix("(\(index + 1)/4) \(tag) line "))
                #expect(text.count <= 1600)
            }
            for number in 1...bodies.count {
                let part = try #require(try await harness.row(OutboundStore.partID(reply: reply.replyID, number: number)))
                #expect(part["status"] == "sent")
                #expect(part["provider_sid"]?.hasPrefix("SM") == true)
                #expect(part["body"] == bodies[number - 1])
            }
        }
    }

    @Test func gupshupAndTheCloudAPISendTheTextThenEachFile() async throws {
        let provider = ScriptedProvider()
        try await withResponder(provider: provider) { harness in
            let sheet = ReplyAttachment(url: "https://intake.fintrak.test/media/tok1", filename: "invoices.xlsx",
                                        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let statement = ReplyAttachment(url: "https://intake.fintrak.test/media/tok2", filename: "ramesh.pdf",
                                            contentType: "application/pdf")
            let gupshup = harness.reply("gupshup \(UUID())", provider: .gupshup, attachments: [sheet])
            let meta = harness.reply("meta \(UUID())", provider: .meta, attachments: [statement])
            try await harness.publish(gupshup, meta)
            _ = try await harness.row(gupshup.replyID, once: "sent")
            _ = try await harness.row(meta.replyID, once: "sent")

            let toGupshup = provider.accepted.filter { $0.path == "/wa/api/v1/msg" }
                .map { Dictionary(FormEncoding.decode($0.bodyText)) { a, _ in a }["message"] ?? "" }
            #expect(toGupshup.count == 2)
            #expect(toGupshup.first?.contains(gupshup.body) == true)
            #expect(toGupshup.last?.contains(#""type":"file""#) == true && toGupshup.last?.contains(sheet.url) == true)
            let part2 = try #require(try await harness.row(OutboundStore.partID(reply: gupshup.replyID, number: 2)))
            #expect(part2["provider_sid"]?.hasPrefix("gs-") == true)

            let toMeta = provider.accepted.filter { $0.path.hasPrefix("/graph/") }.map(\.bodyText)
            #expect(toMeta.count == 2)
            #expect(toMeta.first?.contains(meta.body) == true)
            #expect(toMeta.last?.contains(#""type":"document""#) == true && toMeta.last?.contains(statement.url) == true)
        }
    }

    @Test func aProviderWithoutCredentialsIsDeadLettered() async throws {
        let provider = ScriptedProvider()
        try await withResponder(["GUPSHUP_API_KEY": ""], provider: provider) { harness in
            let reply = harness.reply("no gupshup \(UUID())", provider: .gupshup)
            try await harness.publish(reply)
            let row = try await harness.row(reply.replyID, once: "dead")
            #expect(row["last_error"]?.contains("no credentials configured for provider gupshup") == true)
            #expect(harness.server.requests.isEmpty)
        }
    }

    @Test func theConsoleSendsNothingOverHTTPAndRecordsTheReply() async throws {
        let provider = ScriptedProvider()
        try await withResponder(["WHATSAPP_PROVIDER": "console"], provider: provider) { harness in
            let reply = harness.reply(String(repeating: "a long console reply\n", count: 200), provider: .console)
            try await harness.publish(reply)
            let row = try await harness.row(reply.replyID, once: "sent")
            #expect(row["body"] == reply.body)
            #expect(harness.server.requests.isEmpty)
        }
    }

    @Test func aDeliveryReportIsRecordedOnItsMessage() async throws {
        try await withResponder { harness in
            let reply = harness.reply("status \(UUID())")
            try await harness.publish(reply)
            let sid = try #require(try await harness.row(reply.replyID, once: "sent")["provider_sid"])
            let event = DeliveryStatusEvent(provider: .twilio, providerMessageID: sid, status: "delivered",
                                            recipient: harness.tenant, occurredAt: Date())
            try await harness.publisher.publish(AMQPOutgoing(routingKey: harness.queues.statuses,
                                                             body: try EnvelopeCoding.encode(event)))
            let recorded = try await eventually { try await harness.row(reply.replyID)?["delivery_status"] == "delivered" }
            #expect(recorded)
        }
    }

    @Test func deadLettersFromTheBrokerAreRecordedToo() async throws {
        try await withResponder { harness in
            // What the broker does when a reply exceeds the queue's delivery limit.
            let reply = harness.reply("limit \(UUID())")
            var outgoing = try harness.queues.reply(reply)
            outgoing.routingKey = harness.queues.deadLetters(of: harness.queues.replies)
            outgoing.headers["x-first-death-reason"] = "delivery_limit"
            try await harness.publisher.publish(outgoing)
            let row = try await harness.row(reply.replyID, once: "dead")
            #expect(row["last_error"] == "dead-lettered by the broker: delivery_limit")
            #expect(harness.server.requests.isEmpty)
        }
    }

    @Test func readyReportsTheConsumers() async throws {
        try await withResponder { harness in
            let http = HTTPClient(logger: Logger(label: "test"))
            let ready = try await eventually {
                try await http.send(HTTPRequest(url: "http://127.0.0.1:\(harness.port)/ready")).status == 200
            }
            #expect(ready)
        }
        // With the broker unreachable the consumers are named among the failing dependencies.
        try await withResponder(["AMQP_URL": "amqp://guest:guest@127.0.0.1:1/fintrak"], waitUntilReady: false) { harness in
            let response = try await HTTPClient(logger: Logger(label: "test"))
                .send(HTTPRequest(url: "http://127.0.0.1:\(harness.port)/ready"))
            #expect(response.status == 503)
            let body = String(decoding: response.body, as: UTF8.self)
            #expect(body.contains("consumer \(harness.queues.replies)"))
            #expect(body.contains("consumer \(harness.queues.statuses)"))
        }
    }
}
