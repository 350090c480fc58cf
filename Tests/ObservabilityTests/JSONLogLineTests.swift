import Foundation
import Logging
import Testing

@testable import FintrakObservability

/// The log line's shape is what log shippers and `fintrak logs` read: its keys are an outside interface.
@Suite struct JSONLogLineTests {
    private func fields(_ level: Logger.Level, _ message: Logger.Message, metadata: Logger.Metadata = [:],
                        eventMetadata: Logger.Metadata? = nil) throws -> [String: Any] {
        let event = LogEvent(level: level, message: message, metadata: eventMetadata, source: nil, file: "Here.swift",
                             function: "f()", line: 7)
        let line = try #require(JSONLogHandler.line(for: event, metadata: metadata, service: "query-generator",
                                                    label: "test", at: Date(timeIntervalSince1970: 1_760_000_000.25)))
        #expect(!line.contains(0x0A))
        return try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
    }

    @Test func carriesTimeLevelServiceAndEventUnderTheirNames() throws {
        let object = try fields(.info, "reply sent", metadata: ["correlation_id": "c-1"], eventMetadata: ["tenant": "t9"])
        #expect(object["time"] as? String == "2025-10-09T08:53:20.250Z")
        #expect(object["ts"] == nil)
        #expect(object["level"] as? String == "info")
        #expect(object["service"] as? String == "query-generator")
        #expect(object["event"] as? String == "reply_sent")
        #expect(object["msg"] as? String == "reply sent")
        #expect(object["correlation_id"] as? String == "c-1")
        #expect(object["tenant"] as? String == "t9")
        #expect(object["source"] == nil)
    }

    @Test func errorsNameTheirSourceAndKeepAnEventGivenByTheCaller() throws {
        let object = try fields(.error, "cannot record", eventMetadata: ["event": "dead_letter_kept"])
        #expect(object["event"] as? String == "dead_letter_kept")
        #expect(object["source"] as? String == "Here.swift:7")
    }
}
