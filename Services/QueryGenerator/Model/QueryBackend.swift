import ChatModel
import FintrakConfiguration

/// `QUERY_BACKEND`: `rules` (the default, offline) or `openai` (a model proposes plans; rules answer when it fails).
enum QueryBackend: String, CaseIterable, Sendable {
    case rules, openai
}

/// query-generator's own settings: the backend, and the chat model's (`ChatModelSettings`) when it is `openai`; how
/// often it runs due reminders.
struct QuerySettings: ServiceSettings, Equatable {
    var backend = QueryBackend.rules
    var model: ChatModelSettings?
    /// `REMINDER_SCHEDULER_SECONDS`: how often due reminders are claimed and sent (0: never, in this process).
    var schedulerInterval: Duration? = .seconds(30)

    static func read(from reader: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self {
        read(from: &reader)
    }

    static func read(from reader: inout EnvironmentReader) -> Self {
        let backend = reader.choice("QUERY_BACKEND", default: QueryBackend.rules)
        let seconds = reader.integer("REMINDER_SCHEDULER_SECONDS", default: 30, range: 0...3600)
        return Self(backend: backend, model: backend == .openai ? ChatModelSettings.read(from: &reader) : nil,
                    schedulerInterval: seconds == 0 ? nil : .seconds(seconds))
    }
}
