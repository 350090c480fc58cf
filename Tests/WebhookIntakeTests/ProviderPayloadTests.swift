import Conversation
import FintrakCore
import FintrakHTTPClient
import Foundation
import Testing
@testable import WebhookIntake
@testable import WebhookReading

private let now = Date(timeIntervalSince1970: 1_760_000_000)

/// The sample payloads of ../shared/PROTOCOLS.md and their variants, normalised without servers.
@Suite struct GupshupPayloadTests {
    /// PROTOCOLS.md's inbound text, byte for byte (docs.gupshup.io "Inbound message").
    static let sampleText = #"{"app":"DemoApp","timestamp":1580227766370,"version":2,"type":"message","payload":{"id":"ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c","source":"918x98xx21x4","type":"text","payload":{"text":"Hi"},"sender":{"phone":"918x98xx21x4","name":"Andy","country_code":"91","dial_code":"8x98xx21x4"}}}"#

    func parse(_ json: String) throws -> GupshupWebhook.Payload {
        try GupshupWebhook.parse(Data(json.utf8), receivedAt: now, correlationID: "c")
    }

    func message(_ json: String) throws -> InboundMessage {
        guard case .message(let message) = try parse(json) else { throw WebhookError.missingField("message") }
        return message
    }

    @Test func theDocumentedSampleHasAPlaceholderNumberAndIsRefused() {
        // The docs mask the number with x's: not a phone number, so a short 400 reason, not a crash.
        #expect(throws: WebhookError.badSender("918x98xx21x4")) { try parse(Self.sampleText) }
    }

    @Test func theSampleWithARealNumberBecomesOneMessage() throws {
        let message = try message(Self.sampleText.replacingOccurrences(of: "918x98xx21x4", with: "919812345678"))
        #expect(message.provider == .gupshup)
        #expect(message.providerMessageID == "ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c")
        #expect(message.tenant == "+919812345678")
        #expect(message.profileName == "Andy")
        #expect(message.text == "Hi")
        #expect(message.media.isEmpty)
        // `timestamp` is milliseconds.
        #expect(abs(message.receivedAt.timeIntervalSince1970 - 1_580_227_766.370) < 0.001)
    }

    @Test func theSenderComesFromSourceWhenSenderIsMissing() throws {
        let json = #"{"type":"message","timestamp":1580227766370,"payload":{"id":"g1","source":"919812345678","type":"text","payload":{"text":"2"}}}"#
        #expect(try message(json).tenant == "+919812345678")
    }

