import BillScanning
import Conversation
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakPostgres
import FintrakRedis
import FintrakStores
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Logging
import Testing

/// The extractor's handler against the real PostgreSQL and Redis, with bills served by a fake provider.
@Suite("Bills to invoices, edits and undo", .serialized)
final class InvoiceHandlerTests {
    let pool: PostgresPool
    let redis: RedisClient
    let ocr = TesseractOCR(workers: 1)
    let logger = Logger(label: "test")
    let tenant = ServiceEnvironment.uniqueTenant()

    init() throws {
        pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 2, logger: logger)
        redis = RedisClient(url: try TestEnvironment.redisURL, connections: 1, logger: logger)
    }

    deinit {
        pool.close()
        redis.close()
        ocr.close()
    }

    var database: TenantDatabase { TenantDatabase(pool: pool) }

    func handler(_ server: RecordingHTTPServer) throws -> InvoiceHandler {
        InvoiceHandler(
            database: database, redis: redis,
            fetcher: MediaFetcher(
                http: HTTPClient(logger: logger),
                twilio: try FintrakConfiguration.load(service: "test", defaultPort: 0, environment: try ServiceEnvironment.make()).twilio,
                meta: nil, timeout: .seconds(5), maxBytes: 10 * 1024 * 1024,
                destinations: MediaDestinations(environment: ["MEDIA_ALLOWED_HOSTS": "127.0.0.1"])),
            reader: BillReader(ocr: ocr, pdf: PDFReader(), vision: nil),
            timeZone: TimeZone(identifier: "Asia/Kolkata")!)
    }

    func message(_ id: String = UUID().uuidString, media path: String? = nil, server: RecordingHTTPServer? = nil,
                 text: String? = nil, contentType: String? = "application/pdf", lastInvoice: String? = nil) -> InboundMessage {
        let media = path.map { [MediaAttachment(url: server!.baseURL + $0, contentType: contentType, caption: "Stock")] } ?? []
        return InboundMessage(correlationID: UUID().uuidString, tenant: tenant, provider: .twilio, providerMessageID: "SM" + id,
                              text: text, media: media, receivedAt: Date(),
                              conversation: ConversationState(lastInvoiceID: lastInvoice))
    }

    /// Serves each path's bytes.
    func serve(_ files: [String: Data], on server: RecordingHTTPServer) {
        server.setHandler { request in
            guard let data = files[request.path] else { return .text("not found", status: 404) }
            return StubResponse(body: data)
        }
    }

    func count(_ sql: String) async throws -> Int {
        try await database.read(tenant: tenant) { try $0.query(sql)[0].decode("n", as: Int.self) }
    }

    func reply(_ handler: InvoiceHandler, _ message: InboundMessage) async throws -> String {
        let replies = try await handler.handle(message, logger: logger)
        #expect(replies.count == 1)
        return replies.first?.body ?? ""
    }

    @Test func aBillIsSavedConfirmedAndRememberedForEdits() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            let pdf = TestBills.pdf(lines: TestBills.sharmaTraders)
            serve(["/bill.pdf": pdf], on: server)
            let text = try await reply(try handler(server), message(media: "/bill.pdf", server: server))
            #expect(text.contains("Saved"))
            #expect(text.contains("Sharma Traders – ₹1,530.00 (tax ₹233.40), 05 Mar 2026"))

            let invoices = try await database.read(tenant: tenant) { try InvoiceStore.all(session: $0) }
            #expect(invoices.count == 1)
            let record = try #require(invoices.first?.record)
            #expect(record.totalAmount == 1530)
            #expect(record.category == "Stock")
            #expect(record.gstin == "27AAPFU0939F1ZV")
            #expect(record.paymentMethod == .upi)
            #expect(try await count("SELECT count(*) AS n FROM media_objects WHERE sha256 = '\(MediaFile(data: pdf, kind: .pdf).sha256)'") == 1)

            let state = try #require(try await redis.get(ConversationStateKey.key(tenant: tenant)))
            let conversation = try EnvelopeCoding.decode(ConversationState.self, from: Data(state.utf8))
            #expect(conversation.lastInvoiceID == invoices.first?.id.uuidString.lowercased())
        }
    }

    @Test func aRedeliveredMessageDoesNotSaveTwice() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/bill.pdf": TestBills.pdf(lines: TestBills.sharmaTraders)], on: server)
            let handler = try handler(server)
            let original = message(media: "/bill.pdf", server: server)
            let first = try await reply(handler, original)
            let again = try await reply(handler, original)
            #expect(first == again)
            #expect(try await count("SELECT count(*) AS n FROM invoices") == 1)
            // The redelivery answers from the database, without downloading again.
            #expect(server.requests.count == 1)
        }
    }

    @Test func theSameFileOrTheSameBillIsNotSavedTwice() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/bill.pdf": TestBills.pdf(lines: TestBills.sharmaTraders),
                   "/photo-of-same-bill.pdf": TestBills.pdf(lines: TestBills.sharmaTraders + ["Thank you, visit again"])],
                  on: server)
            let handler = try handler(server)
            _ = try await reply(handler, message(media: "/bill.pdf", server: server))
            let sameFile = try await reply(handler, message(media: "/bill.pdf", server: server))
            #expect(sameFile.contains("already saved"))
            let sameBill = try await reply(handler, message(media: "/photo-of-same-bill.pdf", server: server))
            #expect(sameBill.contains("already saved"))
            #expect(try await count("SELECT count(*) AS n FROM invoices") == 1)
            #expect(try await count("SELECT count(*) AS n FROM media_objects") == 1)
        }
    }

    @Test func somethingThatIsNotABillStoresNothing() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/scan.pdf": TestBills.textlessPDF()], on: server)
            let text = try await reply(try handler(server), message(media: "/scan.pdf", server: server))
            #expect(text == InvoiceReplies.notABill)
            #expect(try await count("SELECT count(*) AS n FROM invoices") == 0)
            #expect(try await count("SELECT count(*) AS n FROM media_objects") == 0)
        }
    }

    @Test func aBillWithoutAnAmountToPaySaysWhoItIsFromAndStoresNothing() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            let noTotal = TestBills.pdf(lines: Array(TestBills.sharmaTraders.prefix(5)))
            serve(["/bill.pdf": noTotal], on: server)
            let text = try await reply(try handler(server), message(media: "/bill.pdf", server: server))
            #expect(text == InvoiceReplies.noAmountToPay(payee: "Sharma Traders"))
            #expect(try await count("SELECT count(*) AS n FROM invoices") == 0)
        }
    }

    @Test func mediaThatCannotBeUsedGetsAFriendlyAnswerOrARetry() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/broken.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 7, count: 64))], on: server)
            let handler = try handler(server)
            #expect(try await reply(handler, message(media: "/voice", server: server, contentType: "audio/ogg")) == InvoiceReplies.sendPhotoOrPDF)
            #expect(try await reply(handler, message(media: "/broken.jpg", server: server, contentType: "image/jpeg")) == InvoiceReplies.unreadableFile)
            #expect(try await reply(handler, message(media: "/expired", server: server)) == InvoiceReplies.mediaGone)
            server.setHandler { _ in .text("busy", status: 503) }
            // A provider outage is thrown, so the queue redelivers the message and it is tried again.
            await #expect(throws: MediaFailure.self) { _ = try await handler.handle(self.message(media: "/bill", server: server), logger: self.logger) }
        }
    }

    @Test func editsAndUndoAreKeptAsHistory() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            serve(["/bill.pdf": TestBills.pdf(lines: TestBills.sharmaTraders)], on: server)
            let handler = try handler(server)
            _ = try await reply(handler, message(media: "/bill.pdf", server: server))
            let id = try #require(try await database.read(tenant: tenant) { try InvoiceStore.all(session: $0) }.first?.id)
            let last = id.uuidString.lowercased()
            func total() async throws -> Decimal? {
                try await database.read(tenant: tenant) { try InvoiceStore.all(session: $0) }.first?.record.totalAmount
            }

            let edit = message(text: "edit total 1350", lastInvoice: last)
            #expect(try await reply(handler, edit).contains("Updated the total: ₹1,350.00 (was ₹1,530.00)"))
            #expect(try await total() == 1350)
            // Redelivered: answered again, applied once.
            #expect(try await reply(handler, edit).contains("₹1,350.00"))
            #expect(try await reply(handler, message(text: "edit payee Sharma Trading Co", lastInvoice: last)).contains("Sharma Trading Co"))

            #expect(try await reply(handler, message(text: "undo", lastInvoice: last)).contains("payee is back to Sharma Traders"))
            #expect(try await reply(handler, message(text: "undo", lastInvoice: last)).contains("total is back to ₹1,530.00"))
            #expect(try await total() == 1530)
            #expect(try await reply(handler, message(text: "undo", lastInvoice: last)).contains("Taken back"))
            #expect(try await total() == nil)
            #expect(try await reply(handler, message(text: "undo", lastInvoice: last)) == InvoiceReplies.alreadyRemoved)
            #expect(try await reply(handler, message(text: "edit total 5", lastInvoice: last)) == InvoiceReplies.alreadyRemoved)

            let history = try await database.read(tenant: tenant) { session in
                try session.query("SELECT kind, coalesce(field, '') AS field FROM invoice_events ORDER BY id").map {
                    "\(try $0.decode("kind", as: String.self)) \(try $0.decode("field", as: String.self))"
                }
            }
            #expect(history == ["created ", "edited total_amount", "edited payee_name", "undone payee_name",
                                "undone total_amount", "undone "])
            // Nothing was deleted: the invoice is still there, marked undone.
            #expect(try await count("SELECT count(*) AS n FROM invoices WHERE status = 'undone'") == 1)
        }
    }

    @Test func editsNeedARecentBill() async throws {
        try await ServiceEnvironment.migrate()
        try await RecordingHTTPServer.run { server in
            let handler = try handler(server)
            #expect(try await reply(handler, message(text: "edit total 10")) == InvoiceReplies.nothingToEdit)
            #expect(try await reply(handler, message(text: "edit total 10", lastInvoice: UUID().uuidString)) == InvoiceReplies.nothingToEdit)
            #expect(try await reply(handler, message(text: "edit colour red", lastInvoice: UUID().uuidString)).contains("edit total"))
        }
    }
}
