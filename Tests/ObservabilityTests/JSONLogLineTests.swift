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

    @Test func escapesWhatJSONRequiresAndKeepsEverythingElse() throws {
        let text = "say \"hi\"\\ now\n\ttab \u{01} ₹1,200 / हिंदी"
        let object = try fields(.info, "quoted", eventMetadata: [
            "text": .string(text), "list": .array(["a", .dictionary(["z": "1", "b": "2"])]),
        ])
        #expect(object["text"] as? String == text)
        let list = try #require(object["list"] as? [Any])
        #expect(list.first as? String == "a")
        #expect((list.last as? [String: String]) == ["z": "1", "b": "2"])
    }

    /// The bytes themselves, not only what a JSON reader makes of them: log queries match on the text.
    @Test func writesEachLineByteForByte() throws {
        let event = LogEvent(level: .info, message: "question answered", metadata: ["tenant": "t\"9"], source: nil,
                             file: "Here.swift", function: "f()", line: 7)
        let line = try #require(JSONLogHandler.line(for: event, metadata: ["correlation_id": "c-1"], service: "query-generator",
                                                    label: "test", at: Date(timeIntervalSince1970: 1_760_000_000.25)))
        #expect(String(decoding: line, as: UTF8.self) == #"{"correlation_id":"c-1","event":"question_answered","level":"info","#
            + #""logger":"test","msg":"question answered","service":"query-generator","tenant":"t\"9","#
            + #""time":"2025-10-09T08:53:20.250Z"}"#)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("say \"hi\"\\ now\n\ttab\r", #""say \"hi\"\\ now\n\ttab\r""#),
        ("\u{01}\u{1F}\u{0B}\u{7F}", #""\u0001\u001f\u000b"# + "\u{7F}\""),
        ("₹1,200 / हिंदी 👍🏽\n", #""₹1,200 / हिंदी 👍🏽\n""#),
    ])
    func escapesOnlyQuoteBackslashAndControlCharacters(text: String, expected: String) {
        var bytes: [UInt8] = []
        JSONText.writeString(text, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func timestampsMatchAnISO8601FormatterAcrossDatesAndYears() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0, 951_782_400.75, 1_709_164_800.5, 1_796_600_284.125, 4_102_444_799.25, -86_400.25] as [Double] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(JSONLogHandler.timestamp(date) == formatter.string(from: date), "\(seconds)")
        }
    }
}
