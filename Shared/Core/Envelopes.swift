import Foundation

/// The WhatsApp provider a message came in on; a reply goes back out the same way.
public enum Provider: String, Codable, Sendable, CaseIterable {
    case twilio, gupshup, meta
    /// Local development: replies are printed and stored, no account needed.
    case console
}

/// A photo, PDF or other file attached to an inbound message.
public struct MediaAttachment: Codable, Sendable, Hashable {
    /// Where to download it (Twilio and Gupshup give URLs).
    public var url: String?
    /// The Cloud API gives an id that is looked up through the Graph API instead.
    public var mediaID: String?
    public var contentType: String?
    public var filename: String?
    public var caption: String?

    public init(url: String? = nil, mediaID: String? = nil, contentType: String? = nil, filename: String? = nil,
                caption: String? = nil) {
        self.url = url
        self.mediaID = mediaID
        self.contentType = contentType
        self.filename = filename
        self.caption = caption
    }
}

/// What the sender was in the middle of, kept in Redis (`ConversationStateKey`) and carried along with each message
/// so the service that handles it can finish a pending step: the invoice an "edit …" or "undo" is about. Intake
/// reads it to route and forgets it on "0"; the extractor writes it. Messages are routed by their content, so
/// there is no menu mode to remember.
public struct ConversationState: Codable, Sendable, Hashable {
    /// The invoice the last confirmation was about: "edit total 1530" and "undo" apply to it.
    public var lastInvoiceID: String?

    public init(lastInvoiceID: String? = nil) {
        self.lastInvoiceID = lastInvoiceID
    }
}

/// An inbound WhatsApp message, normalised from any provider: what intake publishes to the work queues.
public struct InboundMessage: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    /// Follows the message through every log line and into the reply.
    public var correlationID: String
    /// The sender in E.164 (`+919812345678`): every record the message leads to belongs to this tenant.
    public var tenant: String
    public var provider: Provider
    public var providerMessageID: String
    public var profileName: String?
    public var text: String?
    public var media: [MediaAttachment]
    public var receivedAt: Date
    public var conversation: ConversationState?

    public init(correlationID: String, tenant: String, provider: Provider, providerMessageID: String,
                profileName: String? = nil, text: String? = nil, media: [MediaAttachment] = [],
                receivedAt: Date, conversation: ConversationState? = nil) {
        self.version = Self.currentVersion
        self.correlationID = correlationID
        self.tenant = tenant
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.profileName = profileName
        self.text = text
        self.media = media
        self.receivedAt = receivedAt
        self.conversation = conversation
    }
}

/// A file sent with a reply: a spreadsheet, a PDF statement, a chart.
public struct ReplyAttachment: Codable, Sendable, Hashable {
    public var url: String
    public var filename: String
    public var contentType: String

    public init(url: String, filename: String, contentType: String) {
        self.url = url
        self.filename = filename
        self.contentType = contentType
    }
}

/// One reply to send, published by the services that answer and delivered by client-responder.
public struct OutboundReply: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    /// Stable across redeliveries: derived from the inbound message and the reply's position.
    public var replyID: String
    public var correlationID: String
    public var tenant: String
    public var provider: Provider
    public var inReplyTo: String
    public var body: String
    public var attachments: [ReplyAttachment]
    /// Who receives it when that is not the tenant: a party in the tenant's khata (a reminder, an entry notice).
    /// The record stays the tenant's.
    public var recipient: String?
    /// Sent as this approved template instead of free-form text (`body` then holds the text it renders to).
    public var template: TemplateMessage?

    /// The number the message goes to.
    public var destination: String { recipient ?? tenant }

    public init(to message: InboundMessage, position: Int = 0, body: String, attachments: [ReplyAttachment] = []) {
        self.init(replyID: Self.replyID(provider: message.provider, messageID: message.providerMessageID, position: position),
                  correlationID: message.correlationID, tenant: message.tenant, provider: message.provider,
                  inReplyTo: message.providerMessageID, body: body, attachments: attachments)
    }

    public init(replyID: String, correlationID: String, tenant: String, provider: Provider, inReplyTo: String,
                body: String, attachments: [ReplyAttachment] = [], recipient: String? = nil,
                template: TemplateMessage? = nil) {
        self.version = Self.currentVersion
        self.replyID = replyID
        self.correlationID = correlationID
        self.tenant = tenant
        self.provider = provider
        self.inReplyTo = inReplyTo
        self.body = body
        self.attachments = attachments
        self.recipient = recipient
        self.template = template
    }

    public static func replyID(provider: Provider, messageID: String, position: Int) -> String {
        "\(provider.rawValue):\(messageID):\(position)"
    }
}

/// JSON as it travels on the queues: ISO 8601 dates, sorted keys so equal messages are equal bytes.
public enum EnvelopeCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }
}

/// A provider's report on a reply it was given (sent, delivered, read, failed), published by intake and
/// recorded on the outbound message by client-responder.
public struct DeliveryStatusEvent: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var provider: Provider
    /// The provider's id of the outbound message (Twilio `MessageSid`, Gupshup `gsId`/`id`, Cloud API `wamid`).
    public var providerMessageID: String
    public var status: String
    public var recipient: String?
    public var error: String?
    public var occurredAt: Date
    /// Our id of the outbound message (its `outbound_messages.reply_id`), when the provider echoes what the send
    /// gave it: Twilio the `ref` in the `StatusCallback` URL's query, the Cloud API `biz_opaque_callback_data`.
    /// With it a report tells client-responder that a send whose answer it lost went out (README, delivery guarantees).
    public var reference: String?

    public init(provider: Provider, providerMessageID: String, status: String, recipient: String? = nil,
                error: String? = nil, occurredAt: Date, reference: String? = nil) {
        self.version = Self.currentVersion
        self.provider = provider
        self.providerMessageID = providerMessageID
        self.status = status
        self.recipient = recipient
        self.error = error
        self.occurredAt = occurredAt
        self.reference = reference
    }
}
