import FintrakPostgres

/// Tenant-scoped access: every transaction runs as the non-owner role `fintrak_app` with `app.tenant_id` set,
/// so PostgreSQL's row-level security (schema.sql) keeps each tenant to its own rows whatever the SQL says.
public struct TenantDatabase: Sendable {
    /// The role every tenant transaction runs as: it owns nothing and cannot bypass row-level security.
    public static let role = "fintrak_app"
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A read-write transaction for `tenant`, creating its tenant row on first use. The row's upsert travels with the
    /// transaction's opening and its first statement, in one round trip; `tenantExists` leaves it out where the
    /// transaction only changes rows that could not exist without the tenant.
    @discardableResult
    public func write<T: Sendable>(tenant: String, statementTimeout: Duration? = nil, tenantExists: Bool = false,
                                   _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await pool.transaction(options(tenant: tenant, readOnly: false, statementTimeout: statementTimeout)) { session in
            if !tenantExists { session.enqueue("INSERT INTO tenants (tenant) VALUES ($1) ON CONFLICT DO NOTHING", [tenant]) }
            return try body(session)
        }
    }

    /// A READ ONLY transaction for answering questions, bounded by a statement timeout.
    public func read<T: Sendable>(tenant: String, statementTimeout: Duration = .seconds(5),
                                  _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await pool.transaction(options(tenant: tenant, readOnly: true, statementTimeout: statementTimeout), body)
    }

    private func options(tenant: String, readOnly: Bool, statementTimeout: Duration? = nil) -> TransactionOptions {
        TransactionOptions(readOnly: readOnly, statementTimeout: statementTimeout,
                           settings: [(name: "app.tenant_id", value: tenant)], role: Self.role)
    }
}
