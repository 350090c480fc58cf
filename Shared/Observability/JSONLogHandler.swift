import FintrakCore
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
    /// `event`, `msg`, `logger`, and the metadata, the event's own over the handler's. Keys are sorted. Written by
    /// hand rather than through JSONSerialization: every handled message logs a line, and that serializer cost more
    /// CPU than the rest of a question's handling in query-generator.
    static func line(for event: LogEvent, metadata: Logger.Metadata, service: String, label: String, at time: Date) -> Data? {
        var fields: [String: Logger.Metadata.Value] = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let message = event.message.description
        fields["time"] = .string(timestamp(time))
        fields["level"] = .string(event.level.rawValue)
        fields["service"] = .string(service)
        fields["msg"] = .string(message)
        fields["logger"] = .string(label)
        if event.level >= .error { fields["source"] = .string("\(event.file):\(event.line)") }
        if let error = event.error { fields["error"] = .string("\(error)") }
        if fields["event"] == nil { fields["event"] = .string(eventName(message)) }
        var line: [UInt8] = []
        line.reserveCapacity(512)
        JSONText.write(.dictionary(fields), into: &line)
        return Data(line)
    }

    /// A stable name for a line that gave none: its message in snake case ("reply sent" → `reply_sent`), so log
    /// queries can count lines by `event` without matching prose.
    static func eventName(_ message: String) -> String {
        let words = message.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(6)
        return words.joined(separator: "_")
    }

    /// `2025-10-09T08:53:20.250Z`: UTC, milliseconds, computed from the seconds since 1970 (`CivilCalendar`), without
    /// a formatter's per-call cost.
    static func timestamp(_ time: Date) -> String {
        let milliseconds = Int((time.timeIntervalSince1970 * 1000).rounded(.down))
        let (days, ms) = (milliseconds.floorDividing(by: 86_400_000), milliseconds.floorModulo(86_400_000))
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        return "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))T"
            + "\((ms / 3_600_000).zeroPadded(to: 2)):\((ms / 60000 % 60).zeroPadded(to: 2)):"
            + "\((ms / 1000 % 60).zeroPadded(to: 2)).\((ms % 1000).zeroPadded(to: 3))Z"
    }
}

private extension Int {
    func floorDividing(by divisor: Int) -> Int { (self - floorModulo(divisor)) / divisor }
    func floorModulo(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}

/// Log metadata as JSON text in UTF-8: objects with sorted keys, strings escaped as RFC 8259 requires (quote, backslash
/// and control characters), everything else as written.
enum JSONText {
    static func write(_ value: Logger.Metadata.Value, into text: inout [UInt8]) {
        switch value {
        case .string(let string): writeString(string, into: &text)
        case .stringConvertible(let convertible): writeString(convertible.description, into: &text)
        case .array(let values):
            text.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                write(element, into: &text)
            }
            text.append(UInt8(ascii: "]"))
        case .dictionary(let values):
            text.append(UInt8(ascii: "{"))
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                writeString(key, into: &text)
                text.append(UInt8(ascii: ":"))
                if let element = values[key] { write(element, into: &text) }
            }
            text.append(UInt8(ascii: "}"))
        }
    }

    /// Scans the UTF-8 bytes and copies each run of bytes that need no escape at once: every byte to escape is ASCII,
    /// and the bytes of a multi-byte character are all 0x80 or above, so no character is split.
    static func writeString(_ string: String, into text: inout [UInt8]) {
        text.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var plainStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                text.append(contentsOf: bytes[plainStart..<index])
                writeEscape(of: byte, into: &text)
                plainStart = index + 1
            }
            text.append(contentsOf: bytes[plainStart...])
        }
        text.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(of byte: UInt8, into text: inout [UInt8]) {
        text.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(byte)
        case UInt8(ascii: "\n"): text.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): text.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): text.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            text.append(contentsOf: "u00".utf8)
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
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
