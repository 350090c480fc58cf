import ArgumentParser
import FintrakConfiguration
import FintrakStores
import Foundation
import Khata
import KhataStore

/// `fintrak verify-ledger`: recomputes a tenant's khata hash chain with `LEDGER_SIGNING_KEY`, prints the first
/// broken entry, and fails on a break or when a statement's verification code no longer matches the chain.
struct VerifyLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-ledger",
        abstract: "Check a tenant's khata for edited or deleted entries; exits non-zero on any break.")

    @OptionGroup var tenant: TenantOption
    @Option(help: "A statement's verification code (e.g. 12-3FA91C2B): the chain must still hold that entry unchanged.")
    var code: String?

    func run() async throws {
        let tenant = try tenant.e164()
        var statementCode: VerificationCode?
        if let code {
            guard let parsed = VerificationCode(code) else {
                throw ValidationError("--code \(code) is not a verification code like 12-3FA91C2B")
            }
            statementCode = parsed
        }
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        let key = LedgerSigningKey(reading: &environment.reader, databaseURL: environment.reader.optional("DATABASE_URL") ?? "")
        try environment.reader.check()
        if key.derived { printError("warning: \(LedgerSigningKey.warning)") }
        let finding = try await Self.check(tenant: tenant, code: statementCode, database: TenantDatabase(pool: pool),
                                           chain: LedgerChain(signingKey: key.secret))
        print("\(tenant): \(finding)")
        if !finding.isIntact { throw ExitCode.failure }
    }

    /// What the tenant's chain comes to, read inside its own tenant transaction.
    static func check(tenant: String, code: VerificationCode?, database: TenantDatabase,
                      chain: LedgerChain) async throws -> LedgerChain.Finding {
        let entries = try await database.read(tenant: tenant) { session in
            try LedgerStore(session: session, tenant: tenant).chain()
        }
        return chain.verify(entries, code: code)
    }
}
