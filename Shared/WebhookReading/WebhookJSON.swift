import Foundation

/// Decoding the JSON providers send: unknown fields are ignored, and a value that one provider writes as a number
/// and another (or another version) as a string is read either way.
enum WebhookJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(WebhookError) -> T {
        guard !data.isEmpty else { throw .malformedJSON("empty body") }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw .malformedJSON(reason(error))
        } catch {
            throw .malformedJSON("unreadable")
        }
    }

    /// Short, and never the body's content: where it failed and why.
    static func reason(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : text
        }
        switch error {
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context.codingPath))"
        case .keyNotFound(let key, let context): return "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context.codingPath))"
        @unknown default: return "unreadable"
        }
    }
}

/// A JSON string or number, as text ("1580227766370" either way).
struct LooseString: Decodable, Equatable, Sendable {
    let value: String

    init(_ value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            let number = try container.decode(Double.self)
            value = number == number.rounded() && abs(number) < 1e18 ? String(Int64(number)) : String(number)
        }
    }

    var number: Double? { Double(value) }
}

extension Date {
    /// Seconds or milliseconds since 1970, whichever `value` looks like (providers use both).
    init?(epoch value: Double?) {
        guard let value, value > 0 else { return nil }
        self.init(timeIntervalSince1970: value > 100_000_000_000 ? value / 1000 : value)
    }

    /// The provider's time of the event, unless it is missing or implausible (more than a few minutes ahead).
    static func providerTime(_ value: Double?, receivedAt: Date) -> Date {
        guard let time = Date(epoch: value), time.timeIntervalSince(receivedAt) < 300 else { return receivedAt }
        return time
    }
}
