import FintrakPostgres
import FintrakTestSupport
import Foundation
import Logging
import Testing

/// Against the real server from `scripts/dev-servers.sh`. Serialized because the reconnect tests stop the server.
@Suite(.serialized) struct PostgresIntegrationTests {
    let logger = Logger(label: "fintrak.tests.postgres")

    func makeConnection() throws -> PostgresConnection {
        PostgresConnection(url: try TestEnvironment.databaseURL, applicationName: "fintrak-tests", logger: logger)
    }

    func makePool(size: Int = 4) throws -> PostgresPool {
        PostgresPool(url: try TestEnvironment.databaseURL, size: size, applicationName: "fintrak-tests", logger: logger)
    }

    /// A fresh table name; hyphens would need quoting.
    func uniqueTable(_ prefix: String) -> String {
        TestEnvironment.uniqueName(prefix).replacingOccurrences(of: "-", with: "_")
    }

    struct Planned: Error {}

    @Test func hostileAndUnicodeStringsRoundTripAsData() async throws {
        let db = try makePool()
        defer { db.close() }
        let table = uniqueTable("students")
        try await db.execute("CREATE TABLE \(table) (id serial PRIMARY KEY, name text NOT NULL)")
        for name in ["Robert'); DROP TABLE students;--", "₹ नमस्ते", "Robert'); DROP TABLE \(table);--", "$1 \\ \" ' 😀"] {
            let inserted = try await db.query("INSERT INTO \(table) (name) VALUES ($1) RETURNING id", [name])
            let id: Int = try #require(inserted.first).decode("id")
            let rows = try await db.query("SELECT name FROM \(table) WHERE id = $1", [id])
            #expect(try rows.map { try $0.decode("name", as: String.self) } == [name])
        }
        let exists = try await db.query("SELECT to_regclass($1) IS NOT NULL AS present", [table])
        #expect(try exists[0].decode("present", as: Bool.self))
        #expect(try await db.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self) == 4)
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func nullsTravelBothWays() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("nulls")
        try await db.execute("CREATE TABLE \(table) (id int PRIMARY KEY, note text, amount numeric(14,2))")
        let missingNote: String? = nil
        try await db.execute("INSERT INTO \(table) VALUES ($1, $2, $3)", [1, missingNote, nil])
        try await db.execute("INSERT INTO \(table) VALUES ($1, $2, $3)", [2, "paid", Decimal(5)])
        let rows = try await db.query("SELECT id, note, amount FROM \(table) ORDER BY id")
        #expect(rows[0].isNull("note") && rows[0].isNull("amount"))
        #expect(try rows[0].decode("note", as: String?.self) == nil)
        #expect(try rows[0].decode("amount", as: Decimal?.self) == nil)
        #expect(throws: PostgresError.self) { try rows[0].decode("note", as: String.self) }
        #expect(try rows[1].decode("note", as: String?.self) == "paid")
        let matched = try await db.query("SELECT id FROM \(table) WHERE note IS NOT DISTINCT FROM $1", [missingNote])
        #expect(try matched.map { try $0.decode("id", as: Int.self) } == [1])
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func decimalsKeepEveryDigit() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("amounts")
        try await db.execute("CREATE TABLE \(table) (id serial PRIMARY KEY, amount numeric(14,2) NOT NULL)")
        let amounts = ["123456.50", "0.10", "0.20", "-99999999.99", "999999999999.99"].map { Decimal(string: $0)! }
        for amount in amounts {
            try await db.execute("INSERT INTO \(table) (amount) VALUES ($1)", [amount])
        }
        let rows = try await db.query("SELECT amount FROM \(table) ORDER BY id")
        #expect(try rows.map { try $0.decode("amount", as: Decimal.self) } == amounts)
        #expect(rows[0]["amount"] == "123456.50")
        let sum = try await db.query("SELECT sum(amount) AS total FROM \(table) WHERE amount < 1 AND amount > 0")
        #expect(try sum[0].decode("total", as: Decimal.self) == Decimal(string: "0.30"))
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func datesRoundTripInAnySessionTimeZone() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("stamps")
        try await db.execute("CREATE TABLE \(table) (id int PRIMARY KEY, at timestamptz NOT NULL, day date)")
        let moment = Date(timeIntervalSince1970: 1_795_256_130.123456)  // 2026-11-21 10:15:30.123456 UTC
        try await db.execute("INSERT INTO \(table) VALUES ($1, $2, $3)", [1, moment, "2026-11-21"])
        let same = try await db.query("SELECT at = '2026-11-21 10:15:30.123456+00' AS same FROM \(table)")
        #expect(try same[0].decode("same", as: Bool.self))
        for zone in ["UTC", "Asia/Kolkata", "America/St_Johns"] {
            let rows = try await db.transaction(TransactionOptions(settings: [(name: "TimeZone", value: zone)])) {
                try $0.query("SELECT at, day FROM \(table)")
            }
            let decoded: Date = try rows[0].decode("at")
            #expect(abs(decoded.timeIntervalSince(moment)) < 0.000_001, "in \(zone): \(rows[0]["at"] ?? "NULL")")
            #expect(rows[0]["day"] == "2026-11-21")
        }
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func uniqueViolationsAreRecognisable() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("messages")
        try await db.execute("CREATE TABLE \(table) (message_id text PRIMARY KEY)")
        try await db.execute("INSERT INTO \(table) VALUES ($1)", ["wamid.1"])
        let error = await #expect(throws: PostgresError.self) {
            try await db.execute("INSERT INTO \(table) VALUES ($1)", ["wamid.1"])
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.sqlState == "23505")
        #expect(error?.isConnectionFailure == false)
        // The failure left the connection usable.
        #expect(try await db.execute("INSERT INTO \(table) VALUES ($1)", ["wamid.2"]) == 1)
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func transactionsCommitOrRollBackAsAWhole() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("ledger")
        try await db.execute("CREATE TABLE \(table) (party text PRIMARY KEY, balance numeric(14,2) NOT NULL)")
        await #expect(throws: Planned.self) {
            try await db.transaction { session in
                try session.execute("INSERT INTO \(table) VALUES ($1, $2)", ["Ramesh", Decimal(500)])
                throw Planned()
            }
        }
        #expect(try await db.query("SELECT party FROM \(table)").isEmpty)

        // An error the body swallowed still fails the transaction instead of a silent rollback at COMMIT.
        await #expect(throws: PostgresError.self) {
            try await db.transaction { session in
                try session.execute("INSERT INTO \(table) VALUES ($1, $2)", ["Ramesh", Decimal(500)])
                _ = try? session.execute("INSERT INTO \(table) VALUES ($1, $2)", ["Ramesh", Decimal(1)])
            }
        }
        #expect(try await db.query("SELECT party FROM \(table)").isEmpty)

        let updated = try await db.transaction { session in
            try session.execute("INSERT INTO \(table) VALUES ($1, $2), ($3, $4)", ["Ramesh", Decimal(500), "Suresh", Decimal(0)])
            return try session.execute("UPDATE \(table) SET balance = balance - $1", [Decimal(200)])
        }
        #expect(updated == 2)
        let balances = try await db.query("SELECT balance FROM \(table) ORDER BY party")
        #expect(try balances.map { try $0.decode("balance", as: Decimal.self) } == [Decimal(300), Decimal(-200)])
        try await db.execute("DROP TABLE \(table)")
    }


    @Test func theLastStatementCarriesTheCommit() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("intents")
        try await db.execute("CREATE TABLE \(table) (id text PRIMARY KEY, n int NOT NULL)")
        // Queued statements, a statement prepared on the spot and the COMMIT share one exchange; the rows returned
        // are the statement's, not the COMMIT's or the queued ones'.
        let returned = try await db.transaction(.init(settings: [(name: "app.note", value: "x")])) { session in
            session.enqueue("INSERT INTO \(table) VALUES ($1, $2)", ["a", 1])
            return try session.queryThenCommit("INSERT INTO \(table) VALUES ($1, $2) RETURNING n, current_setting('app.note') AS note",
                                               ["b", 2])
        }
        #expect(try returned.map { try $0.decode("n", as: Int.self) } == [2] && returned.first?["note"] == "x")
        let updated = try await db.transaction { session in
            try session.executeThenCommit("UPDATE \(table) SET n = n + 10 WHERE id = ANY($1::text[])", ["{a,b}"])
        }
        #expect(updated == 2)
        #expect(try await db.query("SELECT sum(n) AS total FROM \(table)")[0].decode("total", as: Int.self) == 23)

        // A failing last statement rolls back the whole transaction; the connection goes on working.
        await #expect(throws: PostgresError.self) {
            try await db.transaction { session in
                try session.execute("DELETE FROM \(table)")
                try session.executeThenCommit("INSERT INTO \(table) VALUES ($1, $2)", ["c", nil])
            }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self) == 2)

        // Nothing runs in a transaction after its COMMIT.
        await #expect(throws: PostgresError.self) {
            try await db.transaction { session in
                try session.executeThenCommit("DELETE FROM \(table) WHERE id = $1", ["a"])
                try session.execute("DELETE FROM \(table)")
            }
        }
        #expect(try await db.query("SELECT id FROM \(table)").map { try $0.decode("id", as: String.self) } == ["b"])
        try await db.execute("DROP TABLE \(table)")
    }
    @Test func readOnlyTransactionsRejectWrites() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("readonly")
        try await db.execute("CREATE TABLE \(table) (id int)")
        let error = await #expect(throws: PostgresError.self) {
            try await db.transaction(TransactionOptions(readOnly: true)) { session in
                try session.execute("INSERT INTO \(table) VALUES (1)")
            }
        }
        #expect(error?.sqlState == "25006")
        let count = try await db.transaction(TransactionOptions(readOnly: true)) { session in
            try session.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self)
        }
        #expect(count == 0)
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func transactionSettingsEndWithTheTransaction() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let tenant = "+919812345678'; RESET ALL; --"
        let inside = try await db.transaction(TransactionOptions(settings: [(name: "app.tenant_id", value: tenant)])) {
            try $0.query("SELECT current_setting('app.tenant_id') AS tenant")[0].decode("tenant", as: String.self)
        }
        #expect(inside == tenant)
        // Same connection, next call: the setting is gone (an empty string once the name is known to the session).
        let after = try await db.query("SELECT current_setting('app.tenant_id', true) AS tenant")
        #expect(after[0]["tenant"] ?? "" == "")
    }

    @Test func statementTimeoutCancelsSlowStatements() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await db.transaction(TransactionOptions(statementTimeout: .milliseconds(50))) { session in
                try session.execute("SELECT pg_sleep(5)")
            }
        }
        #expect(error?.sqlState == "57014")
        #expect(try await db.query("SELECT current_setting('statement_timeout') AS t")[0]["t"] == "0")
    }

    @Test func roleAppliesOnlyInsideTheTransaction() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let role = uniqueTable("tenant_role")
        let table = uniqueTable("private")
        try await db.execute("CREATE ROLE \(role) NOLOGIN")
        try await db.execute("CREATE TABLE \(table) (id int)")
        let user = try await db.transaction(TransactionOptions(role: role)) {
            try $0.query("SELECT current_user AS who")[0].decode("who", as: String.self)
        }
        #expect(user == role)
        let error = await #expect(throws: PostgresError.self) {
            try await db.transaction(TransactionOptions(role: role)) { try $0.query("SELECT * FROM \(table)") }
        }
        #expect(error?.sqlState == "42501")
        #expect(try await db.query("SELECT current_user AS who")[0]["who"] != role)
        try await db.execute("DROP TABLE \(table)")
        try await db.execute("DROP ROLE \(role)")
    }

    @Test func scriptsRunSeveralStatementsAtomically() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("script")
        let script = """
            CREATE TABLE IF NOT EXISTS \(table) (id int PRIMARY KEY, name text);
            CREATE TABLE IF NOT EXISTS \(table) (id int PRIMARY KEY, name text);  -- a NOTICE, not an error
            INSERT INTO \(table) VALUES (1, 'one');
            INSERT INTO \(table) VALUES (2, 'two');
            """
        try await db.withSession { try $0.executeScript(script) }
        #expect(try await db.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self) == 2)
        // A failing statement undoes the whole script.
        await #expect(throws: PostgresError.self) {
            try await db.withSession {
                try $0.executeScript("INSERT INTO \(table) VALUES (3, 'three'); INSERT INTO \(table) VALUES (1, 'again');")
            }
        }
        #expect(try await db.query("SELECT count(*) AS n FROM \(table)")[0].decode("n", as: Int.self) == 2)
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func aSessionCannotLeaveATransactionOpen() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let table = uniqueTable("leftopen")
        try await db.execute("CREATE TABLE \(table) (id int)")
        await #expect(throws: PostgresError.self) {
            try await db.withSession { session in
                try session.execute("BEGIN")
                try session.execute("INSERT INTO \(table) VALUES (1)")
            }
        }
        // SAVEPOINT fails outside a transaction block: the connection is back to idle.
        let error = await #expect(throws: PostgresError.self) { try await db.execute("SAVEPOINT probe") }
        #expect(error?.sqlState == "25P01")
        #expect(try await db.query("SELECT id FROM \(table)").isEmpty)
        try await db.execute("DROP TABLE \(table)")
    }

    @Test func closedConnectionsRefuseWork() async throws {
        let db = try makeConnection()
        try await db.ping()
        db.close()
        let error = await #expect(throws: PostgresError.self) { try await db.ping() }
        #expect(error?.isConnectionFailure == false)
    }

    @Test func aDroppedStatementFailsAndTheConnectionRecovers() async throws {
        let db = try makeConnection()
        defer { db.close() }
        let error = await #expect(throws: PostgresError.self) {
            try await db.transaction { session in
                try session.execute("SELECT pg_terminate_backend(pg_backend_pid())")
            }
        }
        #expect(error?.isConnectionFailure == true)
        try await db.ping()
    }

    @Test func connectionsSurviveAServerOutage() async throws {
        let db = try makeConnection()
        let idle = try makeConnection()
        let pool = try makePool(size: 2)
        defer {
            db.close()
            idle.close()
            pool.close()
        }
        try await db.ping()
        try await idle.ping()
        try await pool.ping()

        try runDevServers("pause", "postgres")
        let outage: (any Error)?
        do {
            try await db.ping()
            outage = nil
        } catch {
            outage = error
        }
        try runDevServers("resume", "postgres")

        let error = try #require(outage as? PostgresError, "a query during the outage must fail")
        #expect(error.isConnectionFailure)
        #expect(try await eventually { (try? await db.ping()) != nil })
        // A connection that sat idle through the restart notices before sending and reconnects: no failed call.
        try await idle.ping()
        #expect(try await pool.query("SELECT 1 AS one").count == 1)
    }

    @Test func aSmallPoolServesManyConcurrentCalls() async throws {
        let db = try makePool(size: 4)
        defer { db.close() }
        let results = try await withThrowingTaskGroup(of: (Int, Int, Int).self) { group in
            for index in 0..<50 {
                group.addTask {
                    // pg_sleep keeps calls overlapping, so the pool must spread them.
                    let rows = try await db.query("SELECT $1::int AS n, pg_backend_pid() AS pid, pg_sleep(0.02)", [index])
                    return (index, try rows[0].decode("n"), try rows[0].decode("pid"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 50)
        #expect(results.allSatisfy { $0.0 == $0.1 })
        #expect(Set(results.map(\.2)).count == 4)
    }
}
