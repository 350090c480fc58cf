import Foundation
import Testing
@testable import FintrakCLI

/// What `fintrak queues` and `fintrak trace` print, without servers.
@Suite struct OperatorCommandTests {
    @Test func queuesFlagWhatNeedsAnOperator() {
        func line(_ queue: String, _ messages: Int?, _ consumers: Int?, dead: Bool = false, work: Bool = true) -> QueueStatus.Line {
            QueueStatus.Line(queue: queue, messages: messages, consumers: consumers, oldestSeconds: messages == 7 ? 95 : nil,
                             isDeadLetterQueue: dead, isWorkQueue: work)
        }
        #expect(line("q", 0, 0).problem == nil, "an empty queue without consumers is fine")
        #expect(line("q", 7, 0).problem == "no consumer")
        #expect(line("q", 7, 2).problem == nil)
        #expect(line("q.dead", 1, 0, dead: true, work: false).problem == "dead letters")
        #expect(line("q", nil, nil).problem == "missing: no service has started")
        #expect(line("q.delay.5s", nil, nil, work: false).problem == nil)
        let text = QueueStatus.render([line("fintrak.questions", 7, 0), line("fintrak.replies", 0, 3)])
        #expect(text.contains("fintrak.questions         7          0  95s  ← no consumer"), "\(text)")
        #expect(text.contains("fintrak.replies           0          3  -\n"), "\(text)")
    }

    @Test func traceTimesEachStepFromTheFirst() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func step(_ service: String, _ event: String, after milliseconds: Double, took: Int? = nil) -> Trace.Step {
            Trace.Step(messageID: "SM1", correlationID: "c1", tenantTag: "00aa11bb22", service: service, event: event,
                       queue: "fintrak.questions", durationMilliseconds: took, detail: nil,
                       at: start.addingTimeInterval(milliseconds / 1000))
        }
        let complete = Trace.render([step("webhook-intake", "received", after: 0), step("query-generator", "answered", after: 25, took: 20),
                                     step("client-responder", "sent", after: 140, took: 90)])
        #expect(complete.contains("message SM1  tenant 00aa11bb22"))
        #expect(complete.contains("last step after 140 ms"))
        #expect(complete.contains("+25 ms      query-generator    answered     took 20 ms"))
        #expect(!complete.contains("no reply sent yet"))
        let waiting = Trace.render([step("webhook-intake", "received", after: 0)])
        #expect(waiting.contains("no reply sent yet"))
    }

    @Test func sendSignsTwilioFormsAsTwilioDoes() {
        // Twilio's documented example (webhook security guide).
        let fields = [("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"),
                      ("From", "+12349013030"), ("To", "+18005551212")]
        #expect(SendWebhook.twilioSignature(token: "12345", url: "https://mycompany.com/myapp.php?foo=1&bar=2", fields: fields)
                == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    }
}
