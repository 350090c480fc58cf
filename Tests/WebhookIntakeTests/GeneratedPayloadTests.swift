import FintrakCore
import GeneratedInput
import Foundation
import Testing
@testable import WebhookIntake
@testable import WebhookReading

/// No webhook body can crash intake's readers: each is read, or refused with a `WebhookError` (a 400).
@Suite struct GeneratedPayloadTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let twilioNames = [
        "MessageSid", "SmsMessageSid", "SmsSid", "From", "To", "WaId", "Body", "NumMedia", "MediaUrl0", "MediaUrl9",
        "MediaContentType0", "ProfileName", "MessageStatus", "ErrorCode", "ErrorMessage", "AccountSid",
    ]
    static let values = [
        "whatsapp:+919812345678", "+919812345678", "919812345678", "0", "1", "11", "-1", "99999999999999999999",
        "https://api.twilio.com/m/1", "image/jpeg", "delivered", "failed", "SM123", "",
    ]

    /// 100,000 generated form bodies through `FormBody` and Twilio's reader; what is read round-trips as an envelope.
    @Test func generatedTwilioFormsAllReturn() throws {
        var random = SeededRandom(seed: 21)
        var outcomes = (read: 0, refused: 0)
        for text in GeneratedText(seed: 22, count: 100_000, words: Self.twilioNames + Self.values) {
            var body: [UInt8] = []
            for index in 0..<Int.random(in: 0...8, using: &random) {
                if index > 0 { body.append(UInt8(ascii: "&")) }
                body += Array(Self.twilioNames[Int.random(in: 0..<Self.twilioNames.count, using: &random)].utf8)
                body.append(UInt8(ascii: "="))
                let value = Bool.random(using: &random) ? Self.values[Int.random(in: 0..<Self.values.count, using: &random)] : text
                body += Bool.random(using: &random) ? Array(value.utf8) : Self.percentEncoded(value)
            }
            // Raw bytes too: stray '%', '=', '&' and invalid UTF-8.
            if Int.random(in: 0..<4, using: &random) == 0 {
                body += (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            do {
                switch try TwilioWebhook.parse(fields: FormBody.decode(body), receivedAt: Self.now, correlationID: "c") {
                case .message(let message): try Self.expectRoundTrip(message)
                case .status: break
                }
                outcomes.read += 1
            } catch {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.read + outcomes.refused == 100_000)
        #expect(outcomes.read > 1_000 && outcomes.refused > 1_000)
    }

    /// 100,000 generated JSON bodies, each through Gupshup's and the Cloud API's reader.
    @Test func generatedProviderJSONAllReturns() throws {
        var random = SeededRandom(seed: 31)
        var outcomes = (read: 0, refused: 0)
        for text in GeneratedText(seed: 32, count: 100_000, words: Self.values + ["message", "message-event", "text", "image"]) {
            func value() -> String {
                switch Int.random(in: 0..<8, using: &random) {
                case 0: return "null"
                case 1: return ["0", "-1", "1e400", "-1e400", "99999999999999999999999", "1.5", "1790000000000"][Int.random(in: 0..<7, using: &random)]
                case 2: return "{\"text\": \(Self.json(text))}"
                case 3: return "[\(Self.json(text))]"
                default: return Self.json(Bool.random(using: &random) ? text : Self.values[Int.random(in: 0..<Self.values.count, using: &random)])
                }
            }
            let gupshup = """
                {"type": \(Bool.random(using: &random) ? "\"message\"" : value()), "timestamp": \(value()), "payload": {"id": \(value()),
                "source": \(value()), "type": \(value()), "payload": {"text": \(value()), "url": \(value()), "ts": \(value())},
                "sender": {"phone": \(Bool.random(using: &random) ? "\"919812345678\"" : value()), "name": \(value())}}}
                """
            let meta = """
                {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {"contacts": [{"wa_id": \(value()),
                "profile": {"name": \(value())}}], "messages": [{"from": \(Bool.random(using: &random) ? "\"919812345678\"" : value()),
                "id": \(value()), "timestamp": \(value()), "type": \(value()), "text": {"body": \(value())},
                "image": {"id": \(value()), "caption": \(value())}}], "statuses": [{"id": \(value()), "status": \(value()),
                "timestamp": \(value()), "errors": [{"code": \(value()), "title": \(value())}]}]}}]}]}
                """
            // Sometimes cut short, or not JSON at all.
            let bodies = switch Int.random(in: 0..<6, using: &random) {
            case 0: [String(gupshup.prefix(Int.random(in: 0...gupshup.count, using: &random))),
                     String(meta.prefix(Int.random(in: 0...meta.count, using: &random)))]
            case 1: [text, "{" + text]
            default: [gupshup, meta]
            }
            for body in bodies {
                do {
                    if case .message(let message) = try GupshupWebhook.parse(Data(body.utf8), receivedAt: Self.now, correlationID: "c") {
                        try Self.expectRoundTrip(message)
                    }
                    outcomes.read += 1
                } catch {
                    outcomes.refused += 1
                }
                do {
                    let batch = try MetaWebhook.parse(Data(body.utf8), receivedAt: Self.now, newCorrelationID: { "c" })
                    for message in batch.messages { try Self.expectRoundTrip(message) }
                    outcomes.read += 1
                } catch {
                    outcomes.refused += 1
                }
            }
        }
        #expect(outcomes.read + outcomes.refused == 400_000)
        #expect(outcomes.read > 10_000 && outcomes.refused > 10_000)
    }

    /// The hand-written envelope reads back as the message it was written from.
    static func expectRoundTrip(_ message: InboundMessage) throws {
        #expect(message.tenant.hasPrefix("+"))
        var decoded = try EnvelopeCoding.decode(InboundMessage.self, from: InboundJSON.encode(message))
        #expect(abs(decoded.receivedAt.timeIntervalSince(message.receivedAt)) < 1)    // whole seconds in the envelope
        decoded.receivedAt = message.receivedAt
        #expect(decoded == message)
    }

    static func percentEncoded(_ text: String) -> [UInt8] {
        Array(text.utf8).flatMap { byte -> [UInt8] in
            let hex = Array("0123456789ABCDEF".utf8)
            return [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
    }

    /// A JSON string literal of `text` (control characters as \u escapes).
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
