import FintrakPostgres
import Foundation
import Synchronization

/// At most one send of a reply at a time, in this process and across responder processes, so two copies of
/// one reply on the queue (a publisher that retried, a redelivery racing a slow send) never both reach the
/// provider before either is recorded.
///
/// In this process a set of reply ids; across processes a PostgreSQL session-level advisory lock on a connection
/// of its own. PostgreSQL drops the lock when that session ends, so a responder killed mid-send leaves nothing
/// held for long. (Session locks are re-entrant within a session, hence the in-process set as well.)
final class ReplyClaims: Sendable {
    private let connection: PostgresConnection
    private let held = Mutex<Set<String>>([])

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// True when this caller now holds `replyID`; false when another delivery of it is in progress.
    func claim(_ replyID: String) async throws -> Bool {
        guard held.withLock({ $0.insert(replyID).inserted }) else { return false }
        do {
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(hashtext('fintrak.outbound'), hashtext($1)) AS locked", [replyID])
            if try rows.first?.decode("locked", as: Bool.self) == true { return true }
        } catch {
            _ = held.withLock { $0.remove(replyID) }
            throw error
        }
        _ = held.withLock { $0.remove(replyID) }
        return false
    }

    /// Returns false when the lock was no longer held (the claims connection was lost and reconnected meanwhile).
    @discardableResult
    func release(_ replyID: String) async -> Bool {
        defer { _ = held.withLock { $0.remove(replyID) } }
        let rows = try? await connection.query(
            "SELECT pg_advisory_unlock(hashtext('fintrak.outbound'), hashtext($1)) AS unlocked", [replyID])
        return (try? rows?.first?.decode("unlocked", as: Bool.self)) == true
    }

    func close() {
        connection.close()
    }
}
