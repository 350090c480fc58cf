import Foundation
import Synchronization

/// A template as a provider received it: its id (Twilio Content SID, Cloud API name, Gupshup id), its language
/// (Cloud API only) and its body variables in order.
public struct SentTemplate: Sendable, Hashable {
    public var id: String
    public var language: String?
    public var variables: [String]
}

/// One message a provider accepted, whichever provider it was.
public struct SentMessage: Sendable, Hashable {
    public var provider: String
    /// E.164.
    public var to: String
    public var body: String
    public var mediaURLs: [String]
    public var template: SentTemplate?
}

/// Twilio's, Gupshup's and the Cloud API's send APIs on 127.0.0.1, as `RecordingHTTPServer` handlers: each checks
/// the provider's credentials (those of `ServiceEnvironment` and `environment`) and the shape of text and template
/// sends (Twilio `ContentSid` + `ContentVariables`, Gupshup `POST /wa/api/v1/template/msg`, Cloud API
/// `type: template`), refuses what a provider would refuse, and records what it accepts as `SentMessage`s.
public final class FakeWhatsApp: Sendable {
    public static let gupshupKey = "gupshup-test-key"
    public static let metaToken = "meta-test-token"
    public static let metaPhoneNumberID = "106540352242922"
    /// The approved templates the fake's environment configures.
    public static let twilioReminderSID = "HX" + String(repeating: "ab", count: 16)
    public static let twilioNoticeSID = "HX" + String(repeating: "cd", count: 16)

    public let server: RecordingHTTPServer
    private let accepted = Mutex<[SentMessage]>([])

    private init(server: RecordingHTTPServer) {
        self.server = server
    }

    /// Starts the fake, runs `body`, and stops it.
    public static func run<T>(_ body: (FakeWhatsApp) async throws -> T) async throws -> T {
        let box = Mutex<FakeWhatsApp?>(nil)
        return try await RecordingHTTPServer.run(handler: { request in
            guard let fake = box.withLock({ $0 }) else { return .json("{}", status: 503) }
            return fake.answer(request)
        }) { server in
            let fake = FakeWhatsApp(server: server)
            box.withLock { $0 = fake }
            return try await body(fake)
        }
    }

    /// Every provider pointed at the fake, with templates for reminders and entry notices at each.
    public var environment: [String: String] {
        [
            "TWILIO_API_BASE": server.baseURL,
            "GUPSHUP_API_KEY": Self.gupshupKey, "GUPSHUP_APP_NAME": "FintrakTest", "GUPSHUP_SOURCE_NUMBER": "917834811114",
            "GUPSHUP_API_BASE": server.baseURL,
            "META_ACCESS_TOKEN": Self.metaToken, "META_PHONE_NUMBER_ID": Self.metaPhoneNumberID, "META_API_BASE": server.baseURL + "/graph",
            "REMINDER_TEMPLATE_TWILIO": Self.twilioReminderSID, "REMINDER_TEMPLATE_META": "payment_reminder:en",
            "REMINDER_TEMPLATE_GUPSHUP": "gs-payment-reminder",
            "ENTRY_NOTICE_TEMPLATE_TWILIO": Self.twilioNoticeSID, "ENTRY_NOTICE_TEMPLATE_META": "entry_notice:en",
            "ENTRY_NOTICE_TEMPLATE_GUPSHUP": "gs-entry-notice",
        ]
    }

    /// Everything accepted so far, in order.
    public var sent: [SentMessage] { accepted.withLock { $0 } }

    public func sent(to phone: String) -> [SentMessage] { sent.filter { $0.to == phone } }

    // MARK: Answers

