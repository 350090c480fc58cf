import FintrakChildProcess
import FintrakCore
import FintrakPostgres
import FintrakRedis
import FintrakStores
import FintrakTestSupport
import Foundation
import Khata
import KhataStore
import Logging
@testable import QueryGenerator
import Testing

/// The khata against the real PostgreSQL and Redis: entries both ways, balances the database sums, one entry per
/// provider message, numbered choices, undo, merge, the statement PDF, and nothing of one tenant in another's.
@Suite struct KhataIntegrationTests {
    let pool: PostgresPool
    let database: TenantDatabase
    let redis: RedisClient
    let tenantA = ServiceEnvironment.uniqueTenant()
    let tenantB = ServiceEnvironment.uniqueTenant()
    let logger = Logger(label: "test")

    init() async throws {
        try await ServiceEnvironment.migrate()
        pool = PostgresPool(url: try TestEnvironment.serviceDatabaseURL, size: 2, logger: logger)
        database = TenantDatabase(pool: pool)
        redis = RedisClient(url: try TestEnvironment.redisURL, connections: 1, logger: logger)
    }

    var khata: KhataAnswerer {
        KhataAnswerer(database: database, redis: redis, chain: LedgerChain(signingKey: "test-ledger-key"),
                      files: GeneratedFiles(publicBaseURL: "https://intake.test", signingKey: "test-key"),
                      timeZone: TimeZone(identifier: "Asia/Kolkata")!)
    }

    static func message(_ text: String, from tenant: String, id: String = "SM" + UUID().uuidString,
                        lastInvoice: UUID? = nil) -> InboundMessage {
        InboundMessage(correlationID: "c", tenant: tenant, provider: .twilio, providerMessageID: id, text: text,
                       receivedAt: Date(),
                       conversation: lastInvoice.map { ConversationState(lastInvoiceID: $0.uuidString.lowercased()) })
    }

    @discardableResult
    func say(_ text: String, as tenant: String? = nil, id: String = "SM" + UUID().uuidString,
             lastInvoice: UUID? = nil) async throws -> OutboundReply {
        let outcome = try await khata.reply(to: Self.message(text, from: tenant ?? tenantA, id: id, lastInvoice: lastInvoice),
                                            logger: logger)
        guard case .reply(let reply)? = outcome else { throw KhataTestFailure(text: "no khata reply to \(text)") }
        return reply
    }

    struct KhataTestFailure: Error { let text: String }

    @Test func entriesBothWaysAndBalancesFromTheDatabase() async throws {
        #expect(try await say("Ramesh 500 udhaar").body.hasPrefix("New party Ramesh – ₹500"))
        let id = "SM" + UUID().uuidString
        #expect(try await say("Ramesh ne 200 diye", id: id).body.contains("Ramesh owes you ₹300."))
        // A redelivered message changes nothing.
        #expect(try await say("Ramesh ne 200 diye", id: id).body.contains("Ramesh owes you ₹300."))
        try await say("Mahalaxmi Suppliers se 5000 ka maal udhaar liya")
        #expect(try await say("Paid 2000 to Mahalaxmi Suppliers").body.contains("You owe Mahalaxmi Suppliers ₹3,000."))
        #expect(try await say("How much do I owe Mahalaxmi Suppliers?").body == "You owe Mahalaxmi Suppliers ₹3,000.")
        let list = try await say("Who owes me money?").body
        #expect(list.contains("Ramesh ₹300") && !list.contains("Mahalaxmi"))
        #expect(try await say("total udhaar kitna hai?").body.hasPrefix("Total udhaar to collect: ₹300"))
        #expect(try await say("what do I owe in all?").body.hasPrefix("You owe ₹3,000 in all"))
        let entries = try await database.read(tenant: tenantA) { session in try LedgerStore(session: session, tenant: tenantA).chain() }
        #expect(entries.map(\.amount) == [500, -200, -5000, 2000])
        #expect(LedgerChain(signingKey: "test-ledger-key").verify(entries).isIntact)
    }

    @Test func anotherTenantSeesNothing() async throws {
        try await say("Ramesh 500 udhaar")
        #expect(try await say("Ramesh ka hisaab", as: tenantB).body.hasPrefix("There is no Ramesh in your khata"))
        let seen = try await database.read(tenant: tenantB) { session in
            (try session.query("SELECT count(*) AS n FROM ledger_parties")[0].decode("n", as: Int.self),
             try session.query("SELECT count(*) AS n FROM ledger_entries")[0].decode("n", as: Int.self))
        }
        #expect(seen.0 == 0 && seen.1 == 0)
    }

