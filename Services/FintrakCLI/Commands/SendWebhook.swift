import ArgumentParser
import Crypto
import FintrakCore
import FintrakHTTPClient
import Foundation

/// `fintrak send`: a test message as the provider would post it — signed with the configured secrets — to intake,
/// to check a deployment end to end without a phone. The reply goes out through the provider as usual.
struct SendWebhook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Post a signed test webhook (Twilio, Gupshup or Cloud API) to webhook-intake.",
        discussion: """
            Signs with TWILIO_AUTH_TOKEN (against PUBLIC_BASE_URL/whatsapp), GUPSHUP_WEBHOOK_TOKEN or META_APP_SECRET \
            from the environment. Prints intake's answer and the message id (for `fintrak trace`). Exit status 0 when \
            intake answered 200, 1 otherwise.
            """)

    enum ProviderName: String, ExpressibleByArgument, CaseIterable {
        case twilio, gupshup, meta
    }

    @Option(help: "Which provider's webhook to imitate: twilio, gupshup or meta.")
    var provider: ProviderName

    @Option(help: "The sender, e.g. +919812345678.")
    var from: String

    @Option(help: "Where webhook-intake listens (default: PUBLIC_BASE_URL).")
    var intake: String?

    @Argument(help: "The message text.")
    var text: String

    func run() async throws {
        var environment = CommandEnvironment()
        guard let sender = PhoneNumber.e164(from) else {
            throw ValidationError("--from \(from) is not a phone number; use E.164 like +919812345678")
        }
        let publicBase = environment.reader.url("PUBLIC_BASE_URL", schemes: ["http", "https"], example: "https://fintrak.example.com")
        let secret: String
        switch provider {
        case .twilio: secret = environment.reader.required("TWILIO_AUTH_TOKEN", "Twilio's auth token, which signs its webhooks")
        case .gupshup: secret = environment.reader.required("GUPSHUP_WEBHOOK_TOKEN", "the token in Gupshup's callback URL")
        case .meta: secret = environment.reader.required("META_APP_SECRET", "the Meta app secret, which signs its webhooks")
        }
        let twilioNumber = environment.reader.optional("TWILIO_WHATSAPP_NUMBER") ?? "whatsapp:+14155238886"
        let twilioAccount = environment.reader.optional("TWILIO_ACCOUNT_SID") ?? "AC" + String(repeating: "0", count: 32)
        try environment.reader.check()
        let (request, messageID) = Self.request(provider: provider, from: sender, text: text, secret: secret,
                                                publicBase: publicBase, intake: intake ?? publicBase,
                                                twilio: (account: twilioAccount, number: twilioNumber))
        let response = try await HTTPClient(logger: environment.logger).send(request)
        print("\(provider.rawValue) webhook \(messageID): HTTP \(response.status)")
        guard response.status == 200 else {
            printError(String(decoding: response.body.prefix(500), as: UTF8.self))
            throw ExitCode.failure
        }
    }

    /// The signed request and the message id it carries. Pure, so the signatures are tested without servers.
    static func request(provider: ProviderName, from sender: String, text: String, secret: String, publicBase: String,
                        intake: String, twilio: (account: String, number: String),
                        id: String = UUID().uuidString.lowercased())
        -> (HTTPRequest, String)
    {
        let digits = String(sender.dropFirst())
        let hex = id.replacingOccurrences(of: "-", with: "")
        switch provider {
        case .twilio:
            let sid = "SM" + hex
            let fields = [("MessageSid", sid), ("AccountSid", twilio.account),
                          ("From", "whatsapp:" + sender), ("To", twilio.number), ("Body", text), ("NumMedia", "0"),
                          ("ProfileName", "fintrak send")]
            var request = HTTPRequest.form(intake + "/whatsapp", fields)
            request.headers.append((name: "X-Twilio-Signature", value: twilioSignature(
                token: secret, url: publicBase + "/whatsapp", fields: fields)))
            return (request, sid)
        case .gupshup:
            let messageID = "fintrak-send-" + hex
            let body: [String: Any] = [
                "app": "fintrak", "timestamp": Int(Date().timeIntervalSince1970 * 1000), "version": 2, "type": "message",
                "payload": ["id": messageID, "source": digits, "type": "text", "payload": ["text": text],
                            "sender": ["phone": digits, "name": "fintrak send"]] as [String: Any],
            ]
            let encodedToken = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
            return (json(intake + "/gupshup_incoming_webhook?token=" + encodedToken, body), messageID)
        case .meta:
            let messageID = "wamid.fintrak-send-" + hex
            let message: [String: Any] = ["from": digits, "id": messageID, "timestamp": "\(Int(Date().timeIntervalSince1970))",
                                          "type": "text", "text": ["body": text]]
            let value: [String: Any] = ["messaging_product": "whatsapp", "metadata": ["phone_number_id": "0"],
                                        "contacts": [["profile": ["name": "fintrak send"], "wa_id": digits]],
                                        "messages": [message]]
            let body: [String: Any] = ["object": "whatsapp_business_account",
                                       "entry": [["id": "0", "changes": [["field": "messages", "value": value]]]]]
            var request = json(intake + "/webhooks/meta", body)
            let mac = HMAC<SHA256>.authenticationCode(for: request.body ?? Data(), using: SymmetricKey(data: Data(secret.utf8)))
            request.headers.append((name: "X-Hub-Signature-256",
                                    value: "sha256=" + mac.map { String(format: "%02x", $0) }.joined()))
            return (request, messageID)
        }
    }

    /// X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by each field's name and value, sorted by name.
    static func twilioSignature(token: String, url: String, fields: [(String, String)]) -> String {
        let payload = url + fields.sorted { $0.0 < $1.0 }.map { $0.0 + $0.1 }.joined()
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(token.utf8)))
        return Data(mac).base64EncodedString()
    }

    private static func json(_ url: String, _ object: [String: Any]) -> HTTPRequest {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPRequest(method: "POST", url: url, headers: [(name: "Content-Type", value: "application/json")], body: body)
    }
}
