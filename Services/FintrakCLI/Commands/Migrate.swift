import ArgumentParser
import FintrakStores

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply schema.sql as the schema's owner (safe to run again).",
        discussion: """
            Connects with MIGRATION_DATABASE_URL (default DATABASE_URL). When DATABASE_URL logs in as fintrak_service \
            (the services' least-privilege role), that role also gets DATABASE_URL's password.
            """)

    @Option(help: "Path to schema.sql (default: FINTRAK_SCHEMA, beside the executable, or the source checkout).")
    var schema: String?

    func run() async throws {
        var environment = CommandEnvironment()
        let pool = try environment.ownerPostgres()
        defer { pool.close() }
        let path = try schema ?? Migration.schemaPath()
        try await Migration.apply(to: pool, schemaPath: path)
        print("migrated: \(path)")
        if let databaseURL = environment.reader.optional("DATABASE_URL"),
           let password = Migration.servicePassword(inDatabaseURL: databaseURL) {
            try await Migration.setServicePassword(password, on: pool)
            print("\(Migration.serviceRole) can log in with DATABASE_URL's password")
        }
    }
}
