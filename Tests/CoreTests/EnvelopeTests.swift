import FintrakCore
import Foundation
import Testing

@Suite struct EnvelopeTests {
    @Test func inboundMessageRoundTripsAndCarriesItsVersion() throws {
        let message = InboundMessage(
            correlationID: "c-1", tenant: "+919812345678", provider: .gupshup, providerMessageID: "ABEG1",
            profileName: "Andy", text: nil,
            media: [MediaAttachment(url: "https://example.test/bill.jpg", contentType: "image/jpeg", caption: "fuel")],
            receivedAt: Date(timeIntervalSince1970: 1_700_000_000), conversation: ConversationState(lastInvoiceID: "7d0e3c4a"))
        let data = try EnvelopeCoding.encode(message)
        #expect(String(decoding: data, as: UTF8.self).contains(#""version":1"#))
        #expect(try EnvelopeCoding.decode(InboundMessage.self, from: data) == message)
    }

    @Test func replyIDsAreStableAndPositional() {
        let message = InboundMessage(correlationID: "c", tenant: "+919812345678", provider: .twilio,
                                     providerMessageID: "SM1", receivedAt: Date())
        #expect(OutboundReply(to: message, body: "a").replyID == OutboundReply(to: message, body: "b").replyID)
        #expect(OutboundReply(to: message, position: 1, body: "a").replyID == "twilio:SM1:1")
    }
}
