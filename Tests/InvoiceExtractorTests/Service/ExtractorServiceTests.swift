import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Logging
import Synchronization
import Testing

/// The whole service on a queue of its own: a bill message delivered twice (as the broker redelivers after a lost
/// ack) is answered twice with the same reply id, and saved once.
@Suite("invoice-extractor on its queue")
struct ExtractorServiceTests {
    @Test func aRedeliveredBillIsAnsweredAgainAndSavedOnce() async throws {
        try await ServiceEnvironment.migrate()
        let logger = Logger(label: "test")
        try await RecordingHTTPServer.run { server in
            let pdf = TestBills.pdf(lines: TestBills.sharmaTraders)
            server.setHandler { _ in StubResponse(body: pdf) }
            let configuration = try FintrakConfiguration.load(service: ExtractorService.name, defaultPort: 0,
                                                              environment: try ServiceEnvironment.make())
            let queues = configuration.queues
            let tenant = ServiceEnvironment.uniqueTenant()
            let message = InboundMessage(
                correlationID: UUID().uuidString, tenant: tenant, provider: .twilio, providerMessageID: "SM" + UUID().uuidString,
                media: [MediaAttachment(url: server.baseURL + "/bill.pdf", contentType: "application/pdf")], receivedAt: Date())

            let replies = Replies()
            let collector = AMQPConsumer(url: configuration.amqpURL, queue: queues.replies, topology: queues.topology, logger: logger)
            let publisher = AMQPPublisher(url: configuration.amqpURL, topology: queues.topology, logger: logger)
            let service = ExtractorService(configuration: configuration, settings: try ExtractorSettings.load(configuration))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                group.addTask {
                    try await collector.run { delivery in
                        if let reply = try? EnvelopeCoding.decode(OutboundReply.self, from: delivery.body) { replies.append(reply) }
                        return .ack
                    }
                }
                try await publisher.publish(queues.inbound(message, to: queues.invoices))
                #expect(try await eventually { replies.all.count == 1 })
                try await publisher.publish(queues.inbound(message, to: queues.invoices))
                #expect(try await eventually { replies.all.count == 2 })
                group.cancelAll()
            }
            await publisher.close()

            let answered = replies.all
            #expect(answered.map(\.replyID) == Array(repeating: answered[0].replyID, count: 2))
            #expect(answered[0].body == answered[1].body)
            #expect(answered[0].body.contains("Sharma Traders"))
            let pool = PostgresPool(url: configuration.databaseURL, size: 1, logger: logger)
            defer { pool.close() }
            let invoices = try await TenantDatabase(pool: pool).read(tenant: tenant) { try InvoiceStore.all(session: $0) }
            #expect(invoices.count == 1)
        }
    }
}

/// Replies taken off the reply queue, as the responder would.
private final class Replies: Sendable {
    private let received = Mutex<[OutboundReply]>([])

    func append(_ reply: OutboundReply) { received.withLock { $0.append(reply) } }
    var all: [OutboundReply] { received.withLock { $0 } }
}
