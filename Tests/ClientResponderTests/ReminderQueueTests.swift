@testable import ClientResponder
import FintrakCore
import FintrakHTTPClient
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
            let started = try await eventually(timeout: .seconds(30)) { harness.accepted(containing: "Reminder ").count >= 4 }
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
}
