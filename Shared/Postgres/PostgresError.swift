import FailurePolicy

/// A failed statement, a lost connection, or a value that could not be encoded or decoded.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The server's SQLSTATE code, e.g. "23505" unique_violation, "42501" insufficient_privilege; nil for client-side errors.
    public let sqlState: String?
    /// True when the connection was lost or could not be made; the next call reconnects.
    public let isConnectionFailure: Bool

    public init(message: String, sqlState: String? = nil, isConnectionFailure: Bool = false) {
        self.message = message
        self.sqlState = sqlState
        self.isConnectionFailure = isConnectionFailure
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        guard let sqlState else { return "PostgreSQL: \(message)" }
        return "PostgreSQL: \(message) (SQLSTATE \(sqlState))"
    }
}

extension PostgresError: TransientFailure {
    /// A lost or refused connection, a server shutting down or out of resources, a deadlock, a serialization
    /// failure or a lock timeout: trying again later may succeed. A statement timeout is not among them (the same
    /// statement would time out again).
    public var isTransient: Bool {
        guard !isConnectionFailure else { return true }
        guard let sqlState else { return false }
        return Self.isConnectionLoss(sqlState: sqlState) || sqlState.hasPrefix("53") || ["40001", "40P01", "55P03"].contains(sqlState)
    }

    /// SQLSTATE codes that mean the session is gone: class 08 (connection exception) and the server shutting down.
    static func isConnectionLoss(sqlState: String?) -> Bool {
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
}
