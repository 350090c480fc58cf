import FintrakCore
import FintrakHTTPClient
import FintrakRuntime
import Foundation

/// Twilio's Messages API (PROTOCOLS.md): a form POST with Basic auth, answered 201 with the message `sid`.
struct TwilioSender: ReplySender {
    let settings: TwilioSettings
    let http: HTTPClient
    let timeout: Duration

    func send(_ reply: OutboundReply) async throws(DeliveryError) -> String? {
        let url = "\(settings.apiBase)/2010-04-01/Accounts/\(settings.accountSID)/Messages.json"
        var fields = [("From", settings.whatsappNumber), ("To", "whatsapp:" + reply.tenant), ("Body", reply.body)]
        fields += reply.attachments.map { ("MediaUrl", $0.url) }
        var request = HTTPRequest.form(url, fields)
        request.basicAuth = (user: settings.accountSID, password: settings.authToken)
        request.timeout = timeout
        let response = try await ProviderCall.send(request, using: http)
        struct Created: Decodable { var sid: String? }
        return (try? JSONDecoder().decode(Created.self, from: response.body))?.sid
    }
}

/// The HTTP part every provider shares: transport errors, 429 and 5xx are retryable, other 4xx are not.
enum ProviderCall {
    static func send(_ request: HTTPRequest, using http: HTTPClient) async throws(DeliveryError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch {
            throw .retryable("\(error)", retryAfter: nil)
        }
        switch response.status {
        case 200..<300:
            return response
        case 429, 500..<600:
            let retryAfter = response.header("Retry-After").flatMap(Int.init).map { Duration.seconds($0) }
            throw .retryable("HTTP \(response.status): \(snippet(response.body))", retryAfter: retryAfter)
        default:
            throw .permanent("HTTP \(response.status): \(snippet(response.body))")
        }
    }

    static func snippet(_ body: Data) -> String {
        String(decoding: body.prefix(300), as: UTF8.self)
    }
}
