import FintrakConfiguration

/// Where the OpenAI-compatible chat-completions server is, read once from `OPENAI_BASE_URL`, `OPENAI_API_KEY`,
/// `OPENAI_MODEL` and `OPENAI_TIMEOUT_SECONDS`. The extractor (`EXTRACTOR_BACKEND=openai`) and query-generator
/// (`QUERY_BACKEND=openai`) read the same variables the same way.
public struct ChatModelSettings: Sendable, Hashable {
    /// Up to and including the version path, without a trailing slash: `https://api.openai.com/v1`; requests go
    /// to `{baseURL}/chat/completions`.
    public var baseURL: String
    /// Local OpenAI-compatible servers may need none.
    public var apiKey: String?
    public var model: String
    /// One call's limit.
    public var timeout: Duration

    public static let defaultBaseURL = "https://api.openai.com/v1"

    public init(baseURL: String = Self.defaultBaseURL, apiKey: String? = nil, model: String = "gpt-4o-mini",
                timeout: Duration = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeout = timeout
    }

    /// Reads the variables; a malformed one is added to `reader`'s problems (reported with every other one).
    public static func read(from reader: inout EnvironmentReader) -> Self {
        let base = reader.optional("OPENAI_BASE_URL") == nil
            ? defaultBaseURL
            : reader.url("OPENAI_BASE_URL", schemes: ["http", "https"], example: defaultBaseURL)
        return Self(baseURL: base, apiKey: reader.optional("OPENAI_API_KEY"),
                    model: reader.optional("OPENAI_MODEL") ?? "gpt-4o-mini",
                    timeout: .seconds(reader.integer("OPENAI_TIMEOUT_SECONDS", default: 30, range: 1...600)))
    }
}
