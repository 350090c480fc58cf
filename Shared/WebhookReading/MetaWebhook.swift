import FintrakCore
import Foundation

/// The WhatsApp Cloud API's webhook (PROTOCOLS.md): `entry[].changes[].value` with `contacts`, `messages` and
/// `statuses`. One POST may carry several messages and statuses, for several senders.
public enum MetaWebhook {
    struct Notification: Decodable {
        var object: String?
        var entry: [Entry]?
    }

    struct Entry: Decodable {
        var changes: [Change]?
    }

    struct Change: Decodable {
        var field: String?
        var value: Value?
    }

    struct Value: Decodable {
        var contacts: [Contact]?
        var messages: [Message]?
        var statuses: [Status]?
    }

    struct Contact: Decodable {
        struct Profile: Decodable { var name: String? }
        var waId: String?
        var profile: Profile?
    }

    struct Message: Decodable {
        struct Text: Decodable { var body: String? }
        struct Media: Decodable {
            var id: String?
            var mimeType: String?
            var caption: String?
            var filename: String?
        }
        struct Reply: Decodable { var title: String? }
        struct Interactive: Decodable {
            var buttonReply: Reply?
            var listReply: Reply?
        }
        struct Button: Decodable { var text: String? }

        var from: String?
        var id: String?
        var timestamp: LooseString?
        var type: String?
        var text: Text?
        var image: Media?
        var document: Media?
        var audio: Media?
        var video: Media?
        var sticker: Media?
        var interactive: Interactive?
        var button: Button?
    }

    struct Status: Decodable {
        struct Problem: Decodable {
            var code: LooseString?
            var title: String?
            var message: String?
        }
        var id: String?
        var status: String?
        var timestamp: LooseString?
        var recipientId: String?
        var errors: [Problem]?
        /// What the send's `biz_opaque_callback_data` said: our id of the message.
        var bizOpaqueCallbackData: String?
    }

    /// One notification's JSON body: every message (reactions skipped) and status, in order.
    public static func parse(_ data: Data, receivedAt: Date, newCorrelationID: () -> String) throws(WebhookError) -> WebhookContent {
        let notification: Notification
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            notification = try decoder.decode(Notification.self, from: data)
        } catch let error as DecodingError {
            throw .malformedJSON(data.isEmpty ? "empty body" : WebhookJSON.reason(error))
        } catch {
            throw .malformedJSON("unreadable")
        }
        var content = WebhookContent()
        for (e, entry) in (notification.entry ?? []).enumerated() {
            for (c, change) in (entry.changes ?? []).enumerated() {
                guard let value = change.value else { continue }
                let names = Dictionary((value.contacts ?? []).compactMap { contact in
                    contact.waId.map { ($0, contact.profile?.name) }
                }, uniquingKeysWith: { first, _ in first })
                for (m, message) in (value.messages ?? []).enumerated() {
                    let at = "entry[\(e)].changes[\(c)].value.messages[\(m)]"
                    if message.type == "reaction" {
                        content.skipped.append("reaction")
                        continue
                    }
                    content.messages.append(try inbound(message, at: at, names: names, receivedAt: receivedAt,
                                                      correlationID: newCorrelationID()))
                }
                for (s, status) in (value.statuses ?? []).enumerated() {
                    content.statuses.append(try delivery(status, at: "entry[\(e)].changes[\(c)].value.statuses[\(s)]",
                                                       receivedAt: receivedAt))
                }
            }
        }
        return content
    }

    static func inbound(_ message: Message, at path: String, names: [String: String?], receivedAt: Date,
                        correlationID: String) throws(WebhookError) -> InboundMessage {
        guard let id = message.id, !id.isEmpty else { throw .missingField(path + ".id") }
        guard let from = message.from else { throw .missingField(path + ".from") }
        guard let tenant = SenderNumber.e164(digits: from) else { throw .badSender(from) }
        var text: String?
        var media: [MediaAttachment] = []
        switch message.type ?? "text" {
        case "text":
            text = message.text?.body
        case "interactive":
            text = message.interactive?.buttonReply?.title ?? message.interactive?.listReply?.title
        case "button":
            text = message.button?.text
        default:
            let attached = message.image ?? message.document ?? message.audio ?? message.video ?? message.sticker
            if let attached {
                guard let mediaID = attached.id, !mediaID.isEmpty else { throw .missingField(path + ".\(message.type ?? "media").id") }
                let caption = attached.caption.flatMap { $0.isEmpty ? nil : $0 }
                media = [MediaAttachment(mediaID: mediaID, contentType: attached.mimeType, filename: attached.filename,
                                         caption: caption)]
                text = caption
            } else {
                text = message.text?.body
            }
        }
        let name = names[from] ?? nil
        return InboundMessage(
            correlationID: correlationID, tenant: tenant, provider: .meta, providerMessageID: id,
            profileName: name.flatMap { $0.isEmpty ? nil : $0 }, text: text.flatMap { $0.isEmpty ? nil : $0 },
            media: media, receivedAt: Date.providerTime(message.timestamp?.number, receivedAt: receivedAt))
    }

    /// `status` is sent, delivered, read or failed; `recipient_id` is the customer's number in digits;
    /// `biz_opaque_callback_data` echoes what the send gave it (Meta's Cloud API reference, "Status messages").
    static func delivery(_ status: Status, at path: String, receivedAt: Date) throws(WebhookError) -> DeliveryStatusEvent {
        guard let id = status.id, !id.isEmpty else { throw .missingField(path + ".id") }
        guard let state = status.status, !state.isEmpty else { throw .missingField(path + ".status") }
        let problem = status.errors?.first.map { error in
            [error.code?.value, error.title ?? error.message].compactMap { $0 }.joined(separator: " ")
        }
        return DeliveryStatusEvent(
            provider: .meta, providerMessageID: id, status: state.lowercased(),
            recipient: status.recipientId.flatMap { SenderNumber.e164(digits: $0) },
            error: problem.flatMap { $0.isEmpty ? nil : $0 },
            occurredAt: Date.providerTime(status.timestamp?.number, receivedAt: receivedAt),
            reference: status.bizOpaqueCallbackData.flatMap { $0.isEmpty ? nil : $0 })
    }
}
