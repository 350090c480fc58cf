import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import Foundation
import MessageLayout

/// Gupshup's WhatsApp API (PROTOCOLS.md): `POST {base}/wa/api/v1/msg` with an `apikey` header and a form whose
/// `message` field is itself JSON; answered 2xx with `{"status": "submitted", "messageId": …}`.
struct GupshupSender: ReplySender {
    let settings: GupshupSettings
    let http: HTTPClient
    let timeout: Duration

    var layout: MessageLayout { .whatsapp }
    /// Gupshup's send API takes no reference of ours and its message-events carry only its own id and the
    /// `destination` (docs.gupshup.io, "Message events"): a lost send is found by elimination, the one unresolved
    /// send to that recipient (`record_delivery_status`).
    var reportsSends: Bool { true }

    /// The `message` field: text, or one file — an image as `image`, anything else (xlsx, PDF) as `file`.
    struct Message: Encodable, Equatable {
        var type: String
        var text: String?
        var url: String?
        var filename: String?
        var originalUrl: String?
        var previewUrl: String?
    }

    static func message(_ message: OutgoingMessage) -> Message {
        guard let file = message.media.first else { return Message(type: "text", text: message.text) }
        if file.contentType.lowercased().hasPrefix("image/") {
            return Message(type: "image", originalUrl: file.url, previewUrl: file.url)
        }
        return Message(type: "file", url: file.url, filename: file.filename)
    }

    func request(_ message: OutgoingMessage, to recipient: String) -> HTTPRequest {
        let json = String(decoding: ProviderCall.json(Self.message(message)), as: UTF8.self)
        var request = HTTPRequest.form("\(settings.apiBase)/wa/api/v1/msg", [
            ("channel", "whatsapp"), ("source", settings.sourceNumber), ("destination", recipient.digitsOnly),
            ("message", json), ("src.name", settings.appName),
        ])
        request.headers.append((name: "apikey", value: settings.apiKey))
        request.timeout = timeout
        return request
    }

    /// The `template` field of Gupshup's template API (`POST {base}/wa/api/v1/template/msg`): the template's id and
    /// its parameters in order.
    struct Template: Encodable, Equatable {
        var id: String
        var params: [String]
    }

    func request(template: TemplateMessage, id: String, to recipient: String) -> HTTPRequest {
        let json = String(decoding: ProviderCall.json(Template(id: id, params: template.variables)), as: UTF8.self)
        var request = HTTPRequest.form("\(settings.apiBase)/wa/api/v1/template/msg", [
            ("channel", "whatsapp"), ("source", settings.sourceNumber), ("destination", recipient.digitsOnly),
            ("template", json), ("src.name", settings.appName),
        ])
        request.headers.append((name: "apikey", value: settings.apiKey))
        request.timeout = timeout
        return request
    }

    func send(template: TemplateMessage, id: String, text: String, to recipient: String,
              reference: String?) async throws(DeliveryError) -> String? {
        try await submitted(request(template: template, id: id, to: recipient))
    }

    func send(_ message: OutgoingMessage, to recipient: String, reference: String?) async throws(DeliveryError) -> String? {
        try await submitted(request(message, to: recipient))
    }

    private func submitted(_ request: HTTPRequest) async throws(DeliveryError) -> String? {
        let response = try await ProviderCall.send(request, using: http)
        struct Submitted: Decodable {
            var status: String?
            var messageId: String?
            var message: String?
        }
        let answer = ProviderCall.decode(Submitted.self, from: response)
        // Gupshup reports some refusals as a 2xx with status "error".
        if answer?.status?.lowercased() == "error" {
            throw .permanent("Gupshup refused the message: \(answer?.message ?? ProviderCall.snippet(response.body))")
        }
        return answer?.messageId
    }
}
