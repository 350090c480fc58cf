import ArgumentParser
import FintrakStores

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply schema.sql to DATABASE_URL (safe to run again).")

    @Option(help: "Path to schema.sql (default: FINTRAK_SCHEMA, beside the executable, or the source checkout).")
    var schema: String?

    func run() async throws {
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        let path = try schema ?? Migration.schemaPath()
        try await Migration.apply(to: pool, schemaPath: path)
        print("migrated: \(path)")
    }
}
