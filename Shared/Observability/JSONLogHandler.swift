import Foundation
import Logging

/// One JSON object per line on stderr: time, level, service, message, and the metadata
/// (the correlation id travels as `correlation_id`), so a log shipper needs no parsing rules.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let service: String

    public init(label: String, service: String) {
        self.label = label
        self.service = service
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard var line = Self.line(for: event, metadata: metadata, service: service, label: label, at: Date()) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    /// One log line as a JSON object (without its newline): `time` (ISO 8601, UTC, milliseconds), `level`, `service`,
    /// `event`, `msg`, `logger`, and the metadata, the event's own over the handler's.
    static func line(for event: LogEvent, metadata: Logger.Metadata, service: String, label: String, at time: Date) -> Data? {
        var fields: [String: Any] = [
            "time": timestamp(time), "level": event.level.rawValue, "service": service,
            "msg": event.message.description, "logger": label,
        ]
        if event.level >= .error { fields["source"] = "\(event.file):\(event.line)" }
        if let error = event.error { fields["error"] = "\(error)" }
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = plain(value)
        }
        if fields["event"] == nil { fields["event"] = eventName(event.message.description) }
        return try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// A stable name for a line that gave none: its message in snake case ("reply sent" → `reply_sent`), so log
    /// queries can count lines by `event` without matching prose.
    static func eventName(_ message: String) -> String {
        let words = message.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(6)
        return words.joined(separator: "_")
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    private static func timestamp(_ time: Date) -> String {
        time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

public enum FintrakLogging {
    /// `LOG_FORMAT=json` (default) or `text`; `LOG_LEVEL` (default info).
    public static func bootstrap(service: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        let text = environment["LOG_FORMAT"]?.lowercased() == "text"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = text
                ? StreamLogHandler.standardError(label: label) : JSONLogHandler(label: label, service: service)
            handler.logLevel = level
            return handler
        }
    }
}
