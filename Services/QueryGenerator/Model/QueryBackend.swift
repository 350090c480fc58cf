import ChatModel
import FintrakConfiguration

/// `QUERY_BACKEND`: `rules` (the default, offline) or `openai` (a model proposes plans; rules answer when it fails).
enum QueryBackend: String, CaseIterable, Sendable {
    case rules, openai
}

/// query-generator's own settings: the backend, and the chat model's (`ChatModelSettings`) when it is `openai`.
struct QuerySettings: ServiceSettings, Equatable {
    var backend = QueryBackend.rules
    var model: ChatModelSettings?

    static func read(from reader: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self {
        read(from: &reader)
    }

    static func read(from reader: inout EnvironmentReader) -> Self {
        let backend = reader.choice("QUERY_BACKEND", default: QueryBackend.rules)
        return Self(backend: backend, model: backend == .openai ? ChatModelSettings.read(from: &reader) : nil)
    }
}
