import FintrakPostgres
import FintrakStores
import FintrakTestSupport
import Foundation
import Logging
import Testing

/// The services' login role as schema.sql defines it: it owns nothing, bypasses nothing, and reaches tenant rows
/// only through a tenant transaction (as `fintrak_app`, with `app.tenant_id` set).
@Suite struct LeastPrivilegeTests {
    static func owner() throws -> PostgresPool {
        PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: Logger(label: "test"))
    }

    /// The owner's URL with the services' role as the user (dev-servers.sh trusts loopback logins).
    static func service() throws -> PostgresPool {
        var url = try #require(URLComponents(string: try TestEnvironment.databaseURL))
        url.user = Migration.serviceRole
        url.password = "fintrak"
        return PostgresPool(url: try #require(url.string), size: 1, logger: Logger(label: "test"))
    }

    @Test func theServiceRoleIsNoSuperuserBypassesNothingAndOwnsNothing() async throws {
        try await ServiceEnvironment.migrate()
        let pool = try Self.owner()
        defer { pool.close() }
        let role = try #require(try await pool.query("""
            SELECT rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
                   (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned
            FROM pg_roles r WHERE rolname = $1
            """, [Migration.serviceRole]).first)
        #expect(try role.decode("rolcanlogin", as: Bool.self))
        for attribute in ["rolsuper", "rolbypassrls", "rolinherit", "rolcreaterole", "rolcreatedb"] {
            #expect(try !role.decode(attribute, as: Bool.self), "\(attribute)")
        }
        #expect(try role.decode("owned", as: Int.self) == 0)
    }

    @Test func everyTenantTableForcesRowLevelSecurity() async throws {
        try await ServiceEnvironment.migrate()
        let pool = try Self.owner()
        defer { pool.close() }
        let tables = try await pool.query("""
            SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant' AND NOT a.attisdropped
            WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
            """)
        #expect(tables.count >= 9)
        for table in tables {
            #expect(try table.decode("forced", as: Bool.self), "\(table["relname"] ?? "")")
        }
    }

    @Test func theServiceLoginReachesTenantRowsOnlyInATenantTransaction() async throws {
        try await ServiceEnvironment.migrate()
        let pool = try Self.service()
        defer { pool.close() }
        await #expect(throws: PostgresError.self, "a plain SELECT as fintrak_service") {
            try await pool.query("SELECT count(*) AS n FROM invoices")
        }
        await #expect(throws: PostgresError.self, "creating objects") {
            try await pool.execute("CREATE TABLE fintrak_service_was_here (id int)")
        }
        let tenant = ServiceEnvironment.uniqueTenant()
        let seen = try await TenantDatabase(pool: pool).write(tenant: tenant) { session in
            try session.query("SELECT tenant FROM tenants").map { try $0.decode("tenant", as: String.self) }
        }
        #expect(seen == [tenant])
    }

    @Test func migrateTakesTheServicePasswordFromDatabaseURL() {
        #expect(Migration.servicePassword(inDatabaseURL: "postgres://fintrak_service:s%40cret@db:5432/fintrak") == "s@cret")
        #expect(Migration.servicePassword(inDatabaseURL: "postgres://fintrak:owner@db:5432/fintrak") == nil)
        #expect(Migration.servicePassword(inDatabaseURL: "postgres://fintrak_service@db:5432/fintrak") == nil)
    }

    @Test func migrateGivesTheServiceRoleItsPassword() async throws {
        try await ServiceEnvironment.migrate()
        let pool = try Self.owner()
        defer { pool.close() }
        try await Migration.setServicePassword("fintrak", on: pool)
        let hash = try await pool.query("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [Migration.serviceRole])
        #expect(hash.first?["rolpassword"]?.hasPrefix("SCRAM-SHA-256$") == true)
    }
}