    @Test func anImageCarriesItsURLTypeAndCaption() throws {
        let json = #"{"app":"DemoApp","timestamp":1580227766370,"version":2,"type":"message","payload":{"id":"g2","source":"919812345678","type":"image","payload":{"caption":"diesel","url":"https://filemanager.gupshup.io/wa/abc","contentType":"image/jpeg","urlExpiry":1718608420228},"sender":{"phone":"919812345678","name":"Asha"}}}"#
        let message = try message(json)
        #expect(message.media == [MediaAttachment(url: "https://filemanager.gupshup.io/wa/abc", contentType: "image/jpeg",
                                                  caption: "diesel")])
        #expect(message.text == "diesel")
        #expect(Routing.destination(text: message.text, media: message.media, state: nil) == .invoices)
    }

    @Test func aPDFFileKeepsItsName() throws {
        let json = #"{"type":"message","timestamp":1580227766370,"payload":{"id":"g3","source":"919812345678","type":"file","payload":{"caption":"office rent","url":"https://filemanager.gupshup.io/wa/pdf","contentType":"application/pdf","name":"rent.pdf"},"sender":{"phone":"919812345678"}}}"#
        let message = try message(json)
        #expect(message.media == [MediaAttachment(url: "https://filemanager.gupshup.io/wa/pdf", contentType: "application/pdf",
                                                  filename: "rent.pdf", caption: "office rent")])
        #expect(Routing.destination(text: message.text, media: message.media, state: nil) == .invoices)
    }

    @Test func aDeliveryEventIsRecordedAgainstGupshupsID() throws {
        // DLR events: `id` is WhatsApp's, `gsId` the id Gupshup's send API returned (docs.gupshup.io "Message events").
        let json = #"{"app":"DemoAPI","timestamp":1580546677791,"version":2,"type":"message-event","payload":{"id":"gBEGkYaYVSEEAgnZxQ3JmKK6Wvg","gsId":"ee4a68a0-1203-4c85-8dc3-49d0b3226a35","type":"delivered","destination":"919812345678","payload":{"ts":1580546677}}}"#
        guard case .status(let status) = try parse(json) else { Issue.record("not a status"); return }
        #expect(status == DeliveryStatusEvent(provider: .gupshup, providerMessageID: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
                                              status: "delivered", recipient: "+919812345678",
                                              occurredAt: Date(timeIntervalSince1970: 1_580_546_677)))
    }

    @Test func aFailedEventCarriesItsReason() throws {
        let json = #"{"type":"message-event","timestamp":1580546677791,"payload":{"id":"59f8db90-c37e-4408-90ab-cc54ef8246ad","type":"failed","destination":"919812345678","payload":{"code":1002,"reason":"Number does not exist on WhatsApp"}}}"#
        guard case .status(let status) = try parse(json) else { Issue.record("not a status"); return }
        #expect(status.providerMessageID == "59f8db90-c37e-4408-90ab-cc54ef8246ad")
        #expect(status.status == "failed")
        #expect(status.error == "1002 Number does not exist on WhatsApp")
        #expect(abs(status.occurredAt.timeIntervalSince1970 - 1_580_546_677.791) < 0.001)
    }

    @Test func userEventsAreAcknowledgedAndIgnored() throws {
        let json = #"{"app":"DemoApp","timestamp":1580227766370,"version":2,"type":"user-event","payload":{"phone":"919812345678","type":"sandbox-start"}}"#
        #expect(try parse(json) == .ignored("user-event"))
    }

    @Test func unknownFieldsAreIgnored() throws {
        let json = #"{"type":"message","brandNew":{"nested":[1,2]},"timestamp":"1580227766370","payload":{"id":"g4","source":"919812345678","type":"text","payload":{"text":"hi","mystery":true},"sender":{"phone":"919812345678","age":3},"context":{"id":"x"}}}"#
        #expect(try message(json).text == "hi")
    }

    @Test(arguments: [
        ("", "malformed JSON: empty body"),
        ("not json", "malformed JSON: not JSON"),
        (#"{"payload":{}}"#, "malformed JSON: missing type"),
        (#"{"type":"message"}"#, "missing payload"),
        (#"{"type":"message","payload":{"source":"919812345678","payload":{"text":"x"}}}"#, "missing payload.id"),
        (#"{"type":"message","payload":{"id":"g5","payload":{"text":"x"}}}"#, "missing payload.sender.phone"),
        (#"{"type":"message","payload":{"id":"g6","source":"919812345678","type":"image","payload":{}}}"#,
         "missing payload.payload.url"),
        (#"{"type":"message","payload":{"id":7,"source":"919812345678"}}"#, "malformed JSON: wrong type at payload.id"),
        (#"{"type":"message-event","payload":{"id":"x"}}"#, "missing payload.type"),
    ])
    func malformedBodiesSayWhatIsWrong(json: String, reason: String) {
        #expect(throws: WebhookError.self) { try parse(json) }
        do {
            _ = try parse(json)
        } catch {
            #expect("\(error)" == reason)
        }
    }
}

@Suite struct MetaPayloadTests {
    /// The shape PROTOCOLS.md describes and ../shared/eval/client.py sends, with two senders and a status.
    static let batch = #"""
        {"object":"whatsapp_business_account","entry":[{"id":"WABA_ID","changes":[{"field":"messages","value":{
          "messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"15550000000","phone_number_id":"106540352242922"},
          "contacts":[{"profile":{"name":"Asha"},"wa_id":"919812345678"},{"profile":{"name":"Ravi"},"wa_id":"919876543210"}],
          "messages":[
            {"from":"919812345678","id":"wamid.A","timestamp":"1760000000","type":"text","text":{"body":"how much last month?"}},
            {"from":"919876543210","id":"wamid.B","timestamp":"1760000001","type":"image",
             "image":{"id":"1479537139650973","mime_type":"image/jpeg","sha256":"abc","caption":"fuel"}},
            {"from":"919812345678","id":"wamid.C","timestamp":"1760000002","type":"document",
             "document":{"id":"9988","mime_type":"application/pdf","sha256":"def","filename":"bill.pdf"}},
            {"from":"919812345678","id":"wamid.D","timestamp":"1760000003","type":"reaction",
             "reaction":{"message_id":"wamid.X","emoji":"👍"}}
          ],
          "statuses":[{"id":"wamid.OUT","status":"delivered","timestamp":"1760000004","recipient_id":"919812345678",
                       "conversation":{"id":"c"},"pricing":{"billable":true}}]
        }}]}]}
        """#

    func parse(_ json: String) throws -> WebhookContent {
        var next = 0
        return try MetaWebhook.parse(Data(json.utf8), receivedAt: now) {
            next += 1
            return "c\(next)"
        }
    }

    @Test func oneNotificationCarriesSeveralMessagesAndStatuses() throws {
        let batch = try parse(Self.batch)
        #expect(batch.messages.map(\.providerMessageID) == ["wamid.A", "wamid.B", "wamid.C"])
        #expect(batch.skipped == ["reaction"])
        #expect(Set(batch.messages.map(\.correlationID)).count == 3)

        let text = batch.messages[0]
        #expect(text.provider == .meta)
        #expect(text.tenant == "+919812345678")
        #expect(text.profileName == "Asha")
        #expect(text.text == "how much last month?")
        #expect(text.receivedAt == Date(timeIntervalSince1970: 1_760_000_000))

        let image = batch.messages[1]
        #expect(image.tenant == "+919876543210")
        #expect(image.profileName == "Ravi")
        #expect(image.media == [MediaAttachment(mediaID: "1479537139650973", contentType: "image/jpeg", caption: "fuel")])

        let document = batch.messages[2]
        #expect(document.media == [MediaAttachment(mediaID: "9988", contentType: "application/pdf", filename: "bill.pdf")])
        #expect(document.text == nil)

        #expect(batch.statuses == [DeliveryStatusEvent(provider: .meta, providerMessageID: "wamid.OUT", status: "delivered",
                                                       recipient: "+919812345678",
                                                       occurredAt: Date(timeIntervalSince1970: 1_760_000_004))])
    }

    @Test func aFailedStatusCarriesTheError() throws {
        let json = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.F","status":"failed","timestamp":"1760000004","recipient_id":"919812345678","errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}"#
        #expect(try parse(json).statuses.first?.error == "131026 Message undeliverable")
    }

    @Test func buttonRepliesAreText() throws {
        let json = #"{"entry":[{"changes":[{"value":{"messages":[{"from":"919812345678","id":"wamid.I","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"yes","title":"Yes"}}}]}}]}]}"#
        #expect(try parse(json).messages.first?.text == "Yes")
    }

    @Test func otherNotificationsCarryNothing() throws {
        let json = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED"}}]}]}"#
        #expect(try parse(json) == WebhookContent())
    }

    @Test(arguments: [
        ("", "malformed JSON: empty body"),
        ("[1,2", "malformed JSON: not JSON"),
        (#"{"entry":{"changes":[]}}"#, "malformed JSON: wrong type at entry"),
        (#"{"entry":[{"changes":[{"value":{"messages":[{"from":"919812345678","type":"text"}]}}]}]}"#,
         "missing entry[0].changes[0].value.messages[0].id"),
        (#"{"entry":[{"changes":[{"value":{"messages":[{"from":"hello","id":"w","type":"text"}]}}]}]}"#,
         "sender hello is not a phone number"),
        (#"{"entry":[{"changes":[{"value":{"statuses":[{"id":"w"}]}}]}]}"#, "missing entry[0].changes[0].value.statuses[0].status"),
    ])
    func malformedBodiesSayWhatIsWrong(json: String, reason: String) {
        do {
            _ = try parse(json)
            Issue.record("parsed \(json)")
        } catch {
            #expect("\(error)" == reason)
        }
    }

    /// PROTOCOLS.md's vector: key `secret`, body `test`.
    @Test func signatureMatchesThePublishedVector() {
        let signature = MetaSignature(appSecret: "secret")
        let expected = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
        #expect(signature.expected(body: Data("test".utf8)) == expected)
        #expect(signature.isValid(header: expected, body: Data("test".utf8)))
        #expect(signature.isValid(header: expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="),
                                  body: Data("test".utf8)))
        #expect(!signature.isValid(header: expected, body: Data("test ".utf8)))
        #expect(!signature.isValid(header: String(expected.dropFirst(7)), body: Data("test".utf8)))
        #expect(!signature.isValid(header: nil, body: Data("test".utf8)))
        #expect(!MetaSignature(appSecret: "other").isValid(header: expected, body: Data("test".utf8)))
    }
}

@Suite struct TwilioPayloadTests {
    /// The fields ../shared/eval/client.py posts for a text, plus one Twilio might add without notice.
    static let text: [(String, String)] = [
        ("MessageSid", "SM0123"), ("SmsMessageSid", "SM0123"), ("SmsSid", "SM0123"), ("AccountSid", "AC1"),
        ("From", "whatsapp:+919812345678"), ("To", "whatsapp:+14155238886"), ("ProfileName", "Eval 5678"),
        ("WaId", "919812345678"), ("NumSegments", "1"), ("SmsStatus", "received"), ("ApiVersion", "2010-04-01"),
        ("Body", "hi"), ("NumMedia", "0"), ("MessageType", "text"), ("ChannelMetadata", "{}"),
    ]

    @Test func aTextIsAMessage() throws {
        let payload = try TwilioWebhook.parse(fields: Self.text, receivedAt: now, correlationID: "c")
        #expect(payload == .message(InboundMessage(correlationID: "c", tenant: "+919812345678", provider: .twilio,
                                                   providerMessageID: "SM0123", profileName: "Eval 5678", text: "hi",
                                                   receivedAt: now)))
    }

    @Test func mediaWithoutCaptionHasAnEmptyBodyAndIsStillAMessage() throws {
        let fields: [(String, String)] = [
            ("MessageSid", "SM1"), ("From", "whatsapp:+919812345678"), ("Body", ""), ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/m/0"), ("MediaContentType0", "application/pdf"),
            ("MediaUrl1", "https://api.twilio.com/m/1"), ("MediaContentType1", "image/png"), ("MessageStatus", "received"),
        ]
        guard case .message(let message) = try TwilioWebhook.parse(fields: fields, receivedAt: now, correlationID: "c") else {
            Issue.record("not a message")
            return
        }
        #expect(message.text == nil)
        #expect(message.media.map(\.contentType) == ["application/pdf", "image/png"])
    }

    @Test func aStatusCallbackIsADeliveryStatus() throws {
        let fields: [(String, String)] = [
            ("MessageSid", "SMout"), ("SmsSid", "SMout"), ("AccountSid", "AC1"), ("MessageStatus", "undelivered"),
            ("SmsStatus", "undelivered"), ("To", "whatsapp:+919812345678"), ("From", "whatsapp:+14155238886"),
            ("ErrorCode", "63016"), ("ChannelPrefix", "whatsapp"), ("ApiVersion", "2010-04-01"),
        ]
        #expect(TwilioWebhook.isStatusCallback(fields))
        #expect(try TwilioWebhook.parse(fields: fields, receivedAt: now, correlationID: "c")
            == .status(DeliveryStatusEvent(provider: .twilio, providerMessageID: "SMout", status: "undelivered",
                                           recipient: "+919812345678", error: "63016", occurredAt: now)))
    }

    /// The reply's StatusCallback URL names the message (`?ref=`), which the report carries on to client-responder.
    @Test func aStatusCallbackCarriesTheReferenceOfItsURL() throws {
        let fields: [(String, String)] = [("MessageSid", "SMout"), ("MessageStatus", "sent"), ("To", "whatsapp:+919812345678")]
        guard case .status(let status) = try TwilioWebhook.parse(fields: fields, receivedAt: now, correlationID: "c",
                                                                 reference: "twilio:SMin:0#part2") else {
            Issue.record("not a status")
            return
        }
        #expect(status.reference == "twilio:SMin:0#part2")
        #expect(try TwilioWebhook.status(fields: fields, receivedAt: now, reference: "").reference == nil)
    }

    @Test func aCloudAPIStatusCarriesItsOpaqueCallbackData() throws {
        let json = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.R","status":"sent","timestamp":"1760000004","recipient_id":"919812345678","biz_opaque_callback_data":"meta:wamid.IN:0"}]}}]}]}"#
        let statuses = try MetaWebhook.parse(Data(json.utf8), receivedAt: now, newCorrelationID: { "c" }).statuses
        #expect(statuses.map(\.reference) == ["meta:wamid.IN:0"])
    }

    @Test func malformedFormsSayWhatIsMissing() {
        #expect(throws: WebhookError.missingField("MessageSid")) {
            try TwilioWebhook.parse(fields: [("From", "whatsapp:+919812345678"), ("Body", "x")], receivedAt: now, correlationID: "c")
        }
        #expect(throws: WebhookError.missingField("From")) {
            try TwilioWebhook.parse(fields: [("MessageSid", "SM1"), ("Body", "x")], receivedAt: now, correlationID: "c")
        }
        #expect(throws: WebhookError.badSender("whatsapp:hello")) {
            try TwilioWebhook.parse(fields: [("MessageSid", "SM1"), ("From", "whatsapp:hello"), ("Body", "x")],
                                    receivedAt: now, correlationID: "c")
        }
        #expect(throws: WebhookError.badField("NumMedia")) {
            try TwilioWebhook.parse(fields: [("MessageSid", "SM1"), ("From", "whatsapp:+919812345678"), ("NumMedia", "many")],
                                    receivedAt: now, correlationID: "c")
        }
        #expect(throws: WebhookError.missingField("MessageStatus")) {
            try TwilioWebhook.status(fields: [("MessageSid", "SM1")], receivedAt: now)
        }
    }
}

/// Every provider's spelling of a sender becomes one tenant.
@Suite struct PhoneNormalisationTests {
    @Test(arguments: ["whatsapp:+919812345678", "+919812345678", "919812345678", "+91 98123 45678", "09812345678",
                      "9812345678", "WhatsApp:+919812345678"])
    func indianNumbers(raw: String) {
        #expect(PhoneNumber.e164(raw) == "+919812345678")
    }

    @Test func gupshupAndMetaDigitsGetAPlus() {
        #expect(GupshupWebhook.e164("919812345678") == "+919812345678")
        #expect(GupshupWebhook.e164("+919812345678") == "+919812345678")
        #expect(GupshupWebhook.e164("14155238886") == "+14155238886")
        #expect(GupshupWebhook.e164("918x98xx21x4") == nil)
    }

    @Test func twilioFallsBackToWaId() throws {
        let message = try TwilioWebhook.message(fields: [("MessageSid", "SM1"), ("From", "whatsapp:"), ("WaId", "919812345678")],
                                                receivedAt: now, correlationID: "c")
        #expect(message.tenant == "+919812345678")
    }

    @Test(arguments: ["whatsapp:hello", "", "+", "12", "whatsapp:+91-abc"])
    func notNumbers(raw: String) {
        #expect(PhoneNumber.e164(raw) == nil)
    }
}

/// The hot path's own readers agree with the shared, simpler ones.
@Suite struct FastPathTests {
    @Test(arguments: [
        "", "&", "a", "a=", "=b", "a=1&b=2&a=3", "a=1&&b=2", "From=whatsapp%3A%2B919812345678&Body=how+much%3F",
        "x=%E2%82%B9500+udhaar", "bad=%zz%2", "end=%4", "end=%", "plus=a+b%2Bc", "eq=a=b=c", "utf=%FF%FE",
        "Body=%F0%9F%91%8D&NumMedia=0",
    ])
    func formBodyMatchesFormEncoding(body: String) {
        let fast = FormBody.decode(Array(body.utf8))
        let simple = FormEncoding.decode(body)
        #expect(fast.map(\.0) == simple.map(\.0))
        #expect(fast.map(\.1) == simple.map(\.1))
    }

    @Test(arguments: ["whatsapp:+919812345678", "+919812345678", "+14155238886", "+0919812345678", "+91981234",
                      "+9198123456789012", "whatsapp:+91 98123 45678", "919812345678", "whatsapp:", "+", "", "WHATSAPP:+919812345678"])
    func senderMatchesPhoneNumber(raw: String) {
        #expect(SenderNumber.e164(raw) == PhoneNumber.e164(raw))
    }

    @Test func correlationIDsLookLikeUUIDsAndDoNotRepeat() {
        let ids = (0..<10_000).map { _ in CorrelationID.next() }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.prefix(8) }).count > 9_900)
        for id in ids.prefix(100) {
            let uuid = UUID(uuidString: id)
            #expect(uuid != nil)
            #expect(uuid?.uuidString.lowercased() == id)
            #expect(Array(id)[14] == "4")
            #expect("89ab".contains(Array(id)[19]))
        }
    }
}
