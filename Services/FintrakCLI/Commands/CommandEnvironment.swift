import ArgumentParser
import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import Foundation
import Logging

/// What a command needs from the environment, read the same way the services read it.
struct CommandEnvironment {
    let logger: Logger
    var reader = EnvironmentReader()

    init() {
        // Logs go to stderr as text: stdout carries the command's output only.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        logger = Logger(label: "fintrak")
    }

    /// DATABASE_URL: the services' login (`fintrak_service`), for commands that work within one tenant.
    mutating func postgres() throws -> PostgresPool {
        let url = reader.url("DATABASE_URL", schemes: ["postgres", "postgresql"],
                             example: "postgres://user:pass@127.0.0.1:5432/fintrak")
        try reader.check()
        return PostgresPool(url: url, size: 1, applicationName: "fintrak-cli", logger: logger)
    }

    /// MIGRATION_DATABASE_URL (default DATABASE_URL): the schema's owner, for migrating and for the operator's
    /// commands that span tenants (those run in `crossTenant` transactions, the only ones row-level security
    /// opens to the owner).
    mutating func ownerPostgres() throws -> PostgresPool {
        guard reader.optional("MIGRATION_DATABASE_URL") != nil else { return try postgres() }
        let url = reader.url("MIGRATION_DATABASE_URL", schemes: ["postgres", "postgresql"],
                             example: "postgres://owner:pass@127.0.0.1:5432/fintrak")
        try reader.check()
        return PostgresPool(url: url, size: 1, applicationName: "fintrak-cli", logger: logger)
    }

    /// A transaction in which the owner sees every tenant's rows (schema.sql's `cross_tenant_maintenance` policy).
    static let crossTenant = TransactionOptions(settings: [(name: "app.cross_tenant", value: "on")])
}

/// `--tenant` in any spelling a provider uses, stored as E.164.
struct TenantOption: ParsableArguments {
    @Option(help: "The tenant's phone number in E.164, e.g. +919812345678.")
    var tenant: String

    func e164() throws -> String {
        guard let number = PhoneNumber.e164(tenant) else {
            throw ValidationError("--tenant \(tenant) is not a phone number; use E.164 like +919812345678")
        }
        return number
    }
}

/// Text on stderr, for errors a person reads.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
