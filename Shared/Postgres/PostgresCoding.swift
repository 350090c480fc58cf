import FintrakCore
import Foundation

/// A value sent as a query parameter in text format; a nil `postgresText` is SQL NULL.
/// Pass `date` columns as "YYYY-MM-DD" strings. There is deliberately no `Double` conformance: money is `Decimal`.
public protocol PostgresEncodable: Sendable {
    var postgresText: String? { get }
}

/// A value read from a result column in text format.
public protocol PostgresDecodable {
    init(postgresText: String) throws
}

extension String: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self }
    public init(postgresText: String) { self = postgresText }
}

extension PostgresEncodable where Self: FixedWidthInteger {
    public var postgresText: String? { String(self) }
}

extension PostgresDecodable where Self: FixedWidthInteger {
    public init(postgresText: String) throws {
        guard let value = Self(postgresText) else { throw PostgresError.cannotDecode(postgresText, as: Self.self) }
        self = value
    }
}

extension Int: PostgresEncodable, PostgresDecodable {}
extension Int64: PostgresEncodable, PostgresDecodable {}
extension Int32: PostgresEncodable, PostgresDecodable {}

extension Bool: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self ? "true" : "false" }

    public init(postgresText: String) throws {
        switch postgresText {
        case "t": self = true
        case "f": self = false
        default: throw PostgresError.cannotDecode(postgresText, as: Bool.self)
        }
    }
}

extension Decimal: PostgresEncodable, PostgresDecodable {
    /// `description` is locale-independent and never uses an exponent: "1234.5", "-0.01".
    public var postgresText: String? { description }

    public init(postgresText: String) throws {
        // Decimal(string:) accepts a numeric prefix ("12abc" → 12) and NaN; only plain numeric text is a value here.
        guard Self.isPlainNumber(postgresText),
            let value = Decimal(string: postgresText, locale: Locale(identifier: "en_US_POSIX"))
        else { throw PostgresError.cannotDecode(postgresText, as: Decimal.self) }
        self = value
    }

    /// `-?digits(.digits)?`, the way PostgreSQL prints a finite `numeric`.
    private static func isPlainNumber(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    /// Lower case, as PostgreSQL prints a `uuid`, so it also compares equal when stored in a text column.
    public var postgresText: String? { uuidString.lowercased() }

    public init(postgresText: String) throws {
        guard let value = UUID(uuidString: postgresText) else { throw PostgresError.cannotDecode(postgresText, as: UUID.self) }
        self = value
    }
}

extension Date: PostgresEncodable, PostgresDecodable {
    /// ISO 8601 in UTC with microseconds, the precision of `timestamptz`: "2026-11-21T10:15:30.123456Z".
    public var postgresText: String? { Timestamp.format(self) }

    /// `timestamptz` text as PostgreSQL prints it (DateStyle ISO): "2026-11-21 10:15:30.123456+00", "+05:30".
    public init(postgresText: String) throws {
        guard let value = Timestamp.parse(postgresText) else {
            throw PostgresError.cannotDecode(postgresText, as: Date.self)
        }
        self = value
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

extension PostgresError {
    static func cannotDecode(_ text: String, as type: Any.Type) -> PostgresError {
        PostgresError(message: "cannot read \"\(text.prefix(64))\" as \(type)")
    }

    /// The text libpq sends for one parameter; nil is SQL NULL.
    static func parameterText(_ value: (any PostgresEncodable)?) throws -> String? {
        guard let text = value?.postgresText else { return nil }
        // libpq sends C strings: a NUL would silently cut the value short, and PostgreSQL text cannot hold one.
        guard !text.utf8.contains(0) else { throw PostgresError(message: "a parameter contains a NUL character") }
        return text
    }
}

/// Converts between `Date` and timestamp text with integer arithmetic (proleptic Gregorian calendar, UTC),
/// so it needs no formatter, locale or calendar object and is exact to the microsecond.
enum Timestamp {
    static func format(_ date: Date) -> String {
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = floorDivide(micros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))"
            + ":\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }

    static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4...6), scanner.skip("-"),
            let month = scanner.number(digits: 2...2), scanner.skip("-"),
            let day = scanner.number(digits: 2...2), scanner.skip(" ") || scanner.skip("T"),
            let hour = scanner.number(digits: 2...2), scanner.skip(":"),
            let minute = scanner.number(digits: 2...2), scanner.skip(":"),
            let second = scanner.number(digits: 2...2)
        else { return nil }
        var micros = 0
        if scanner.skip(".") {
            let start = scanner.position
            guard let fraction = scanner.number(digits: 1...6) else { return nil }
            micros = fraction * powerOfTen(6 - (scanner.position - start))
        }
        // A timestamp without an offset (a `timestamp` column) has no defined instant: refuse it rather than guess.
        guard let offset = scanner.utcOffset(), scanner.isAtEnd,
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func powerOfTen(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }
}

/// Reads fixed-width ASCII digit groups and separators from timestamp text.
private struct DigitScanner {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    mutating func number(digits allowed: ClosedRange<Int>) -> Int? {
        var value = 0
        var count = 0
        while position < bytes.count, count < allowed.upperBound, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            count += 1
            position += 1
        }
        return allowed.contains(count) ? value : nil
    }

    /// "Z", "+05", "+05:30" or "-03:30:15" (historical zones) as seconds east of UTC.
    mutating func utcOffset() -> Int? {
        if skip("Z") { return 0 }
        let sign: Int
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(digits: 2...2) else { return nil }
        var seconds = hours * 3600
        for unit in [60, 1] where skip(":") {
            guard let part = number(digits: 2...2) else { return nil }
            seconds += part * unit
        }
        return sign * seconds
    }
}
