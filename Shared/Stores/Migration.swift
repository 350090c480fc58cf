import FintrakPostgres
import Foundation

/// Applies schema.sql. The file is found without depending on the working folder: `FINTRAK_SCHEMA`, then beside
/// the executable (the container image puts it there), then in the source checkout this binary was built from.
public enum Migration {
    public struct SchemaNotFound: Error, CustomStringConvertible {
        public let searched: [String]
        public var description: String {
            "schema.sql not found; looked in \(searched.joined(separator: ", ")). Set FINTRAK_SCHEMA to its path."
        }
    }

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

    public static func apply(to pool: PostgresPool, schemaPath: String) async throws {
        let sql = try String(contentsOfFile: schemaPath, encoding: .utf8)
        try await pool.withSession { session in try session.executeScript(sql) }
    }
}
