import ChatModel
import FintrakConfiguration
import FintrakHTTPClient
import Logging

/// `QUERY_BACKEND`: `rules` (the default, offline) or `openai` (a model proposes plans; rules answer when it fails),
/// with the chat model's variables (`ChatModelSettings`).
enum QueryBackend: String, CaseIterable, Sendable {
    case rules, openai

    /// The plan model the environment asks for, nil for rules; every problem with the variables at once.
    static func model(environment: [String: String], logger: Logger) throws -> PlanModel? {
        var reader = EnvironmentReader(environment)
        let backend = reader.choice("QUERY_BACKEND", default: QueryBackend.rules)
        let settings = backend == .openai ? ChatModelSettings.read(from: &reader) : nil
        try reader.check()
        guard let settings else { return nil }
        return PlanModel(model: ChatModelClient(http: HTTPClient(logger: logger), settings: settings))
    }
}
