import FintrakCore
import FintrakHTTPClient
import Foundation
import MessageLayout

/// Why a send failed, and whether trying again can help.
enum DeliveryError: Error, CustomStringConvertible, Equatable {
    /// 429 and 5xx: back off and try again (after `retryAfter` if the provider said so).
    case retryable(String, retryAfter: Duration?)
    /// Any other 4xx, a missing configuration: trying again would fail the same way.
    case permanent(String)
    /// No answer (a timeout, a refused or broken connection): retryable, but the provider may have taken the message,
    /// so its send intent stays unresolved and the next attempt first waits for the provider's report.
    case unanswered(String)

    var description: String {
        switch self {
        case .retryable(let reason, _): "retryable: \(reason)"
        case .permanent(let reason): "permanent: \(reason)"
        case .unanswered(let reason): "retryable, no answer: \(reason)"
        }
    }

    /// Whether trying again may succeed.
    var isRetryable: Bool {
        if case .permanent = self { return false }
        return true
    }

    /// The wait the provider asked for, if it did.
    var retryAfter: Duration? {
        if case .retryable(_, let retryAfter) = self { return retryAfter }
        return nil
    }
}

/// One provider's send API.
protocol ReplySender: Sendable {
    /// How this provider wants a reply cut into messages.
    var layout: MessageLayout { get }
    /// Whether this provider's delivery reports can show that a message whose answer was lost went out (they echo
    /// the send's `reference`, or name the recipient: `record_delivery_status`). Only then is it worth waiting for
    /// them before a message with an unresolved send intent goes again.
    var reportsSends: Bool { get }
    /// Sends one message to `recipient` (E.164); returns the provider's id for it when it gives one. `reference` (our
    /// id of the message) goes where the provider's delivery reports echo it, when the provider has such a place.
    func send(_ message: OutgoingMessage, to recipient: String, reference: String?) async throws(DeliveryError) -> String?
    /// Sends the approved template `id` (this provider's id for it) with `template`'s variables; `text` is what it
    /// renders to.
    func send(template: TemplateMessage, id: String, text: String, to recipient: String,
              reference: String?) async throws(DeliveryError) -> String?
}

extension ReplySender {
    /// A send that needs no delivery report tied to it.
    func send(_ message: OutgoingMessage, to recipient: String) async throws(DeliveryError) -> String? {
        try await send(message, to: recipient, reference: nil)
    }

    func send(template: TemplateMessage, id: String, text: String, to recipient: String) async throws(DeliveryError) -> String? {
        try await send(template: template, id: id, text: text, to: recipient, reference: nil)
    }
}

/// The HTTP part every provider shares: transport errors (timeouts, refused connections: `unanswered`), 429 and 5xx
/// are retryable, other 4xx are not (PROTOCOLS.md). `classify` lets a provider overrule that for its own error bodies.
enum ProviderCall {
    static func send(
        _ request: HTTPRequest, using http: HTTPClient,
        classify: (HTTPResponse) -> DeliveryError? = { _ in nil }
    ) async throws(DeliveryError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch {
            throw .unanswered("\(error)")
        }
        if let error = classify(response) { throw error }
        switch response.status {
        case 200..<300:
            return response
        case 429, 500..<600:
            let retryAfter = response.header("Retry-After").flatMap { RetryAfter.parse($0, now: Date()) }
            throw .retryable("HTTP \(response.status): \(snippet(response.body))", retryAfter: retryAfter)
        default:
            throw .permanent("HTTP \(response.status): \(snippet(response.body))")
        }
    }

    /// A request body as providers read it: sorted keys, URLs with their slashes as they are.
    static func json(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func snippet(_ body: Data) -> String {
        String(decoding: body.prefix(300), as: UTF8.self)
    }

    /// A 2xx answer's JSON. Nil when it cannot be read: the provider still accepted the message, so it counts as
    /// sent (without the provider's id) rather than being sent again.
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) -> T? {
        try? JSONDecoder().decode(type, from: response.body)
    }
}

/// `Retry-After` is either a number of seconds or an HTTP date (RFC 9110 §10.2.3).
enum RetryAfter {
    static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        // A date centuries ahead must not overflow; callers cap the wait far lower anyway.
        return .milliseconds(Int64(min(max(0, seconds), 86_400) * 1000))
    }
}

extension String {
    /// E.164 without its `+`: what Gupshup's `destination` and the Cloud API's `to` take.
    var digitsOnly: String { filter { $0.isASCII && $0.isNumber } }
}
