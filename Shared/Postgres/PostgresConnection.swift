// The only file that touches libpq: every C pointer stays here.
import CLibPQ
import Dispatch
import Foundation
import Logging

/// One PostgreSQL connection. Every libpq call runs on the connection's private serial queue, so blocking network
/// I/O never occupies Swift's cooperative thread pool. Connects on first use and reconnects on the next use after
/// the connection was lost; a statement that failed is never re-sent.
///
/// `@unchecked Sendable`: the mutable state (`handle`, `isClosed`) is only touched on `queue`.
public final class PostgresConnection: @unchecked Sendable {
    /// libpq connection keywords. Entries before `dbname` (which holds the URL) are defaults the URL may override;
    /// entries after it always apply.
    private let parameters: [(keyword: String, value: String)]
    private let redactedURL: String
    private let logger: Logger
    private let queue: DispatchQueue
    private var handle: OpaquePointer?
    /// The statements prepared on `handle`; a new connection starts with none.
    private var prepared = PreparedStatements()
    private var isClosed = false

    /// Does not connect yet: the first call does.
    public init(url: String, applicationName: String = "fintrak", logger: Logger) {
        parameters = [
            ("connect_timeout", "5"),
            // Notice a server that vanished without closing the socket within about a minute, not hours.
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
            ("dbname", url),
            ("application_name", applicationName),
            ("client_encoding", "UTF8"),
        ]
        redactedURL = redactingPassword(in: url)
        self.logger = logger
        queue = DispatchQueue(label: "fintrak.postgres.\(applicationName)")
    }

    deinit {
        // Queued work retains `self`, so nothing can be running on `queue` here.
        if let handle { PQfinish(handle) }
    }

    /// Runs `body` on the connection's queue with a session for synchronous statements. Use `transaction` for
    /// anything that must be atomic: a transaction `body` leaves open is rolled back and reported as an error.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.runSession(body) })
            }
        }
    }

    /// BEGIN [READ ONLY], the options, `body`, then COMMIT; ROLLBACK when anything throws.
    public func transaction<T: Sendable>(
        _ options: TransactionOptions = .init(),
        _ body: @escaping @Sendable (PostgresSession) throws -> T
    ) async throws -> T {
        let opening = try options.openingStatements()
        return try await withSession { try $0.inTransaction(opening: opening, body) }
    }

    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> [PostgresRow] {
        try await withSession { try $0.query(sql, parameters) }
    }

    /// Returns the number of rows affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await withSession { try $0.execute(sql, parameters) }
    }

    /// Succeeds when the server answers `SELECT 1`.
    public func ping() async throws {
        try await execute("SELECT 1")
    }

    /// Closes the connection once the calls already queued have run; later calls throw.
    public func close() {
        queue.async {
            self.isClosed = true
            if let handle = self.handle { PQfinish(handle) }
            self.handle = nil
        }
    }

    // MARK: On `queue` only

    private func runSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let session = PostgresSession(handle: try openHandle(), prepared: prepared)
        let result = Result { try body(session) }
        // An open transaction would swallow the next caller's statements into it.
        if session.isInTransaction {
            _ = try? session.execute("ROLLBACK")
            if case .success = result {
                throw PostgresError(message: "withSession left a transaction open and it was rolled back; use transaction()")
            }
        }
        return try result.get()
    }

    /// A working handle: the current one, or a new connection when there is none or it was lost.
    private func openHandle() throws -> OpaquePointer {
        guard !isClosed else { throw PostgresError(message: "the connection is closed") }
        if let handle {
            noticeClosedSocket(handle)
            // A pipeline left open means an exchange broke off half way: that connection's state is unknown.
            if PQstatus(handle) == CONNECTION_OK, PQpipelineStatus(handle) == PQ_PIPELINE_OFF { return handle }
            logger.warning("PostgreSQL connection lost; reconnecting", metadata: ["url": "\(redactedURL)"])
            PQfinish(handle)
            self.handle = nil
        }
        let handle = try connect()
        self.handle = handle
        prepared = PreparedStatements()
        return handle
    }

    private func connect() throws -> OpaquePointer {
        let connection = withCStrings(parameters.map(\.keyword) + [nil]) { keywords in
            withCStrings(parameters.map(\.value) + [nil]) { values in
                PQconnectdbParams(keywords, values, 1)  // 1: expand the URL in `dbname`
            }
        }
        guard let connection else { throw PostgresError(message: "libpq is out of memory", isConnectionFailure: true) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = errorMessage(connection)
            PQfinish(connection)
            throw PostgresError(message: "cannot connect to \(redactedURL): \(message)", isConnectionFailure: true)
        }
        // NOTICEs (e.g. "relation already exists, skipping") go to the debug log instead of stderr. libpq calls
        // back only during calls on this handle, which `self` owns, so an unretained reference is enough.
        PQsetNoticeProcessor(
            connection,
            { context, message in
                guard let context, let message else { return }
                let owner = Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue()
                owner.logger.debug("PostgreSQL notice: \(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))")
            },
            Unmanaged.passUnretained(self).toOpaque()
        )
        logger.info("connected to PostgreSQL", metadata: ["url": "\(redactedURL)"])
        return connection
    }

    /// A server that closed the socket while this connection sat idle (a restart, an idle timeout) is noticed here,
    /// before a statement is sent, so it costs a reconnect instead of a failed call. libpq's socket is non-blocking,
    /// so this never waits: the first read may return the server's parting message, the second then sees the end.
    private func noticeClosedSocket(_ handle: OpaquePointer) {
        if PQconsumeInput(handle) == 1 { _ = PQconsumeInput(handle) }
    }
}

