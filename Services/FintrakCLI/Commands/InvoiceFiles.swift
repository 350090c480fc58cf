import ArgumentParser
import FintrakCore
import FintrakStores
import Foundation

struct ImportInvoices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-invoices",
        abstract: "Add invoice records from a JSON-lines file; any bad line stops the whole file.")

    @OptionGroup var tenant: TenantOption
    @Argument(help: "A .jsonl file: one invoice record (CONTRACT.md fields) a line.")
    var file: String

    func run() async throws {
        let tenant = try tenant.e164()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let (records, problems) = Self.parse(String(decoding: data, as: UTF8.self))
        guard problems.isEmpty else {
            problems.forEach(printError)
            printError("nothing imported: \(problems.count) bad line(s) in \(file)")
            throw ExitCode.failure
        }
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        try await TenantDatabase(pool: pool).write(tenant: tenant) { session in
            for record in records { try InvoiceStore.insert(record, tenant: tenant, source: .import, session: session) }
        }
        // Fresh statistics, so the planner does not treat a table that just grew a lot as small (only the owner may).
        let owner = try environment.ownerPostgres()
        defer { owner.close() }
        try await owner.execute("ANALYZE invoices")
        print("imported \(records.count) invoice(s) for \(tenant)")
    }

    /// Every line checked before anything is stored; problems carry their line numbers.
    static func parse(_ text: String) -> (records: [InvoiceRecord], problems: [String]) {
        var records: [InvoiceRecord] = []
        var problems: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            do {
                records.append(try EnvelopeCoding.decode(InvoiceRecord.self, from: Data(trimmed.utf8)))
            } catch {
                problems.append("line \(index + 1): \(describe(error))")
            }
        }
        return (records, problems)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \(key.stringValue)"
        case DecodingError.valueNotFound(_, let context), DecodingError.typeMismatch(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            (context.codingPath.isEmpty ? "" : "\(context.codingPath.map(\.stringValue).joined(separator: ".")): ")
                + (context.underlyingError == nil ? context.debugDescription : "not valid JSON")
        default: "\(error)"
        }
    }
}

struct ExportInvoices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-invoices",
        abstract: "Write a tenant's invoices to stdout as JSON lines or CSV.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @OptionGroup var tenant: TenantOption
    @Option(help: "jsonl or csv.") var format: Format = .jsonl

    func run() async throws {
        let tenant = try tenant.e164()
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        let invoices = try await TenantDatabase(pool: pool).read(tenant: tenant) { session in
            try InvoiceStore.all(session: session)
        }
        var output = format == .csv ? InvoiceExport.csvHeader + "\n" : ""
        for invoice in invoices {
            output += (format == .csv ? InvoiceExport.csvLine(invoice) : try InvoiceExport.jsonLine(invoice)) + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
