/// A JSON value for request bodies whose shape is data (a JSON schema).
public enum JSONValue: Encodable, Sendable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral {
    case string(String), bool(Bool), array([JSONValue]), object([(String, JSONValue)]), null

    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .bool(let value):
            var c = encoder.singleValueContainer()
            try c.encode(value)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: Name.self)
            for (key, value) in pairs { try c.encode(value, forKey: Name(stringValue: key)) }
        }
    }
}
