import FintrakCore
import Foundation
import Testing
@testable import WebhookIntake

/// The hand-written envelope is the one `EnvelopeCoding` writes, and stays so when the envelope changes.
@Suite struct InboundJSONTests {
    static let when = Date(timeIntervalSince1970: 1_772_703_000)  // 2026-03-05T09:30:00Z

    static let messages: [InboundMessage] = [
        InboundMessage(correlationID: "c1", tenant: "+919812345678", provider: .twilio, providerMessageID: "SM1",
                       receivedAt: when),
        InboundMessage(correlationID: "0f0e-x", tenant: "+919812345678", provider: .meta, providerMessageID: "wamid.A==",
                       profileName: "Asha \"Didi\"", text: "Pichle mahine ka GST kitna tha? ₹500 / 😀 \\ back",
                       media: [MediaAttachment(mediaID: "1479537139650973", contentType: "image/jpeg", caption: "diesel"),
                               MediaAttachment(url: "https://api.twilio.com/2010-04-01/Media/ME1?x=1&y=2",
                                               contentType: "application/pdf", filename: "bill.pdf")],
                       receivedAt: Date(timeIntervalSince1970: 946_684_799),
                       conversation: ConversationState(lastInvoiceID: "7d0e3c4a")),
        InboundMessage(correlationID: "c3", tenant: "+14155238886", provider: .gupshup, providerMessageID: "g",
                       text: "", media: [MediaAttachment()], receivedAt: Date(timeIntervalSince1970: 4_102_444_800),
                       conversation: ConversationState()),
    ]

    @Test(arguments: messages)
    func sameBytesAsEnvelopeCoding(message: InboundMessage) throws {
        let fast = InboundJSON.encode(message)
        #expect(String(decoding: fast, as: UTF8.self) == String(decoding: try EnvelopeCoding.encode(message), as: UTF8.self))
        #expect(try EnvelopeCoding.decode(InboundMessage.self, from: fast) == message)
    }

    @Test func controlCharactersRoundTrip() throws {
        let text = "line one\nline two\ttab\r\u{0}\u{1}\u{1F}\u{7F} end"
        let message = InboundMessage(correlationID: "c", tenant: "+919812345678", provider: .twilio, providerMessageID: "S",
                                     text: text, receivedAt: Self.when)
        #expect(try EnvelopeCoding.decode(InboundMessage.self, from: InboundJSON.encode(message)).text == text)
    }

    @Test func datesAreWholeSecondsInUTC() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator))  // 1900…2200
            let date = Date(timeIntervalSince1970: seconds + Double.random(in: 0..<1, using: &generator))
            let encoded = String(decoding: try EnvelopeCoding.encode([date]), as: UTF8.self)
            #expect(encoded == "[\"\(InboundJSON.iso8601(date))\"]")
        }
    }

    /// Fails when a field is added to an envelope type: InboundJSON must then learn to write it.
    @Test func knowsEveryField() {
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        let message = Self.messages[1]
        #expect(labels(message) == ["version", "correlationID", "tenant", "provider", "providerMessageID", "profileName",
                                    "text", "media", "receivedAt", "conversation"])
        #expect(labels(message.media[0]) == ["url", "mediaID", "contentType", "filename", "caption"])
        #expect(labels(ConversationState()) == ["lastInvoiceID"])
    }
}
