import FintrakConfiguration
import FintrakPostgres
import FintrakStores
import FintrakTestSupport
@testable import FintrakCLI
import Foundation
import Khata
import KhataStore
import Logging
import Testing

/// `fintrak verify-ledger` against entries changed behind the application's back, as a database administrator could.
@Suite struct VerifyLedgerTests {
    let tenant = ServiceEnvironment.uniqueTenant()
    let logger = Logger(label: "test")

    /// Three entries written the way query-generator writes them, with the key the command derives (no
    /// LEDGER_SIGNING_KEY in tests); returns the verification code a statement would print.
    func threeEntries() async throws -> VerificationCode {
        try await ServiceEnvironment.migrate()
        var env = EnvironmentReader()
        let databaseURL = try TestEnvironment.serviceDatabaseURL
        let chain = LedgerChain(signingKey: LedgerSigningKey(reading: &env, databaseURL: databaseURL).secret)
        let pool = PostgresPool(url: databaseURL, size: 1, logger: logger)
        defer { pool.close() }
        return try await TenantDatabase(pool: pool).write(tenant: tenant) { [tenant] session in
            let store = LedgerStore(session: session, tenant: tenant)
            let party = try store.createParty(named: "Ramesh")
            for amount: Decimal in [500, -200, 300] {
                try store.append(partyID: party.id, amount: amount, note: nil, messageID: nil, chain: chain)
            }
            return try #require(try store.headCode())
        }
    }

    /// Runs SQL as the schema's owner, outside the application and its row-level security.
    func tamper(_ sql: String) async throws {
        let owner = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: logger)
        defer { owner.close() }
        _ = try await owner.transaction(TransactionOptions(settings: [(name: "app.cross_tenant", value: "on")])) { [tenant] session in
            try session.execute(sql, [tenant])
        }
    }

    /// Whether `fintrak verify-ledger --tenant … [--code …]` finds the chain intact (it exits non-zero otherwise).
    func verify(_ arguments: [String] = []) async throws -> Bool {
        let command = try VerifyLedger.parse(["--tenant", tenant] + arguments)
        let databaseURL = try TestEnvironment.serviceDatabaseURL
        var env = EnvironmentReader()
        let pool = PostgresPool(url: databaseURL, size: 1, logger: logger)
        defer { pool.close() }
        let finding = try await VerifyLedger.check(
            tenant: try command.tenant.e164(), code: command.code.flatMap(VerificationCode.init),
            database: TenantDatabase(pool: pool),
            chain: LedgerChain(signingKey: LedgerSigningKey(reading: &env, databaseURL: databaseURL).secret))
        return finding.isIntact
    }

    @Test func anIntactLedgerVerifiesWithItsCode() async throws {
        let code = try await threeEntries()
        #expect(try await verify(["--code", code.description]))
    }

    @Test func anEditedEntryFailsVerification() async throws {
        _ = try await threeEntries()
        try await tamper("UPDATE ledger_entries SET amount = -20 WHERE tenant = $1 AND sequence = 2")
        #expect(try await verify() == false)
    }

    @Test func deletingTheNewestEntryFailsAgainstAStatementsCode() async throws {
        let code = try await threeEntries()
        try await tamper("DELETE FROM ledger_entries WHERE tenant = $1 AND sequence = 3")
        #expect(try await verify(["--code", code.description]) == false)
    }
}