    @Test func anAmbiguousNameGetsANumberedChoice() async throws {
        try await say("Ramesh Kumar 100 udhaar")
        try await say("Ramesh Sharma 200 udhaar")
        let choice = try await say("Ramesh ko 50 udhaar diya").body
        #expect(choice.contains("1. Ramesh Kumar") && choice.contains("2. Ramesh Sharma") && choice.contains("3. New party Ramesh"))
        #expect(try await say("2").body.contains("Ramesh Sharma owes you ₹250."))
    }

    @Test func undoAddsAReversalAndRenameMerges() async throws {
        try await say("Suresh ko 1200 udhaar diya")
        try await say("Suresh ne 400 lauta diye")
        #expect(try await say("undo").body.contains("Suresh owes you ₹1,200."))
        try await say("Mohan Lal 300 udhaar")
        #expect(try await say("Mohan Lal is Suresh").body.contains("Suresh owes you ₹1,500."))
        let entries = try await database.read(tenant: tenantA) { session in try LedgerStore(session: session, tenant: tenantA).chain() }
        #expect(entries.map(\.kind) == ["entry", "entry", "reversal", "entry"])
        #expect(try await say("undo").body.contains("Suresh owes you ₹1,200."))
    }

    @Test func creditLimitWarnsAndCashBookGivesProfit() async throws {
        try await say("limit Mohan 1000")
        #expect(try await say("Mohan 1500 udhaar").body.contains("Over the credit limit of ₹1,000"))
        try await say("aaj 5000 ki bikri")
        try await say("kharcha 300 chai-pani")
        let profit = try await say("profit this month").body
        #expect(profit.contains("Sales ₹5,000") && profit.contains("expenses ₹300") && profit.contains("Profit this month: ₹4,700"))
    }

    @Test func udhaarOnASavedBillIsOwedToItsPayee() async throws {
        let bill = try await database.write(tenant: tenantA) { session in
            try InvoiceStore.insert(InvoiceRecord(payeeName: "Sharma Traders", invoiceDate: CalendarDay(iso: "2026-11-02")!,
                                                  totalAmount: 12000), tenant: tenantA, source: .import, session: session)
        }
        #expect(try await say("udhaar", lastInvoice: bill).body.contains("You owe Sharma Traders ₹12,000."))
        #expect(try await say("udhaar", lastInvoice: bill).body.contains("You owe Sharma Traders ₹12,000."))
        #expect(try await say("udhaar").body == KhataReplies.noBillForCredit)
    }

    @Test func aStatementListsEveryEntryWithRunningBalanceAndCode() async throws {
        try await say("Ramesh 500 udhaar")
        try await say("Ramesh ne 200 diye")
        let reply = try await say("Ramesh ka hisaab")
        #expect(reply.body.contains("Ramesh owes you ₹300."))
        let attachment = try #require(reply.attachments.first)
        #expect(attachment.contentType == "application/pdf")
        let code = try #require(reply.body.split(separator: " ").last.map { String($0.dropLast()) })
        let bytes = try await database.read(tenant: tenantA) { session in
            try session.query("SELECT encode(bytes, 'base64') AS b FROM generated_files WHERE filename = $1 ORDER BY created_at DESC LIMIT 1",
                              [attachment.filename])[0].decode("b", as: String.self)
        }
        let text = try Self.pdfText(try #require(Data(base64Encoded: bytes, options: .ignoreUnknownCharacters)))
        for expected in ["Khata statement – Ramesh", "₹500", "₹200", "₹500 due", "₹300 due", "Ramesh owes you ₹300.", code] {
            #expect(text.contains(expected), "\(expected) in \(text)")
        }
    }

    /// The PDF's text as `pdftotext` reads it.
    static func pdfText(_ pdf: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        try pdf.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        return try ChildProcess("/usr/bin/pdftotext", ["-layout", path.path, "-"]).runOnThisThread().outputText
    }

    @Test func aLineThatOnlyNamesAPartyMentionsItsBalance() async throws {
        try await say("Ramesh 500 udhaar")
        let outcome = try await khata.reply(to: Self.message("Ramesh", from: tenantA), logger: logger)
        guard case .mention(let line)? = outcome else { Issue.record("expected a mention"); return }
        #expect(line == "Khata: Ramesh owes you ₹500.")
    }
}
