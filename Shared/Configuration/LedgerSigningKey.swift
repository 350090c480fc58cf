import Foundation

/// `LEDGER_SIGNING_KEY`, the secret behind the khata's hash chain. Required unless the database is on this machine
/// (a local run or a test), where a key is derived from `DATABASE_URL` and `derived` says so, to be logged as a warning.
public struct LedgerSigningKey: Sendable {
    public var secret: String
    /// True when no key was set and this one was derived for a local run.
    public var derived: Bool

    public static let warning =
        "LEDGER_SIGNING_KEY is not set: the khata's hash chain uses a key derived from DATABASE_URL (fine for a local run only)"

    public init(reading env: inout EnvironmentReader, databaseURL: String) {
        if let secret = env.optional("LEDGER_SIGNING_KEY") {
            self.secret = secret
            derived = false
            return
        }
        secret = "fintrak-ledger:" + databaseURL
        derived = true
        let host = URLComponents(string: databaseURL)?.host?.lowercased() ?? ""
        if !databaseURL.isEmpty, !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) {
            env.problems(appending: "LEDGER_SIGNING_KEY is missing (required when the database is not on this machine: "
                + "it keys the khata's tamper-evident hash chain)")
        }
    }
}
