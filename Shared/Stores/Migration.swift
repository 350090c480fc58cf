import FintrakPostgres
import Foundation

/// Applies schema.sql. The file is found without depending on the working folder: `FINTRAK_SCHEMA`, then beside
/// the executable (the container image puts it there), then in the source checkout this binary was built from.
public enum Migration {
    /// schema.sql is in none of the places looked in.
    public struct SchemaNotFound: Error, CustomStringConvertible {
        public let searched: [String]
        public var description: String {
            "schema.sql not found; looked in \(searched.joined(separator: ", ")). Set FINTRAK_SCHEMA to its path."
        }
    }

    /// Where schema.sql is.
    /// - Throws: `SchemaNotFound` listing the places looked in.
    public static func schemaPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // This file is Shared/Stores/Migration.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let besideExecutable: String = executable.appendingPathComponent("schema.sql").path
        let inCheckout: String = checkout.appendingPathComponent("schema.sql").path
        let candidates = [environment["FINTRAK_SCHEMA"], besideExecutable, inCheckout].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw SchemaNotFound(searched: candidates)
        }
        return found
    }

    /// Runs schema.sql in one session; it is written to be applied again and again.
    public static func apply(to pool: PostgresPool, schemaPath: String) async throws {
        let sql = try String(contentsOfFile: schemaPath, encoding: .utf8)
        try await pool.withSession { session in try session.executeScript(sql) }
    }

    /// The services' login role, defined in schema.sql.
    public static let serviceRole = "fintrak_service"

    /// The password DATABASE_URL gives the services' login role, when that is who it logs in as.
    public static func servicePassword(inDatabaseURL url: String) -> String? {
        guard let components = URLComponents(string: url), components.user == serviceRole,
              let password = components.password, !password.isEmpty else { return nil }
        return password
    }

    /// Gives the services' login role `password` (run as the owner after `apply`). The password travels as a
    /// parameter and is quoted by the server, never spliced into SQL here.
    public static func setServicePassword(_ password: String, on pool: PostgresPool) async throws {
        let options = TransactionOptions(settings: [(name: "fintrak.service_password", value: password)])
        _ = try await pool.transaction(options) { session in
            try session.execute("""
                DO $$ BEGIN
                    EXECUTE format('ALTER ROLE \(serviceRole) LOGIN PASSWORD %L', current_setting('fintrak.service_password'));
                END $$
                """)
        }
    }
}
