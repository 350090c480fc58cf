import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import Foundation
import MessageLayout

/// The WhatsApp Cloud API (PROTOCOLS.md): `POST {base}/{phone number id}/messages` with a Bearer token and a JSON
/// body; answered `{"messages": [{"id": "wamid…"}]}`.
struct MetaSender: ReplySender {
    let settings: MetaSettings
    let http: HTTPClient
    let timeout: Duration

    var layout: MessageLayout { .whatsapp }
    /// Every send carries our reference in `biz_opaque_callback_data`, which the status webhooks echo.
    var reportsSends: Bool { true }

    struct Message: Encodable, Equatable {
        struct Text: Encodable, Equatable { var body: String }
        struct Media: Encodable, Equatable {
            var link: String
            var filename: String?
        }

        /// `type: template`: the approved template by name and language, its body parameters in order.
        struct Template: Encodable, Equatable {
            struct Language: Encodable, Equatable { var code: String }
            struct Component: Encodable, Equatable {
                struct Parameter: Encodable, Equatable {
                    var type = "text"
                    var text: String
                }
                var type = "body"
                var parameters: [Parameter]
            }
            var name: String
            var language: Language
            var components: [Component]
        }

        var messagingProduct = "whatsapp"
        var to: String
        var type: String
        var text: Text?
        var image: Media?
        var document: Media?
        var template: Template?
        /// Our id of the message, echoed in its status webhooks (at most 512 characters, Meta's Cloud API reference).
        var bizOpaqueCallbackData: String?

        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product"
            case bizOpaqueCallbackData = "biz_opaque_callback_data"
            case to, type, text, image, document, template
        }
    }

    /// `id` is `name:language` (`REMINDER_TEMPLATE_META`, checked when the settings are read).
    static func message(template: TemplateMessage, id: String, to recipient: String) -> Message {
        let parts = id.split(separator: ":", maxSplits: 1)
        var body = Message(to: recipient.digitsOnly, type: "template")
        body.template = .init(name: String(parts.first ?? ""), language: .init(code: parts.count > 1 ? String(parts[1]) : "en"),
                              components: [.init(parameters: template.variables.map { .init(text: $0) })])
        return body
    }

    static func message(_ message: OutgoingMessage, to recipient: String) -> Message {
        var body = Message(to: recipient.digitsOnly, type: "text")
        guard let file = message.media.first else {
            body.text = .init(body: message.text)
            return body
        }
        if file.contentType.lowercased().hasPrefix("image/") {
            body.type = "image"
            body.image = .init(link: file.url)
        } else {
            body.type = "document"
            body.document = .init(link: file.url, filename: file.filename)
        }
        return body
    }

    func request(_ message: OutgoingMessage, to recipient: String, reference: String? = nil) -> HTTPRequest {
        request(body: Self.message(message, to: recipient), reference: reference)
    }

    func request(template: TemplateMessage, id: String, to recipient: String, reference: String? = nil) -> HTTPRequest {
        request(body: Self.message(template: template, id: id, to: recipient), reference: reference)
    }

    private func request(body message: Message, reference: String?) -> HTTPRequest {
        var message = message
        message.bizOpaqueCallbackData = reference.map { String($0.prefix(512)) }
        let body = ProviderCall.json(message)
        var request = HTTPRequest(method: "POST", url: "\(settings.apiBase)/\(settings.phoneNumberID)/messages",
                                  headers: [("Content-Type", "application/json"),
                                            ("Authorization", "Bearer \(settings.accessToken)")],
                                  body: body)
        request.timeout = timeout
        return request
    }

    func send(template: TemplateMessage, id: String, text: String, to recipient: String,
              reference: String?) async throws(DeliveryError) -> String? {
        try await accepted(request(template: template, id: id, to: recipient, reference: reference))
    }

    func send(_ message: OutgoingMessage, to recipient: String, reference: String?) async throws(DeliveryError) -> String? {
        try await accepted(request(message, to: recipient, reference: reference))
    }

    private func accepted(_ request: HTTPRequest) async throws(DeliveryError) -> String? {
        let response = try await ProviderCall.send(request, using: http, classify: Self.classify)
        struct Sent: Decodable {
            struct Message: Decodable { var id: String }
            var messages: [Message]?
        }
        return ProviderCall.decode(Sent.self, from: response)?.messages?.first?.id
    }

    /// The Cloud API answers throttling and its own hiccups with HTTP 400 and an error code in the body; those
    /// are worth retrying. Codes from Meta's Cloud API error-code reference: 4, 80007, 130429 (rate limits),
    /// 131048 (spam rate limit), 131056 (pair rate limit), 1, 2, 131000, 131016 (temporary or unknown errors).
    static func classify(_ response: HTTPResponse) -> DeliveryError? {
        guard (400..<500).contains(response.status), response.status != 429 else { return nil }
        struct ErrorBody: Decodable {
            struct Detail: Decodable { var code: Int? }
            var error: Detail?
        }
        guard let code = ProviderCall.decode(ErrorBody.self, from: response)?.error?.code,
              retryableCodes.contains(code)
        else { return nil }
        return .retryable("HTTP \(response.status) (Cloud API error \(code)): \(ProviderCall.snippet(response.body))",
                          retryAfter: nil)
    }

    static let retryableCodes: Set<Int> = [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056]
}
