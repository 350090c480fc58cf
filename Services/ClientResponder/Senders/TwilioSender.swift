import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import Foundation
import MessageLayout

/// Twilio's Messages API (PROTOCOLS.md): `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, a form with
/// HTTP Basic auth (AccountSid:AuthToken), answered 201 with the message's `sid`.
struct TwilioSender: ReplySender {
    let settings: TwilioSettings
    /// Where Twilio reports the message's delivery status (intake), or nil for no reports.
    let statusCallback: String?
    let http: HTTPClient
    let timeout: Duration

    var layout: MessageLayout { .twilio }
    /// Twilio's status callbacks call the URL the send gave, which carries our reference (`?ref=`).
    var reportsSends: Bool { statusCallback != nil }

    func request(_ message: OutgoingMessage, to recipient: String, reference: String? = nil) -> HTTPRequest {
        var fields: [(String, String)] = []
        if !message.text.isEmpty { fields.append(("Body", message.text)) }
        fields += message.media.map { ("MediaUrl", $0.url) }
        return request(fields, to: recipient, reference: reference)
    }

    /// A template: `ContentSid` and `ContentVariables`, a JSON object of strings keyed "1", "2", … (Twilio's
    /// Content API for WhatsApp templates), instead of `Body`.
    func request(template: TemplateMessage, contentSID: String, to recipient: String, reference: String? = nil) -> HTTPRequest {
        let variables = Dictionary(uniqueKeysWithValues: template.variables.enumerated().map { ("\($0.offset + 1)", $0.element) })
        return request([("ContentSid", contentSID), ("ContentVariables", String(decoding: ProviderCall.json(variables), as: UTF8.self))],
                       to: recipient, reference: reference)
    }

    private func request(_ content: [(String, String)], to recipient: String, reference: String?) -> HTTPRequest {
        let url = "\(settings.apiBase)/2010-04-01/Accounts/\(settings.accountSID)/Messages.json"
        var fields = [("From", settings.whatsappNumber), ("To", "whatsapp:" + recipient)] + content
        if let statusCallback { fields.append(("StatusCallback", Self.callback(statusCallback, reference: reference))) }
        var request = HTTPRequest.form(url, fields)
        request.basicAuth = (user: settings.accountSID, password: settings.authToken)
        request.timeout = timeout
        return request
    }

    /// `url` with `ref=<reference>` added to its query (before any `#` fragment, where Twilio's connection overrides
    /// live): Twilio calls exactly this URL, so each status callback names the message it is about.
    static func callback(_ url: String, reference: String?) -> String {
        guard let reference else { return url }
        let fragmentStart = url.firstIndex(of: "#") ?? url.endIndex
        let base = url[..<fragmentStart]
        return base + (base.contains("?") ? "&" : "?") + FormEncoding.encode([("ref", reference)]) + url[fragmentStart...]
    }

    func send(_ message: OutgoingMessage, to recipient: String, reference: String?) async throws(DeliveryError) -> String? {
        try await created(request(message, to: recipient, reference: reference))
    }

    func send(template: TemplateMessage, id: String, text: String, to recipient: String,
              reference: String?) async throws(DeliveryError) -> String? {
        try await created(request(template: template, contentSID: id, to: recipient, reference: reference))
    }

    private func created(_ request: HTTPRequest) async throws(DeliveryError) -> String? {
        let response = try await ProviderCall.send(request, using: http)
        struct Created: Decodable { var sid: String? }
        return ProviderCall.decode(Created.self, from: response)?.sid
    }
}
