import FintrakConfiguration
import FintrakHTTPClient
import Logging

/// `QUERY_BACKEND`: `rules` (the default, offline) or `openai` (a model proposes plans; rules answer when it fails),
/// with `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `OPENAI_MODEL`.
enum QueryBackend: String, CaseIterable, Sendable {
    case rules, openai

    /// The plan model the environment asks for, nil for rules; every problem with the variables at once.
    static func model(environment: [String: String], logger: Logger) throws -> PlanModel? {
        var reader = EnvironmentReader(environment)
        let backend = reader.choice("QUERY_BACKEND", default: QueryBackend.rules)
        let base = backend == .openai && reader.optional("OPENAI_BASE_URL") != nil
            ? reader.url("OPENAI_BASE_URL", schemes: ["http", "https"], example: "https://api.openai.com/v1")
            : "https://api.openai.com/v1"
        try reader.check()
        guard backend == .openai else { return nil }
        return PlanModel(client: HTTPClient(logger: logger), baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base,
                         apiKey: reader.optional("OPENAI_API_KEY"), model: reader.optional("OPENAI_MODEL") ?? "gpt-4o-mini")
    }
}
