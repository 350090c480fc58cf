/// How `transaction` opens its transaction. Everything here is transaction-local and ends with COMMIT or ROLLBACK,
/// so a pooled connection never carries one caller's settings into the next call.
public struct TransactionOptions: Sendable {
    public var readOnly: Bool
    /// `SET LOCAL statement_timeout`; a statement running longer fails with SQLSTATE 57014.
    public var statementTimeout: Duration?
    /// Applied with `SELECT set_config($1, $2, true)`, e.g. ("app.tenant_id", "+919812345678") for row-level security.
    public var settings: [(name: String, value: String)]
    /// `SET LOCAL ROLE`; must match `[a-z_][a-z0-9_]*`.
    public var role: String?

    public init(
        readOnly: Bool = false,
        statementTimeout: Duration? = nil,
        settings: [(name: String, value: String)] = [],
        role: String? = nil
    ) {
        self.readOnly = readOnly
        self.statementTimeout = statementTimeout
        self.settings = settings
        self.role = role
    }
}

/// One SQL statement with its parameters.
struct Statement: Sendable {
    let sql: String
    var parameters: [(any PostgresEncodable)?] = []
}

extension TransactionOptions {
    /// The statements that open the transaction: BEGIN, then one SELECT that applies the timeout, the settings and
    /// the role with `set_config(…, true)` (transaction-local, like SET LOCAL), every value a parameter. The session
    /// sends them together with the transaction's first statement, in one round trip. Invalid options throw before
    /// anything reaches the server.
    func openingStatements() throws -> [Statement] {
        var configured: [(name: String, value: String)] = []
        if let statementTimeout {
            guard statementTimeout > .zero else { throw PostgresError(message: "statementTimeout must be positive") }
            configured.append((name: "statement_timeout", value: String(statementTimeout.millisecondsRoundedUp)))
        }
        configured += settings
        if let role {
            // The role is a value here, but a name that is not a plain identifier is a mistake worth a clear error.
            guard Self.isPlainIdentifier(role) else { throw PostgresError(message: "invalid role name \"\(role)\"") }
            configured.append((name: "role", value: role))
        }
        var statements = [Statement(sql: readOnly ? "BEGIN READ ONLY" : "BEGIN")]
        guard !configured.isEmpty else { return statements }
        let calls = configured.indices.map { "set_config($\($0 * 2 + 1), $\($0 * 2 + 2), true)" }
        statements.append(Statement(sql: "SELECT " + calls.joined(separator: ", "),
                                    parameters: configured.flatMap { [$0.name, $0.value] }))
        return statements
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.first, name.utf8.count <= 63, first.isASCII, first.isLowercase || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
