import FintrakCore
import Foundation
import Testing
@testable import WebhookIntake

@Suite struct RoutingTests {
    @Test(arguments: ["hi", "Hi", " MENU ", "help", "Hello"])
    func greetingsShowTheMenu(text: String) {
        let decision = Routing.decide(text: text, hasMedia: false, state: ConversationState(mode: .awaitingInvoice))
        #expect(decision == RoutingDecision(destination: .questions, nextState: ConversationState(mode: .idle)))
    }

    @Test func menuChoicesSetTheMode() {
        #expect(Routing.decide(text: "1", hasMedia: false, state: nil).nextState?.mode == .awaitingInvoice)
        #expect(Routing.decide(text: "2", hasMedia: false, state: nil).nextState?.mode == .awaitingQuestion)
        #expect(Routing.decide(text: "3", hasMedia: false, state: nil).nextState?.mode == .khata)
        #expect(Routing.decide(text: "0", hasMedia: false, state: ConversationState(mode: .khata)).nextState == nil)
    }

    @Test func mediaAlwaysGoesToTheInvoiceQueue() {
        let decision = Routing.decide(text: "fuel", hasMedia: true, state: ConversationState(mode: .awaitingQuestion))
        #expect(decision.destination == .invoices)
    }

    @Test func editsGoToTheExtractorOnlyWhenThereIsAnInvoiceToEdit() {
        let pending = ConversationState(mode: .idle, lastInvoiceID: "abc")
        #expect(Routing.decide(text: "edit total 1530", hasMedia: false, state: pending).destination == .invoices)
        #expect(Routing.decide(text: "undo", hasMedia: false, state: pending).destination == .invoices)
        #expect(Routing.decide(text: "edit total 1530", hasMedia: false, state: nil).destination == .questions)
        #expect(Routing.decide(text: "how much did I spend", hasMedia: false, state: pending).destination == .questions)
    }
}

@Suite struct TwilioWebhookTests {
    @Test func normalisesTheForm() throws {
        let fields = [("MessageSid", "SM1"), ("From", "whatsapp:+919812345678"), ("Body", "fuel"), ("NumMedia", "1"),
                      ("MediaUrl0", "https://api.twilio.com/media/1"), ("MediaContentType0", "image/jpeg"),
                      ("ProfileName", "Asha")]
        let message = try TwilioWebhook.message(fields: fields, receivedAt: Date(), correlationID: "c")
        #expect(message.tenant == "+919812345678")
        #expect(message.providerMessageID == "SM1")
        #expect(message.media == [MediaAttachment(url: "https://api.twilio.com/media/1", contentType: "image/jpeg", caption: "fuel")])
        #expect(message.profileName == "Asha")
    }

    @Test func reportsWhatIsMissing() {
        #expect(throws: TwilioWebhook.ParseError.missingField("MessageSid")) {
            try TwilioWebhook.message(fields: [("From", "whatsapp:+919812345678")], receivedAt: Date(), correlationID: "c")
        }
        #expect(throws: TwilioWebhook.ParseError.badSender("whatsapp:hello")) {
            try TwilioWebhook.message(fields: [("MessageSid", "SM1"), ("From", "whatsapp:hello")], receivedAt: Date(), correlationID: "c")
        }
    }
}
