import FintrakCore
import Foundation

/// Twilio's inbound WhatsApp form (PROTOCOLS.md) as a normalised message.
enum TwilioWebhook {
    enum ParseError: Error, Equatable {
        case missingField(String)
        case badSender(String)
    }

    static func message(fields: [(String, String)], receivedAt: Date, correlationID: String) throws -> InboundMessage {
        let form = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        guard let sid = form["MessageSid"] ?? form["SmsMessageSid"], !sid.isEmpty else {
            throw ParseError.missingField("MessageSid")
        }
        guard let from = form["From"] else { throw ParseError.missingField("From") }
        guard let tenant = PhoneNumber.e164(from) else { throw ParseError.badSender(from) }
        let mediaCount = min(Int(form["NumMedia"] ?? "0") ?? 0, 10)
        let body = form["Body"].flatMap { $0.isEmpty ? nil : $0 }
        let media = (0..<mediaCount).compactMap { index -> MediaAttachment? in
            guard let url = form["MediaUrl\(index)"] else { return nil }
            return MediaAttachment(url: url, contentType: form["MediaContentType\(index)"], caption: body)
        }
        return InboundMessage(correlationID: correlationID, tenant: tenant, provider: .twilio, providerMessageID: sid,
                              profileName: form["ProfileName"], text: body, media: media, receivedAt: receivedAt)
    }

    /// The empty TwiML answer Twilio expects (PROTOCOLS.md).
    static let emptyResponse = #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#
}
