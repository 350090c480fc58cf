import ArgumentParser

/// `fintrak`: the operator's tool (CONTRACT.md). Results go to stdout, logs and errors to stderr.
@main
struct FintrakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fintrak",
        abstract: "Operate Fintrak: migrate the database, import and export invoices, replay dead letters, chat locally.",
        subcommands: [Migrate.self, ImportInvoices.self, ExportInvoices.self, DeadLetters.self, Chat.self, VerifyLedger.self]
    )
}
