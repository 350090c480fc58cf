import FintrakHTTPClient
import Foundation

/// One chat completion from an OpenAI-compatible server: the request shape, the bearer key, the time limit, and
/// the first choice's text back. What is asked (the prompt, the schema) and what the answer means stay with the caller.
public struct ChatModelClient: Sendable {
    public let http: HTTPClient
    public let settings: ChatModelSettings

    /// A client of the server `settings` names, sending through `http`.
    public init(http: HTTPClient, settings: ChatModelSettings) {
        self.http = http
        self.settings = settings
    }

    /// Sends `messages` and returns the first choice's content.
    /// - Parameters:
    ///   - format: how the answer must be shaped (any JSON object, or a JSON schema).
    ///   - timeout: this call's limit when shorter than the settings' own.
    /// - Throws: `ChatModelError` when the server answers other than 200 or without content; the HTTP client's
    ///   errors when it cannot be reached in time.
    public func complete(_ messages: [ChatMessage], format: ChatResponseFormat,
                         timeout: Duration? = nil) async throws -> String {
        var request = try HTTPRequest.json(settings.baseURL + "/chat/completions", ChatRequest(
            model: settings.model, messages: messages, responseFormat: format))
        if let key = settings.apiKey { request.headers.append((name: "Authorization", value: "Bearer \(key)")) }
        request.timeout = min(timeout ?? settings.timeout, settings.timeout)
        request.maxResponseBytes = 1 << 20
        let response = try await http.send(request)
        guard response.status == 200 else {
            throw ChatModelError.status(response.status, String(decoding: response.body.prefix(300), as: UTF8.self))
        }
        guard let completion = try? JSONDecoder().decode(ChatCompletion.self, from: response.body),
              let content = completion.choices.first?.message.content else {
            throw ChatModelError.invalidAnswer("no message content")
        }
        return content
    }

    /// Some servers wrap JSON in a Markdown fence even when asked not to.
    public static func stripCodeFence(_ text: String) -> String {
        var lines = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first?.hasPrefix("```") == true, lines.last?.hasPrefix("```") == true, lines.count >= 2 {
            lines = Array(lines.dropFirst().dropLast())
        }
        return lines.joined(separator: "\n")
    }
}

/// A chat model call that did not give a usable answer; callers fall back (OCR, the rules parser).
public enum ChatModelError: Error, CustomStringConvertible {
    case status(Int, String)
    case invalidAnswer(String)

    public var description: String {
        switch self {
        case .status(let code, let body): "chat completions answered \(code): \(body)"
        case .invalidAnswer(let reason): "unusable answer: \(reason)"
        }
    }
}

/// One message of the conversation sent to the model.
public struct ChatMessage: Encodable, Sendable {
    public var role: String
    public var content: Content

    /// Plain text goes as a string; text with images as a list of parts.
    public enum Content: Encodable, Sendable {
        case text(String)
        case parts([Part])

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .parts(let parts): try container.encode(parts)
            }
        }
    }

    /// Text, or an image as a URL (a `data:` URL for inline images).
    public struct Part: Encodable, Sendable {
        public var type: String
        public var text: String?
        public var imageURL: ImageURL?

        public struct ImageURL: Encodable, Sendable {
            public var url: String
        }

        public static func text(_ text: String) -> Self { Self(type: "text", text: text) }
        public static func image(url: String) -> Self { Self(type: "image_url", imageURL: ImageURL(url: url)) }

        enum CodingKeys: String, CodingKey {
            case type, text
            case imageURL = "image_url"
        }
    }

    public init(role: String, content: Content) {
        self.role = role
        self.content = content
    }

    public static func system(_ text: String) -> Self { Self(role: "system", content: .text(text)) }
    public static func user(_ text: String) -> Self { Self(role: "user", content: .text(text)) }
}

/// `response_format`: any JSON object, or JSON that follows a schema.
public enum ChatResponseFormat: Encodable, Sendable {
    case jsonObject
    case jsonSchema(JSONValue)

    private enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .jsonObject:
            try container.encode("json_object", forKey: .type)
        case .jsonSchema(let schema):
            try container.encode("json_schema", forKey: .type)
            try container.encode(schema, forKey: .jsonSchema)
        }
    }
}

private struct ChatRequest: Encodable {
    var model: String
    var messages: [ChatMessage]
    var temperature = 0
    var responseFormat: ChatResponseFormat

    init(model: String, messages: [ChatMessage], responseFormat: ChatResponseFormat) {
        self.model = model
        self.messages = messages
        self.responseFormat = responseFormat
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case responseFormat = "response_format"
    }
}

private struct ChatCompletion: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
        }

        var message: Message
    }

    var choices: [Choice]
}
