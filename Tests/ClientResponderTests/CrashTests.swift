@testable import ClientResponder
import FintrakChildProcess
import FintrakCore
import FintrakHTTPClient
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing


/// The fake Twilio for the crash test. While the first responder runs, it accepts the first `acceptFirst` sends
/// and holds every later one unanswered — the responder is then stuck mid-request. After `reopen()` the held
/// requests are answered 503 (their sender is dead by then; the provider never accepted them) and every new
/// send is accepted. Bodies of accepted sends are what the test counts.
final class CrashGate: Sendable {
    private struct State {
        var reopened = false
        var accepted: [String] = []
        var held = 0
    }

    private let acceptFirst: Int
    private let state = Mutex(State())

    init(acceptFirst: Int) {
        self.acceptFirst = acceptFirst
    }

    var accepted: [String] { state.withLock { $0.accepted } }
    var held: Int { state.withLock { $0.held } }

    func reopen() { state.withLock { $0.reopened = true } }

    func handle(_ request: RecordedRequest) async throws -> StubResponse {
        let body = Dictionary(FormEncoding.decode(request.bodyText)) { a, _ in a }["Body"] ?? ""
        let accept = state.withLock { state in
            guard state.reopened || state.accepted.count < acceptFirst else {
                state.held += 1
                return false
            }
            state.accepted.append(body)
            return true
        }
        if accept { return .json(#"{"sid": "SM\#(UUID().uuidString.prefix(12))"}"#, status: 201) }
        _ = try await eventually(timeout: .seconds(300)) { self.state.withLock { $0.reopened } }
        return .json(#"{"code": 20503, "message": "held until the sender died"}"#, status: 503)
    }
}

/// client-responder as a separate process, so it can be killed with SIGKILL.
final class ResponderProcess: Sendable {
    private let child: LiveChild

    init(environment: [String: String]) throws {
        child = try LiveChild(try BuiltProduct.path("client-responder"), environment: environment)
    }

    /// SIGKILL: no shutdown code runs, sockets are closed by the kernel. Returns once the process is gone.
    func killHard() async {
        child.send(SIGKILL)
        _ = await child.waitForExit(within: .seconds(60))
    }

    /// SIGTERM: a graceful stop, which the process finishes on its own.
    func stop() { child.send(SIGTERM) }

    /// The last lines it logged, for a failure's message.
    var tail: String { child.printedText.split(separator: "\n").suffix(20).joined(separator: "\n") }
}

@Suite struct CrashTests {
    /// A responder's environment sending to the fake Twilio at `twilio`, its queues, a publisher for the test's
    /// replies and an owner's pool to read the outcome.
    static func responderSetting(twilio: String) throws
        -> (environment: [String: String], queues: Queues, publisher: AMQPPublisher, pool: PostgresPool)
    {
        let environment = try ServiceEnvironment.make([
            "TWILIO_API_BASE": twilio, "REPLY_SEND_TIMEOUT_SECONDS": "120", "LOG_FORMAT": "text", "LOG_LEVEL": "info",
        ])
        let queues = Queues(prefix: environment["FINTRAK_QUEUE_PREFIX"]!)
        let logger = Logger(label: "test")
        let publisher = AMQPPublisher(url: environment["AMQP_URL"]!, topology: queues.topology, logger: logger)
        return (environment, queues, publisher, PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: logger))
    }

    /// `count` replies of `tenant` to one made-up Twilio message, each body naming its position and that message.
    static func replies(_ count: Int, to inbound: String, of tenant: String, saying text: String) -> [OutboundReply] {
        (0..<count).map { position in
            OutboundReply(replyID: OutboundReply.replyID(provider: .twilio, messageID: inbound, position: position),
                          correlationID: UUID().uuidString.lowercased(), tenant: tenant, provider: .twilio,
                          inReplyTo: inbound, body: "\(text) \(position) of \(inbound)")
        }
    }

    /// Replies queued, the responder killed with SIGKILL in the middle of sending them, a new responder started:
    /// every reply reaches the provider once and only once.
    ///
    /// Why this is deterministic, not lucky: the only window for a duplicate is a send the provider accepted whose
    /// `markSent` had not committed when the process died. Here the fake accepts exactly the first five sends and
    /// holds every other one unanswered. The kill comes only once PostgreSQL shows those five replies as sent and
    /// the other fifteen requests are all held at the fake — the responder takes all twenty at once (prefetch 32)
    /// and sends up to 16 at a time (HTTPClient's transfer threads), so nothing is still on its way to the fake,
    /// where it could arrive after the kill and be accepted from a dead sender. So at the moment of the kill every
    /// accepted send is recorded and every unrecorded one is stuck in a request the provider never accepts (it is
    /// answered 503 after the kill, to a dead socket). The new responder must resend exactly those fifteen and
    /// skip the recorded five, including any whose ack the kill swallowed.
    @Test func killedMidSendEveryReplyIsDeliveredOnceAfterRestart() async throws {
        try await ServiceEnvironment.migrate()
        let gate = CrashGate(acceptFirst: 5)
        try await RecordingHTTPServer.run(handler: { try await gate.handle($0) }) { server in
            let (environment, queues, publisher, pool) = try Self.responderSetting(twilio: server.baseURL)
            defer { pool.close() }
            let tenant = ServiceEnvironment.uniqueTenant()
            let inbound = "SMcrash" + UUID().uuidString.prefix(8)
            let replies = Self.replies(20, to: inbound, of: tenant, saying: "crash test reply")
            try await publisher.publish(try replies.map(queues.reply))
            await publisher.close()

            func sentCount() async throws -> Int {
                try await pool.query("SELECT count(*) AS n FROM outbound_messages WHERE in_reply_to = $1 AND status = 'sent'",
                                     [inbound])[0].decode("n", as: Int.self)
            }

            let first = try ResponderProcess(environment: environment)
            let midway = try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(50)) {
                guard gate.accepted.count == 5, gate.held == replies.count - 5 else { return false }
                return try await sentCount() == 5
            }
            guard midway else {
                await first.killHard()
                Issue.record("the first responder never got midway: \(gate.accepted.count) accepted, \(gate.held) held\n\(first.tail)")
                return
            }
            await first.killHard()
            gate.reopen()

            let second = try ResponderProcess(environment: environment)
            defer { second.stop() }
            let finished = try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(100)) {
                try await sentCount() == replies.count
            }
            let sent = try await sentCount()
            #expect(finished, "only \(sent) of \(replies.count) sent\n\(second.tail)")
            let accepted = gate.accepted
            for reply in replies {
                #expect(accepted.filter { $0 == reply.body }.count == 1, "\(reply.body) reached the provider \(accepted.filter { $0 == reply.body }.count) times")
            }
            #expect(accepted.count == replies.count)
        }
    }