    func answer(_ request: RecordedRequest) -> StubResponse {
        guard request.method == "POST" else { return .json(#"{"message": "not found"}"#, status: 404) }
        let result: Result<SentMessage, Refusal>
        if request.path == "/2010-04-01/Accounts/\(ServiceEnvironment.twilioSID)/Messages.json" {
            result = twilio(request)
        } else if request.path == "/wa/api/v1/msg" || request.path == "/wa/api/v1/template/msg" {
            result = gupshup(request)
        } else if request.path == "/graph/\(Self.metaPhoneNumberID)/messages" {
            result = meta(request)
        } else {
            return .json(#"{"message": "not found"}"#, status: 404)
        }
        switch result {
        case .failure(let refusal):
            return .json(#"{"message": "\#(refusal.reason)"}"#, status: refusal.status)
        case .success(let message):
            accepted.withLock { $0.append(message) }
            let id = UUID().uuidString.prefix(8)
            switch message.provider {
            case "twilio": return .json(#"{"sid": "SM\#(id)"}"#, status: 201)
            case "gupshup": return .json(#"{"status": "submitted", "messageId": "gs-\#(id)"}"#, status: 202)
            default: return .json(#"{"messages": [{"id": "wamid.\#(id)"}]}"#)
            }
        }
    }

    struct Refusal: Error {
        var status: Int
        var reason: String
    }

    static func form(_ request: RecordedRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2, fields[parts[0]] == nil { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    static func json(_ text: String?) -> [String: Any]? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    private func twilio(_ request: RecordedRequest) -> Result<SentMessage, Refusal> {
        let credentials = Data("\(ServiceEnvironment.twilioSID):\(ServiceEnvironment.twilioToken)".utf8).base64EncodedString()
        guard request.header("Authorization") == "Basic \(credentials)" else { return .failure(Refusal(status: 401, reason: "Authenticate")) }
        let form = Self.form(request)
        let to = (form["To"] ?? "").replacingOccurrences(of: "whatsapp:", with: "")
        var template: SentTemplate?
        if let sid = form["ContentSid"] {
            // ContentVariables: a JSON object of strings keyed "1", "2", …
            guard sid.hasPrefix("HX"), sid.count == 34, let variables = Self.json(form["ContentVariables"]) as? [String: String]
            else { return .failure(Refusal(status: 400, reason: "ContentSid and ContentVariables (object of strings) required")) }
            let ordered = variables.keys.compactMap(Int.init).sorted().map { variables["\($0)"] ?? "" }
            guard ordered.count == variables.count else { return .failure(Refusal(status: 400, reason: "variables keyed by number")) }
            template = SentTemplate(id: sid, language: nil, variables: ordered)
        }
        guard !to.isEmpty, form["Body"] != nil || form["MediaUrl"] != nil || template != nil else {
            return .failure(Refusal(status: 400, reason: "To and Body, MediaUrl or ContentSid required"))
        }
        return .success(SentMessage(provider: "twilio", to: to, body: form["Body"] ?? "", mediaURLs: form["MediaUrl"].map { [$0] } ?? [],
                                    template: template))
    }

    private func gupshup(_ request: RecordedRequest) -> Result<SentMessage, Refusal> {
        guard request.header("apikey") == Self.gupshupKey else { return .failure(Refusal(status: 401, reason: "Authentication Failed")) }
        let form = Self.form(request)
        guard let destination = form["destination"], !destination.isEmpty else {
            return .failure(Refusal(status: 400, reason: "destination required"))
        }
        if request.path == "/wa/api/v1/template/msg" {
            guard let template = Self.json(form["template"]), let id = template["id"] as? String,
                  let params = template["params"] as? [String]
            else { return .failure(Refusal(status: 400, reason: "template {id, params} required")) }
            return .success(SentMessage(provider: "gupshup", to: "+" + destination, body: "", mediaURLs: [],
                                        template: SentTemplate(id: id, language: nil, variables: params)))
        }
        guard form["channel"] == "whatsapp", let message = Self.json(form["message"]) else {
            return .failure(Refusal(status: 400, reason: "channel and message required"))
        }
        let media = [message["originalUrl"], message["url"]].compactMap { $0 as? String }
        return .success(SentMessage(provider: "gupshup", to: "+" + destination, body: message["text"] as? String ?? "",
                                    mediaURLs: media, template: nil))
    }

    private func meta(_ request: RecordedRequest) -> Result<SentMessage, Refusal> {
        guard request.header("Authorization") == "Bearer \(Self.metaToken)" else {
            return .failure(Refusal(status: 401, reason: "Invalid OAuth access token"))
        }
        guard let message = Self.json(request.bodyText), message["messaging_product"] as? String == "whatsapp",
              let to = message["to"] as? String
        else { return .failure(Refusal(status: 400, reason: "messaging_product and to required")) }
        let kind = message["type"] as? String ?? "text"
        let part = message[kind] as? [String: Any] ?? [:]
        var template: SentTemplate?
        if kind == "template" {
            guard let name = part["name"] as? String, let language = (part["language"] as? [String: Any])?["code"] as? String else {
                return .failure(Refusal(status: 400, reason: "template name and language.code required"))
            }
            let components = part["components"] as? [[String: Any]] ?? []
            let variables = components.filter { $0["type"] as? String == "body" }
                .flatMap { ($0["parameters"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" } }
            template = SentTemplate(id: name, language: language, variables: variables)
        }
        return .success(SentMessage(provider: "meta", to: "+" + to, body: part["body"] as? String ?? "",
                                    mediaURLs: (part["link"] as? String).map { [$0] } ?? [], template: template))
    }
}
