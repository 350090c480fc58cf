import FintrakCore
import Foundation

/// Twilio's inbound WhatsApp form and its status callbacks (PROTOCOLS.md) as normalised values.
public enum TwilioWebhook {
    /// An inbound message or a delivery report.
    public enum Payload: Equatable, Sendable {
        case message(InboundMessage)
        case status(DeliveryStatusEvent)
    }

    /// A status callback (Twilio's `StatusCallback`, which may point at `/whatsapp` too) carries `MessageStatus`
    /// and no `Body`; an inbound message always has a `Body` field, empty for media without a caption.
    public static func isStatusCallback(_ fields: [(String, String)]) -> Bool {
        fields.contains { $0.0 == "MessageStatus" } && !fields.contains { $0.0 == "Body" }
    }

    /// The form's fields (in order, from `FormBody.decode`) as a message or a status callback.
    /// `reference` is the `ref` query parameter of the URL Twilio called (`StatusCallback` URLs carry it).
    public static func parse(fields: [(String, String)], receivedAt: Date, correlationID: String,
                             reference: String? = nil) throws(WebhookError) -> Payload {
        isStatusCallback(fields)
            ? .status(try status(fields: fields, receivedAt: receivedAt, reference: reference))
            : .message(try message(fields: fields, receivedAt: receivedAt, correlationID: correlationID))
    }

    /// An inbound message: `MessageSid`, `From` (or `WaId`), `Body` and up to ten `MediaUrlN`.
    public static func message(fields: [(String, String)], receivedAt: Date, correlationID: String) throws(WebhookError) -> InboundMessage {
        let form = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        guard let sid = form["MessageSid"] ?? form["SmsMessageSid"], !sid.isEmpty else {
            throw .missingField("MessageSid")
        }
        guard let from = form["From"] else { throw .missingField("From") }
        guard let tenant = SenderNumber.e164(from) ?? form["WaId"].flatMap({ SenderNumber.e164(digits: $0) }) else {
            throw .badSender(from)
        }
        guard let mediaCount = Int(form["NumMedia"] ?? "0"), mediaCount >= 0 else { throw .badField("NumMedia") }
        let body = form["Body"].flatMap { $0.isEmpty ? nil : $0 }
        let media = (0..<min(mediaCount, 10)).compactMap { index -> MediaAttachment? in
            guard let url = form["MediaUrl\(index)"], !url.isEmpty else { return nil }
            return MediaAttachment(url: url, contentType: form["MediaContentType\(index)"], caption: body)
        }
        return InboundMessage(correlationID: correlationID, tenant: tenant, provider: .twilio, providerMessageID: sid,
                              profileName: form["ProfileName"].flatMap { $0.isEmpty ? nil : $0 }, text: body, media: media,
                              receivedAt: receivedAt)
    }

    /// `MessageStatus` is queued, sending, sent, delivered, read, undelivered or failed; `To` is the customer.
    /// `reference`: our id of the message, from the `StatusCallback` URL the send gave (`?ref=`).
    public static func status(fields: [(String, String)], receivedAt: Date,
                              reference: String? = nil) throws(WebhookError) -> DeliveryStatusEvent {
        let form = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        guard let sid = form["MessageSid"] ?? form["SmsSid"], !sid.isEmpty else { throw .missingField("MessageSid") }
        guard let status = form["MessageStatus"], !status.isEmpty else { throw .missingField("MessageStatus") }
        let error = [form["ErrorCode"], form["ErrorMessage"]].compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }
        return DeliveryStatusEvent(provider: .twilio, providerMessageID: sid, status: status.lowercased(),
                                   recipient: form["To"].flatMap { SenderNumber.e164($0) },
                                   error: error.isEmpty ? nil : error.joined(separator: " "), occurredAt: receivedAt,
                                   reference: reference.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The empty TwiML answer Twilio expects (PROTOCOLS.md).
    public static let emptyResponse = #"<?xml version="1.0" encoding="UTF-8"?><Response/>"#
}

/// Why a verified request could not be read; answered with 400 and this short reason (never the body).
public enum WebhookError: Error, Equatable, CustomStringConvertible {
    case missingField(String)
    case badField(String)
    case badSender(String)
    case malformedJSON(String)

    public var description: String {
        switch self {
        case .missingField(let name): "missing \(name)"
        case .badField(let name): "malformed \(name)"
        case .badSender(let sender): "sender \(sender.prefix(40)) is not a phone number"
        case .malformedJSON(let reason): "malformed JSON: \(reason)"
        }
    }
}