    /// The window itself: the provider takes each message (and gives it an id) but its answer never reaches the
    /// responder, which is SIGKILLed with every send taken and none recorded. The provider's delivery reports (here
    /// published as intake would, each with the reference its StatusCallback URL carried) must record those sends,
    /// and the new responder must not send any of them again.
    @Test func killedAfterTheProviderTookEachMessageNoneIsSentAgain() async throws {
        try await ServiceEnvironment.migrate()
        let gate = AnswerGate()
        try await RecordingHTTPServer.run(handler: { try await gate.handle($0) }) { server in
            let (environment, queues, publisher, pool) = try Self.responderSetting(twilio: server.baseURL)
            defer { pool.close() }
            let tenant = ServiceEnvironment.uniqueTenant()
            let inbound = "SMtaken" + UUID().uuidString.prefix(8)
            let replies = Self.replies(4, to: inbound, of: tenant, saying: "taken before the kill")
            try await publisher.publish(try replies.map(queues.reply))

            let first = try ResponderProcess(environment: environment)
            let allTaken = try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(50)) { gate.taken.count == replies.count }
            await first.killHard()
            gate.release()
            guard allTaken else {
                await publisher.close()
                Issue.record("the provider took \(gate.taken.count) of \(replies.count)\n\(first.tail)")
                return
            }

            for send in gate.taken {
                let reference = try #require(send.reference, "a send without a reference in its StatusCallback")
                #expect(reference.hasPrefix(replies[0].replyID.dropLast()), "not one of this test's replies: \(reference)")
                let report = DeliveryStatusEvent(provider: .twilio, providerMessageID: send.sid, status: "sent", recipient: tenant,
                                                 occurredAt: Date(), reference: reference)
                try await publisher.publish([AMQPOutgoing(routingKey: queues.statuses, body: try EnvelopeCoding.encode(report))])
            }
            await publisher.close()
            let second = try ResponderProcess(environment: environment)
            defer { second.stop() }
            let recorded = try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(100)) {
                try await pool.query("SELECT count(*) AS n FROM outbound_messages WHERE in_reply_to = $1 AND status = 'sent'",
                                     [inbound])[0].decode("n", as: Int.self) == replies.count
            }
            #expect(recorded, "not every taken send was recorded\n\(second.tail)")
            for reply in replies {
                #expect(gate.taken.filter { $0.body == reply.body }.count == 1, "\(reply.body) reached the provider more than once")
            }
            let counts = try await pool.query("""
                SELECT coalesce(sum(unconfirmed_resends), 0)::int AS resent, count(*) FILTER (WHERE recorded_from_report)::int AS reported
                FROM outbound_messages WHERE in_reply_to = $1
                """, [inbound])
            #expect(try counts[0].decode("resent", as: Int.self) == 0)
            #expect(try counts[0].decode("reported", as: Int.self) == replies.count)
        }
    }
}

/// The fake Twilio for the taken-before-the-kill test: it takes every send (gives it an id and keeps it, with the
/// reference from its StatusCallback URL) and holds its answer until `release()`, so the sender never learns the id.
final class AnswerGate: Sendable {
    struct Taken: Sendable {
        var body: String
        var sid: String
        var reference: String?
    }

    private let state = Mutex((released: false, taken: [Taken]()))

    var taken: [Taken] { state.withLock { $0.taken } }

    func release() { state.withLock { $0.released = true } }

    func handle(_ request: RecordedRequest) async throws -> StubResponse {
        let form = Dictionary(FormEncoding.decode(request.bodyText)) { a, _ in a }
        let sid = "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
        let query = form["StatusCallback"].flatMap { URLComponents(string: $0) }?.queryItems
        state.withLock { $0.taken.append(Taken(body: form["Body"] ?? "", sid: sid, reference: query?.first { $0.name == "ref" }?.value)) }
        _ = try await eventually(timeout: .seconds(300)) { self.state.withLock { $0.released } }
        return .json(#"{"sid": "\#(sid)"}"#, status: 201)
    }
}
