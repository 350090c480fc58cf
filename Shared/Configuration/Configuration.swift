import FintrakCore
import Foundation

/// Every problem with the environment at once, so an operator fixes them in one go.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Reads variables and collects what is missing or malformed instead of stopping at the first.
public struct EnvironmentReader {
    public let values: [String: String]
    public private(set) var problems: [String] = []

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The trimmed value of `name`, nil when unset or blank.
    public func optional(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name`; a missing one is a problem (`meaning` says what it is for) and reads as "".
    public mutating func required(_ name: String, _ meaning: String) -> String {
        guard let value = optional(name) else {
            problems.append("\(name) is missing (\(meaning))")
            return ""
        }
        return value
    }

    /// A URL whose scheme is one of `schemes`.
    public mutating func url(_ name: String, schemes: [String], example: String) -> String {
        let value = required(name, "for example \(example)")
        guard !value.isEmpty else { return value }
        if !Self.isURL(value, schemes: schemes) { problems.append("\(name) is malformed: expected a URL like \(example)") }
        return value
    }

    /// One URL or several separated by commas, each with a scheme in `schemes`; returned as written.
    public mutating func urls(_ name: String, schemes: [String], example: String) -> String {
        let value = required(name, "for example \(example)")
        guard !value.isEmpty else { return value }
        let urls = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if !urls.allSatisfy({ Self.isURL($0, schemes: schemes) }) {
            problems.append("\(name) is malformed: expected a URL like \(example), or several separated by commas")
        }
        return value
    }

    /// `AMQP_URL`: one broker, or a cluster's nodes separated by commas (a connection goes to the first that answers).
    public mutating func amqpURLs() -> String {
        urls("AMQP_URL", schemes: ["amqp"], example: "amqp://user:pass@127.0.0.1:5672/fintrak")
    }

    private static func isURL(_ value: String, schemes: [String]) -> Bool {
        guard let components = URLComponents(string: value), let scheme = components.scheme else { return false }
        return schemes.contains(scheme) && components.host?.isEmpty == false
    }

    /// A whole number in `range`, `fallback` when unset; anything else is a problem.
    public mutating func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let text = optional(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            problems.append("\(name) is malformed: expected a whole number in \(range.lowerBound)...\(range.upperBound), got \(text)")
            return fallback
        }
        return value
    }

    /// One of `T`'s cases by raw value (any case of letters), `fallback` when unset; anything else is a problem.
    public mutating func choice<T: RawRepresentable>(_ name: String, default fallback: T) -> T
    where T: CaseIterable, T.RawValue == String {
        guard let text = optional(name) else { return fallback }
        guard let value = T(rawValue: text.lowercased()) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append("\(name) is malformed: expected one of \(options), got \(text)")
            return fallback
        }
        return value
    }

    /// - Throws: `ConfigurationError` with every problem found so far.
    public func check() throws {
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}

/// `WHATSAPP_PROVIDER`: console for local use, anything else sends through each message's own provider.
public enum ReplyMode: String, Sendable, CaseIterable {
    case console, twilio, gupshup, meta
}

/// Twilio's credentials (`TWILIO_*`), present when `TWILIO_ACCOUNT_SID` is set.
public struct TwilioSettings: Sendable {
    public var accountSID: String
    public var authToken: String
    public var whatsappNumber: String
    public var apiBase: String
}

/// Gupshup's credentials (`GUPSHUP_*`), present when `GUPSHUP_API_KEY` is set.
public struct GupshupSettings: Sendable {
    public var apiKey: String
    public var appName: String
    public var sourceNumber: String
    public var apiBase: String
    public var webhookToken: String?
}

/// The WhatsApp Cloud API's credentials (`META_*`), present when `META_ACCESS_TOKEN` is set.
public struct MetaSettings: Sendable {
    public var apiBase: String
    public var accessToken: String
    public var phoneNumberID: String
    public var appSecret: String?
    public var verifyToken: String?
}

/// The contract's environment (../shared/CONTRACT.md), read once at start-up.
public struct FintrakConfiguration: Sendable {
    public var serviceName: String
    public var httpPort: Int
    /// `HTTP_IDLE_TIMEOUT_SECONDS`: a connection that sends nothing this long (also halfway through a request) is
    /// closed, so slow clients cannot hold the server's connections.
    public var httpIdleTimeoutSeconds: Int = 30
    public var databaseURL: String
    public var redisURL: String
    public var amqpURL: String
    public var replyMode: ReplyMode
    public var twilio: TwilioSettings?
    public var gupshup: GupshupSettings?
    public var meta: MetaSettings?
    public var publicBaseURL: String
    public var allowedPhoneNumbers: Set<String>?
    public var timeZone: TimeZone
    /// Signs the expiring `/media/{token}` links.
    public var mediaSigningKey: String
    /// Keys the khata's hash chain (`LEDGER_SIGNING_KEY`).
    public var ledgerSigningKey: LedgerSigningKey
    /// `FINTRAK_QUEUE_PREFIX`: the first part of every queue name (`Queues`).
    public var queuePrefix: String
    public var environment: [String: String]

    /// Reads the contract's variables and checks them.
    /// - Throws: `ConfigurationError` naming every missing or malformed variable.
    public static func load(service: String, defaultPort: Int,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        var reader = EnvironmentReader(environment)
        let configuration = read(service: service, defaultPort: defaultPort, from: &reader)
        try reader.check()
        return configuration
    }

    /// Reads the contract's variables, adding each problem to `reader` (checked once, with a service's own settings).
    public static func read(service: String, defaultPort: Int, from env: inout EnvironmentReader) -> Self {
        let environment = env.values
        let databaseURL = env.url("DATABASE_URL", schemes: ["postgres", "postgresql"],
                                  example: "postgres://user:pass@127.0.0.1:5432/fintrak")
        let redisURL = env.url("REDIS_URL", schemes: ["redis"], example: "redis://127.0.0.1:6379/0")
        let amqpURL = env.amqpURLs()
        let httpPort = env.integer("HTTP_PORT", default: defaultPort, range: 0...65535)
        let httpIdleTimeoutSeconds = env.integer("HTTP_IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)
        let replyMode = env.choice("WHATSAPP_PROVIDER", default: ReplyMode.console)

        let twilio = env.optional("TWILIO_ACCOUNT_SID").map { sid in
            TwilioSettings(accountSID: sid, authToken: env.optional("TWILIO_AUTH_TOKEN") ?? "",
                           whatsappNumber: env.optional("TWILIO_WHATSAPP_NUMBER") ?? "",
                           apiBase: env.optional("TWILIO_API_BASE") ?? "https://api.twilio.com")
        }
        if twilio != nil, env.optional("TWILIO_AUTH_TOKEN") == nil {
            env.problems(appending: "TWILIO_AUTH_TOKEN is missing (TWILIO_ACCOUNT_SID is set)")
        }
        let gupshup = env.optional("GUPSHUP_API_KEY").map { key in
            GupshupSettings(apiKey: key, appName: env.optional("GUPSHUP_APP_NAME") ?? "",
                            sourceNumber: env.optional("GUPSHUP_SOURCE_NUMBER") ?? "",
                            apiBase: env.optional("GUPSHUP_API_BASE") ?? "https://api.gupshup.io",
                            webhookToken: env.optional("GUPSHUP_WEBHOOK_TOKEN"))
        }
        let meta = env.optional("META_ACCESS_TOKEN").map { token in
            MetaSettings(apiBase: env.optional("META_API_BASE") ?? "https://graph.facebook.com/v21.0",
                         accessToken: token, phoneNumberID: env.optional("META_PHONE_NUMBER_ID") ?? "",
                         appSecret: env.optional("META_APP_SECRET"), verifyToken: env.optional("META_VERIFY_TOKEN"))
        }

        var allowed: Set<String>?
        if let list = env.optional("ALLOWED_PHONE_NUMBERS") {
            var numbers = Set<String>()
            for entry in list.split(separator: ",") {
                if let number = PhoneNumber.e164(String(entry)) {
                    numbers.insert(number)
                } else {
                    env.problems(appending: "ALLOWED_PHONE_NUMBERS has \"\(entry)\", which is not a phone number")
                }
            }
            allowed = numbers
        }

        let zone = timeZone(from: &env)

        let publicBaseURL = env.optional("PUBLIC_BASE_URL") ?? "http://127.0.0.1:8000"
        let signingKey = env.optional("MEDIA_SIGNING_KEY") ?? "fintrak-media:" + databaseURL
        let ledgerSigningKey = LedgerSigningKey(reading: &env, databaseURL: databaseURL)
        let queuePrefix = env.optional("FINTRAK_QUEUE_PREFIX") ?? "fintrak"
        if !queuePrefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            env.problems(appending: "FINTRAK_QUEUE_PREFIX may hold only letters, digits, '.', '_' and '-'")
        }
        return Self(
            serviceName: service, httpPort: httpPort, httpIdleTimeoutSeconds: httpIdleTimeoutSeconds, databaseURL: databaseURL, redisURL: redisURL, amqpURL: amqpURL,
            replyMode: replyMode, twilio: twilio, gupshup: gupshup, meta: meta,
            publicBaseURL: publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL,
            allowedPhoneNumbers: allowed, timeZone: zone,
            mediaSigningKey: signingKey, ledgerSigningKey: ledgerSigningKey, queuePrefix: queuePrefix,
            environment: environment)
    }
}

extension FintrakConfiguration {
    /// `FINTRAK_TIMEZONE` (else `TZ`, else Asia/Kolkata): the business's time zone; an unknown one is a problem.
    public static func timeZone(from env: inout EnvironmentReader) -> TimeZone {
        let zoneName = env.optional("FINTRAK_TIMEZONE") ?? env.optional("TZ") ?? "Asia/Kolkata"
        let zone = TimeZone(identifier: zoneName.hasPrefix(":") ? String(zoneName.dropFirst()) : zoneName)
        if zone == nil { env.problems(appending: "FINTRAK_TIMEZONE/TZ \"\(zoneName)\" is not a known time zone") }
        return zone ?? .current
    }
}

extension EnvironmentReader {
    /// Adds a problem found by a check of the caller's own (a value's shape that only the service knows).
    public mutating func problems(appending problem: String) {
        problems.append(problem)
    }
}

/// A service's own settings beyond the contract's, read from the same environment in the same pass, so that every
/// problem in the whole configuration is reported in one message before anything starts (`ServiceHost.main`).
public protocol ServiceSettings: Sendable {
    /// Reads the settings, adding each missing or malformed variable to `reader`'s problems instead of throwing.
    static func read(from reader: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self
}

extension ServiceSettings {
    /// Reads and checks the settings on their own (tests, and services that load them apart from the contract's).
    /// - Throws: `ConfigurationError` naming every problem.
    public static func load(_ configuration: FintrakConfiguration) throws -> Self {
        var reader = EnvironmentReader(configuration.environment)
        let settings = read(from: &reader, configuration: configuration)
        try reader.check()
        return settings
    }
}

/// For services with nothing beyond the contract's variables.
public struct NoSettings: ServiceSettings {
    public static func read(from reader: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self { Self() }
}
