@testable import ClientResponder
import FintrakCore
import FintrakTestSupport
import Foundation
import Testing

/// Not a test of speed (it asserts nothing about time): with `FINTRAK_BENCH=1` it prints how long a reply takes to go
/// out before and while 10,000 reminders drain through their own queue, and how long the drain takes (BENCHMARKS.md).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["FINTRAK_BENCH"] != nil, "set FINTRAK_BENCH=1 to run benchmarks"))
struct ReminderDrainBenchmark {
    @Test func repliesWhileTenThousandRemindersDrain() async throws {
        try await withResponder { harness in
            let party = "+9198" + String(format: "%08d", Int.random(in: 0..<100_000_000))
            /// From publishing a reply to its `sent` record (the fake provider has answered).
            func replyTime() async throws -> Duration {
                let reply = harness.reply("Answer \(UUID())")
                let start = ContinuousClock.now
                try await harness.publish(reply)
                _ = try await harness.row(reply.replyID, once: "sent", timeout: .seconds(120))
                return ContinuousClock.now - start
            }
            var before: [Duration] = []
            for _ in 0..<20 { before.append(try await replyTime()) }
            let count = 10_000
            let reminders = (0..<count).map { index in
                OutboundReply(replyID: "bench:\(party):\(index)", correlationID: "c\(index)", tenant: harness.tenant,
                              provider: .twilio, inReplyTo: "bench", body: "Reminder \(index)", recipient: party)
            }
            let started = ContinuousClock.now
            for chunk in stride(from: 0, to: count, by: 500) {
                try await harness.publisher.publish(try reminders[chunk..<min(chunk + 500, count)].map(harness.queues.reminder))
            }
            var during: [Duration] = []
            for _ in 0..<20 {
                during.append(try await replyTime())
                try await Task.sleep(for: .milliseconds(200))
            }
            let sentMeanwhile = harness.accepted(containing: "Reminder ").count
            let drained = try await eventually(timeout: .seconds(900), pollEvery: .seconds(1)) {
                harness.accepted(containing: "Reminder ").count == count
            }
            func summary(_ times: [Duration]) -> String {
                let sorted = times.sorted().map { $0.milliseconds }
                return "p50 \(sorted[sorted.count / 2]) ms, max \(sorted.last ?? 0) ms"
            }
            print("reply before the reminders: \(summary(before))")
            print("reply while \(count) reminders drain: \(summary(during)) (\(sentMeanwhile) reminders sent meanwhile)")
            print("all \(count) reminders sent: \(drained), in \(ContinuousClock.now - started)")
            #expect(drained)
        }
    }
}
