@testable import ClientResponder
import FintrakCore
import FintrakHTTPClient
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Testing

/// Reminders travel on their own queue with their own consumer and prefetch: a reply published behind a morning of
/// reminders (each slow at the provider) goes out while most of them still wait.
@Suite struct ReminderQueueTests {
    @Test func aReplyOvertakesAMorningOfReminders() async throws {
        let party = "+9198" + String(format: "%08d", Int.random(in: 0..<100_000_000))
        // Each reminder takes the provider 100 ms; the reply is answered at once.
        let provider = ScriptedProvider(otherwise: { request in
            if FormEncoding.decode(request.bodyText).contains(where: { $0 == ("To", "whatsapp:" + party) }) {
                try await Task.sleep(for: .milliseconds(100))
            }
            return try await ScriptedProvider.created(request)
        })
        try await withResponder(provider: provider) { harness in
            let count = 100
            let reminders = (0..<count).map { index in
                OutboundReply(replyID: "reminder-test:\(party):\(index)", correlationID: "c\(index)", tenant: harness.tenant,
                              provider: .twilio, inReplyTo: "schedule:test", body: "Reminder \(index)", recipient: party)
            }
            try await harness.publisher.publish(try reminders.map(harness.queues.reminder))
            let started = try await eventually { harness.accepted(containing: "Reminder ").count >= 4 }
            try #require(started, "no reminder was sent")
            let reply = harness.reply("Your answer")
            let published = ContinuousClock.now
            try await harness.publish(reply)
            _ = try await harness.row(reply.replyID, once: "sent")
            let waited = ContinuousClock.now - published
            let remindersSent = harness.accepted(containing: "Reminder ").count
            print("reply sent after \(waited) with \(remindersSent) of \(count) reminders sent")
            // Behind them on one queue it would wait for all but the last prefetch's worth (32) to be sent.
            #expect(remindersSent < count / 2, "the reply waited behind the reminders")
            // All of them still go (and the responder is idle before it stops).
            let all = try await eventually(timeout: .seconds(60)) { harness.accepted(containing: "Reminder ").count == count }
            #expect(all)
        }
    }

    /// A reminder is the tenant's record but goes to the party: it is sent to the party's number, and the party's
    /// delivery report finds it.
    @Test func aReminderGoesToItsRecipientAndItsReportIsRecorded() async throws {
        try await withResponder { harness in
            let party = "+9198" + String(format: "%08d", Int.random(in: 0..<100_000_000))
            let reminder = OutboundReply(replyID: "reminder-test:\(UUID())", correlationID: "c", tenant: harness.tenant,
                                         provider: .twilio, inReplyTo: "schedule:test", body: "Reminder", recipient: party)
            try await harness.publisher.publish(try harness.queues.reminder(reminder))
            let sid = try #require(try await harness.row(reminder.replyID, once: "sent")["provider_sid"])
            let request = try #require(harness.accepted(containing: "Reminder").first)
            #expect(FormEncoding.decode(request.bodyText).contains { $0 == ("To", "whatsapp:" + party) })
            let event = DeliveryStatusEvent(provider: .twilio, providerMessageID: sid, status: "delivered", recipient: party,
                                            occurredAt: Date())
            try await harness.publisher.publish(AMQPOutgoing(routingKey: harness.queues.statuses, body: try EnvelopeCoding.encode(event)))
            let recorded = try await eventually { try await harness.row(reminder.replyID)?["delivery_status"] == "delivered" }
            #expect(recorded)
        }
    }

    /// With no approved template configured, a template message goes as its text (WhatsApp then delivers it only
    /// inside the 24-hour window); with one, as the template.
    @Test func aTemplateWithoutAConfiguredIdGoesAsItsText() async throws {
        let sid = "HX" + String(repeating: "9e", count: 16)
        try await withResponder(["REMINDER_TEMPLATE_TWILIO": sid]) { harness in
            let party = "+9198" + String(format: "%08d", Int.random(in: 0..<100_000_000))
            func message(_ kind: TemplateKind, _ body: String) -> OutboundReply {
                OutboundReply(replyID: "notice-test:\(UUID())", correlationID: "c", tenant: harness.tenant, provider: .twilio,
                              inReplyTo: "test", body: body, recipient: party,
                              template: TemplateMessage(kind: kind, variables: ["Gupta Kirana", "₹500", "you owe ₹500", "7QK"]))
            }
            let notice = message(.entryNotice, "Gupta Kirana recorded … Reply OK 7QK")
            let reminder = message(.paymentReminder, "Hello Ramesh …")
            try await harness.publisher.publish([try harness.queues.reminder(notice), try harness.queues.reminder(reminder)])
            _ = try await harness.row(notice.replyID, once: "sent")
            _ = try await harness.row(reminder.replyID, once: "sent")
            let noticeForm = Dictionary(FormEncoding.decode(try #require(harness.accepted(containing: "Reply OK 7QK").first).bodyText)) { a, _ in a }
            #expect(noticeForm["Body"] == notice.body && noticeForm["ContentSid"] == nil)
            let reminderForm = try #require(harness.provider.accepted.map { Dictionary(FormEncoding.decode($0.bodyText)) { a, _ in a } }
                .first { $0["ContentSid"] != nil })
            #expect(reminderForm["ContentSid"] == sid && reminderForm["Body"] == nil && reminderForm["To"] == "whatsapp:" + party)
        }
    }

    /// A reminder the provider refuses for the moment waits in front of the reminders queue and then goes.
    @Test func aFailedReminderIsTriedAgain() async throws {
        try await withResponder(provider: ScriptedProvider([ScriptedProvider.status(503)])) { harness in
            let party = "+9198" + String(format: "%08d", Int.random(in: 0..<100_000_000))
            let reminder = OutboundReply(replyID: "reminder-test:\(UUID())", correlationID: "c", tenant: harness.tenant,
                                         provider: .twilio, inReplyTo: "schedule:test", body: "Reminder again", recipient: party)
            try await harness.publisher.publish(try harness.queues.reminder(reminder))
            let row = try await harness.row(reminder.replyID, once: "sent")
            #expect(row["attempts"] == "2")
            #expect(harness.provider.log.map(\.status) == [503, 201])
        }
    }
}
