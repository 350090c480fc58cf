import FintrakChildProcess
import FintrakCore
import FintrakPostgres
import FintrakStores
import FintrakTestSupport
import Foundation
import Logging
import Testing

/// deploy/backup.sh and deploy/restore.sh, as an operator runs them: a tenant's invoice and reply survive the trip
/// into a freshly migrated database.
@Suite struct BackupRestoreTests {
    static let deploy = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy")

    /// Runs a deploy script with `MIGRATION_DATABASE_URL` set; returns its exit status and output (standard output,
    /// then error).
    static func run(_ script: String, _ arguments: [String], databaseURL: String) async throws -> (status: Int32, output: String) {
        let result = try await ChildProcess(
            "/bin/bash", [deploy.appendingPathComponent(script).path] + arguments,
            environment: ProcessInfo.processInfo.environment.merging(["MIGRATION_DATABASE_URL": databaseURL]) { $1 },
            timeout: .seconds(300)
        ).run()
        return (result.termination.shellStatus, result.outputText + result.errorText)
    }

    /// A freshly migrated database of its own: pg_dump of the shared test database would race the tables other tests
    /// create and drop while it runs.
    static func scratchDatabase(owner: PostgresPool, ownerURL: String) async throws -> (name: String, url: String, pool: PostgresPool) {
        let name = "fintrak_backup_" + UUID().uuidString.prefix(8).lowercased()
        try await owner.execute("CREATE DATABASE \(name)")
        var components = try #require(URLComponents(string: ownerURL))
        components.path = "/" + name
        let url = try #require(components.string)
        let pool = PostgresPool(url: url, size: 1, logger: Logger(label: "test"))
        try await Migration.apply(to: pool, schemaPath: try Migration.schemaPath())
        return (name, url, pool)
    }

    @Test func aBackupRestoresIntoAFreshlyMigratedDatabase() async throws {
        try await ServiceEnvironment.migrate()
        let owner = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: Logger(label: "test"))
        defer { owner.close() }
        let source = try await Self.scratchDatabase(owner: owner, ownerURL: try TestEnvironment.databaseURL)
        let tenant = ServiceEnvironment.uniqueTenant()
        let record = InvoiceRecord(payeeName: "Backup Traders", invoiceNumber: "B-1",
                                   invoiceDate: try #require(CalendarDay(year: 2026, month: 11, day: 2)),
                                   totalAmount: Decimal(153050) / 100, paymentMethod: .upi)
        try await TenantDatabase(pool: source.pool).write(tenant: tenant) { session in
            try InvoiceStore.insert(record, tenant: tenant, source: .import, session: session)
        }
        source.pool.close()
        let target = try await Self.scratchDatabase(owner: owner, ownerURL: try TestEnvironment.databaseURL)

        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("\(source.name).dump").path
        defer { try? FileManager.default.removeItem(atPath: dump) }
        let backup = try await Self.run("backup.sh", [dump], databaseURL: source.url)
        try #require(backup.status == 0, "\(backup.output)")
        let restore = try await Self.run("restore.sh", [dump], databaseURL: target.url)
        try #require(restore.status == 0, "\(restore.output)")
        #expect(restore.output.contains("restore: invoices "))

        let invoices = try await TenantDatabase(pool: target.pool).read(tenant: tenant) { try InvoiceStore.all(session: $0) }
        #expect(invoices.map(\.record.payeeName) == ["Backup Traders"])
        #expect(invoices.first?.record.totalAmount == Decimal(153050) / 100)
        // A second restore into the same database is refused rather than doubling rows.
        let again = try await Self.run("restore.sh", [dump], databaseURL: target.url)
        #expect(again.status == 2 && again.output.contains("already holds tenants"), "\(again.output)")
        target.pool.close()
        try await owner.execute("DROP DATABASE \(source.name)")
        try await owner.execute("DROP DATABASE \(target.name)")
    }
}