/// Runs statements synchronously on its connection's queue. Handed out only inside `withSession` and `transaction`;
/// it is not Sendable, so the compiler keeps it from escaping the closure.
///
/// Every statement goes out in libpq's pipeline mode, together with any statements queued before it (a
/// transaction's opening, `enqueue`), and ends with one Sync: one round trip however many statements. Statements
/// that read or write rows are prepared once per connection and then only executed.
public final class PostgresSession {
    private let handle: OpaquePointer
    private let prepared: PreparedStatements
    /// Sent with the next statement, in the same round trip; their results are checked and dropped.
    private var queued: [Statement] = []
    /// Inside `transaction`: the last statement may then carry the COMMIT (`queryThenCommit`).
    private var isTransactionBody = false
    /// The transaction was committed with its last statement; nothing more may run in it.
    private var committed = false

    fileprivate init(handle: OpaquePointer, prepared: PreparedStatements) {
        self.handle = handle
        self.prepared = prepared
    }

    /// Runs one statement; parameters are `$1`…`$n`, sent as text, nil as NULL.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> [PostgresRow] {
        try rows(of: try run(sql, parameters))
    }

    /// The transaction's last statement: it goes to the server with the COMMIT (and anything queued), in one round
    /// trip, and returns its rows. Nothing may run in the transaction after it. Outside `transaction`, a plain `query`.
    public func queryThenCommit(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> [PostgresRow] {
        try rows(of: try run(sql, parameters, commit: true))
    }

    /// `queryThenCommit` returning the number of rows the statement affected.
    @discardableResult
    public func executeThenCommit(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        affectedRows(try run(sql, parameters, commit: true))
    }

    /// Reads and clears `result`.
    private func rows(of result: OpaquePointer) -> [PostgresRow] {
        defer { PQclear(result) }
        let columnCount = PQnfields(result)
        let layout = ColumnLayout((0..<columnCount).map { String(cString: PQfname(result, $0)) })
        return (0..<PQntuples(result)).map { row in
            PostgresRow(
                layout: layout,
                values: (0..<columnCount).map { column in
                    PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                }
            )
        }
    }

    /// Runs one statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        affectedRows(try run(sql, parameters))
    }

    /// Reads and clears `result`.
    private func affectedRows(_ result: OpaquePointer) -> Int {
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Queues a statement whose result nobody reads: it goes to the server with the next statement (in a
    /// transaction at the latest with COMMIT), in the same round trip, and an error it raises is thrown there.
    public func enqueue(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) {
        queued.append(Statement(sql: sql, parameters: parameters))
    }

    /// Runs several statements separated by semicolons (PQexec), without parameters; meant for schema migrations.
    public func executeScript(_ sql: String) throws {
        try flushQueued()
        PQclear(try checked(PQexec(handle, sql)))
    }

    fileprivate var isInTransaction: Bool {
        [PQTRANS_INTRANS, PQTRANS_INERROR].contains(PQtransactionStatus(handle))
    }

    /// The opening goes out with the body's first statement; a body that runs none costs no round trip at all.
    fileprivate func inTransaction<T>(opening: [Statement], _ body: (PostgresSession) throws -> T) throws -> T {
        queued = opening
        isTransactionBody = true
        // Both end with the transaction: the session may run more after it.
        defer {
            isTransactionBody = false
            committed = false
        }
        do {
            let result = try body(self)
            if committed {
                guard queued.isEmpty else { throw PostgresError(message: "statements were queued after the transaction's COMMIT") }
                return result
            }
            if queued.count == opening.count, !isInTransaction {
                queued = []
                return result
            }
            // COMMIT of a failed transaction silently rolls back; `body` must have swallowed an error.
            guard PQtransactionStatus(handle) != PQTRANS_INERROR else {
                throw PostgresError(message: "a statement in the transaction failed; it was rolled back")
            }
            try execute("COMMIT")
            return result
        } catch {
            queued = []
            committed = false  // before the ROLLBACK, which `run` would otherwise refuse
            // The original error is what matters; a failed ROLLBACK (connection gone) has the same cause.
            if isInTransaction { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    private func flushQueued() throws {
        guard !queued.isEmpty else { return }
        let statements = queued
        queued = []
        PQclear(try exchange(statements))
    }

    /// `commit`: the COMMIT follows the statement in the same pipeline (inside `transaction` only).
    private func run(_ sql: String, _ parameters: [(any PostgresEncodable)?], commit: Bool = false) throws -> OpaquePointer {
        guard !committed else { throw PostgresError(message: "the transaction was already committed with its last statement") }
        var statements = queued + [Statement(sql: sql, parameters: parameters)]
        queued = []
        guard commit, isTransactionBody else { return try exchange(statements) }
        statements.append(Statement(sql: "COMMIT"))
        committed = true
        return try exchange(statements, resultOf: statements.count - 2)
    }

    /// Sends `statements` in one pipeline ending in a Sync and returns the result of the one at `resultOf` (default:
    /// the last; the caller clears it). After an error the server skips the rest up to the Sync; the first error is
    /// thrown.
    private func exchange(_ statements: [Statement], resultOf wanted: Int? = nil) throws -> OpaquePointer {
        let wanted = wanted ?? statements.count - 1
        let values = try statements.map { try $0.parameters.map(PostgresError.parameterText) }
        // A pipeline still open means an earlier exchange broke off: its results would be read as these.
        guard PQpipelineStatus(handle) == PQ_PIPELINE_OFF, PQenterPipelineMode(handle) == 1 else { throw connectionError() }
        var preparing: [(name: String, sql: String)] = []
        // Each statement yields one result, and one more before it when it is prepared here.
        var wantedPosition = 0
        for (index, (statement, texts)) in zip(statements, values).enumerated() {
            let count = Int32(texts.count)
            let sent: Bool
            if let name = prepared.name(for: statement.sql) {
                sent = withCStrings(texts) { PQsendQueryPrepared(handle, name, count, $0, nil, nil, 0) } == 1
            } else if let name = prepared.reserve(statement.sql) {
                preparing.append((name, statement.sql))
                if index <= wanted { wantedPosition += 1 }
                sent = PQsendPrepare(handle, name, statement.sql, count, nil) == 1
                    && withCStrings(texts) { PQsendQueryPrepared(handle, name, count, $0, nil, nil, 0) } == 1
            } else {
                // nil types: the server infers them; nil lengths and formats: text; 0: text results.
                sent = withCStrings(texts) { PQsendQueryParams(handle, statement.sql, count, nil, $0, nil, nil, 0) } == 1
            }
            guard sent else {
                preparing.forEach { prepared.release($0.sql) }
                throw connectionError()
            }
        }
        guard PQpipelineSync(handle) == 1 else { throw connectionError() }
        wantedPosition += wanted

        // Results arrive in order, each command's followed by a null, and the Sync's last.
        var firstError: PostgresError?
        var kept: OpaquePointer?
        var position = 0
        var nullsInARow = 0
        while true {
            guard let result = PQgetResult(handle) else {
                nullsInARow += 1
                if nullsInARow > 1, PQstatus(handle) != CONNECTION_OK { break }
                if nullsInARow > 2 { break }
                continue
            }
            nullsInARow = 0
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                break
            }
            defer { position += 1 }
            if position == wantedPosition, [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY].contains(status) {
                kept = result
                continue
            }
            if ![PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_PIPELINE_ABORTED].contains(status),
               firstError == nil {
                firstError = error(from: result)
            }
            PQclear(result)
        }
        let exited = PQexitPipelineMode(handle) == 1
        guard exited, firstError == nil, let kept else {
            if let kept { PQclear(kept) }
            // Names reserved here may or may not exist on the server now; new ones are used next time.
            preparing.forEach { prepared.release($0.sql) }
            // A prepared statement whose plan no longer fits the schema (a migration ran) is prepared afresh next time.
            if firstError?.sqlState == "0A000" { statements.forEach { prepared.release($0.sql) } }
            throw firstError ?? connectionError()
        }
        preparing.forEach { prepared.confirm($0.name, for: $0.sql) }
        return kept
    }

    private func connectionError() -> PostgresError {
        PostgresError(message: errorMessage(handle), isConnectionFailure: PQstatus(handle) != CONNECTION_OK)
    }

    /// The result when the statement succeeded; otherwise clears it and throws.
    private func checked(_ result: OpaquePointer?) throws -> OpaquePointer {
        let status = PQresultStatus(result)
        if let result, [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY].contains(status) { return result }
        defer { PQclear(result) }
        throw error(from: result)
    }

    private func error(from result: OpaquePointer?) -> PostgresError {
        let sqlState = errorField(result, .sqlState)
        return PostgresError(
            message: errorField(result, .primaryMessage) ?? errorMessage(handle),
            sqlState: sqlState,
            isConnectionFailure: PQstatus(handle) != CONNECTION_OK || PostgresError.isConnectionLoss(sqlState: sqlState)
        )
    }
}

/// The statements prepared on one connection, by their SQL text. Only statements that read or write rows are
/// prepared (not BEGIN, SET and the like), and at most `capacity` of them, so texts built per call cannot grow
/// the server's memory without bound; past that, statements run unprepared.
final class PreparedStatements {
    private var names: [String: String] = [:]
    private var reserved: Set<String> = []
    private var counter = 0
    let capacity = 400

    func name(for sql: String) -> String? {
        names[sql]
    }

    /// A new name to prepare `sql` under, or nil when it is not worth preparing or the cache is full.
    func reserve(_ sql: String) -> String? {
        guard names.count + reserved.count < capacity, !reserved.contains(sql), Self.isWorthPreparing(sql) else { return nil }
        reserved.insert(sql)
        counter += 1
        return "fintrak_\(counter)"
    }

    func confirm(_ name: String, for sql: String) {
        reserved.remove(sql)
        names[sql] = name
    }

    func release(_ sql: String) {
        reserved.remove(sql)
        names[sql] = nil
    }

    static func isWorthPreparing(_ sql: String) -> Bool {
        let head = sql.drop { $0.isWhitespace || $0 == "(" }.prefix(7).uppercased()
        return ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE"].contains { head.hasPrefix($0) }
    }
}

@available(*, unavailable, message: "a session belongs to the closure it was handed to")
extension PostgresSession: Sendable {}

/// libpq's PG_DIAG_* codes; they are character-literal macros, which Swift does not import.
private enum ErrorField: UInt8 {
    case sqlState = 0x43  // 'C'
    case primaryMessage = 0x4D  // 'M'
}

private func errorField(_ result: OpaquePointer?, _ field: ErrorField) -> String? {
    PQresultErrorField(result, Int32(field.rawValue)).map { String(cString: $0) }
}

private func errorMessage(_ connection: OpaquePointer) -> String {
    String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Copies `strings` into C strings that live for the duration of `body`; nil stays a null pointer.
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}

/// The URL with its password replaced, for logs and error messages.
func redactingPassword(in url: String) -> String {
    url.replacing(#/(?<head>://[^:@/]*:)[^@/]*@/#) { "\($0.head)***@" }
        .replacing(#/(?<key>password=)[^&\s]*/#) { "\($0.key)***" }
}
