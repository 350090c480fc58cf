import FintrakCore
import Foundation

/// Gupshup's v2 callbacks (PROTOCOLS.md; docs.gupshup.io "Inbound message" and "Message events"): `message`
/// (text, image, file, …) and `message-event` (enqueued, sent, delivered, read, failed, deleted). Other types
/// (`user-event` such as `sandbox-start`, `billing-event`) are acknowledged and ignored.
public enum GupshupWebhook {
    /// What one callback carried.
    public enum Payload: Equatable, Sendable {
        case message(InboundMessage)
        /// A message-event: for DLR events (sent, delivered, read) `id` is WhatsApp's id and `gsId` Gupshup's,
        /// the one its send API returned; for enqueued and failed `id` is Gupshup's.
        case status(DeliveryStatusEvent)
        /// Something else Gupshup reports that intake has no use for.
        case ignored(String)
    }

    struct Callback: Decodable {
        var type: String
        var timestamp: LooseString?
        var payload: Body?
    }

    struct Body: Decodable {
        var id: String?
        var gsId: String?
        var source: String?
        var type: String?
        var destination: String?
        var payload: Inner?
        var sender: Sender?
    }

    /// The fields of every kind of inner payload Intake reads; the rest are ignored.
    struct Inner: Decodable {
        var text: String?
        var caption: String?
        var url: String?
        var contentType: String?
        var name: String?
        var title: String?
        var ts: LooseString?
        var code: LooseString?
        var reason: String?
    }

    struct Sender: Decodable {
        var phone: String?
        var name: String?
    }

    /// One callback's JSON body; unknown fields are ignored, a missing required one is a `WebhookError`.
    public static func parse(_ data: Data, receivedAt: Date, correlationID: String) throws(WebhookError) -> Payload {
        let callback = try WebhookJSON.decode(Callback.self, from: data)
        switch callback.type {
        case "message":
            return .message(try message(callback, receivedAt: receivedAt, correlationID: correlationID))
        case "message-event":
            return .status(try status(callback, receivedAt: receivedAt))
        default:
            return .ignored(callback.type)
        }
    }

    static func message(_ callback: Callback, receivedAt: Date, correlationID: String) throws(WebhookError) -> InboundMessage {
        guard let body = callback.payload else { throw .missingField("payload") }
        guard let id = body.id, !id.isEmpty else { throw .missingField("payload.id") }
        guard let phone = body.sender?.phone ?? body.source else { throw .missingField("payload.sender.phone") }
        guard let tenant = e164(phone) else { throw .badSender(phone) }
        let inner = body.payload
        var text: String?
        var media: [MediaAttachment] = []
        switch body.type ?? "text" {
        case "text":
            text = inner?.text
        case "quick_reply", "button_reply", "list_reply":
            text = inner?.text ?? inner?.title
        case "image", "file", "document", "audio", "video", "sticker":
            guard let url = inner?.url, !url.isEmpty else { throw .missingField("payload.payload.url") }
            let caption = inner?.caption.flatMap { $0.isEmpty ? nil : $0 }
            media = [MediaAttachment(url: url, contentType: inner?.contentType ?? defaultType(body.type),
                                     filename: inner?.name, caption: caption)]
            text = caption
        default:
            text = inner?.text
        }
        return InboundMessage(
            correlationID: correlationID, tenant: tenant, provider: .gupshup, providerMessageID: id,
            profileName: body.sender?.name.flatMap { $0.isEmpty ? nil : $0 },
            text: text.flatMap { $0.isEmpty ? nil : $0 }, media: media,
            receivedAt: Date.providerTime(callback.timestamp?.number, receivedAt: receivedAt))
    }

    static func status(_ callback: Callback, receivedAt: Date) throws(WebhookError) -> DeliveryStatusEvent {
        guard let body = callback.payload else { throw .missingField("payload") }
        guard let id = body.gsId ?? body.id, !id.isEmpty else { throw .missingField("payload.id") }
        guard let status = body.type, !status.isEmpty else { throw .missingField("payload.type") }
        let problem = [body.payload?.code?.value, body.payload?.reason].compactMap { $0 }.joined(separator: " ")
        // payload.payload.ts is in seconds; the envelope's timestamp in milliseconds (both read by magnitude).
        let time = body.payload?.ts?.number ?? callback.timestamp?.number
        return DeliveryStatusEvent(provider: .gupshup, providerMessageID: id, status: status.lowercased(),
                                   recipient: body.destination.flatMap(e164),
                                   error: problem.isEmpty ? nil : problem,
                                   occurredAt: Date.providerTime(time, receivedAt: receivedAt))
    }

    /// Gupshup writes numbers as digits without "+" ("918x98xx21x4").
    static func e164(_ phone: String) -> String? {
        SenderNumber.e164(digits: phone)
    }

    private static func defaultType(_ kind: String?) -> String? {
        kind == "image" ? "image/jpeg" : nil
    }
}
