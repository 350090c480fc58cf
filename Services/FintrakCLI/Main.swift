import ArgumentParser

/// `fintrak`: the operator's tool (CONTRACT.md). Results go to stdout, logs and errors to stderr.
@main
struct FintrakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fintrak",
        abstract: "Operate Fintrak: migrate the database, import and export invoices, replay dead letters, verify a ledger, trace a message, see the queues, chat locally.",
        subcommands: [Migrate.self, ImportInvoices.self, ExportInvoices.self, DeadLetters.self, VerifyLedger.self,
                      Trace.self, QueueStatus.self, SendWebhook.self, Logs.self, Chat.self, RemindersCommand.self]
    )
}
