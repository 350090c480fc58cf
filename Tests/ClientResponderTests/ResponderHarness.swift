@testable import ClientResponder
import FintrakConfiguration
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

/// A fake provider that follows a script: each request takes the next scripted answer, then `otherwise` for
/// the rest. It keeps every request it answered with a 2xx — what the provider "accepted" — with the time.
final class ScriptedProvider: Sendable {
    typealias Step = @Sendable (RecordedRequest) async throws -> StubResponse

    struct Answer: Sendable {
        var request: RecordedRequest
        var status: Int
        var at: ContinuousClock.Instant
    }

    private let steps: Mutex<[Step]>
    private let answers = Mutex<[Answer]>([])
    private let otherwise: Step

    init(_ steps: [Step] = [], otherwise: @escaping Step = ScriptedProvider.created) {
        self.steps = Mutex(steps)
        self.otherwise = otherwise
    }

    func handle(_ request: RecordedRequest) async throws -> StubResponse {
        let step = steps.withLock { $0.isEmpty ? nil : $0.removeFirst() } ?? otherwise
        let response = try await step(request)
        answers.withLock { $0.append(Answer(request: request, status: response.status, at: .now)) }
        return response
    }

    /// Every answer given so far, in order.
    var log: [Answer] { answers.withLock { $0 } }
    /// The requests answered with a 2xx.
    var accepted: [RecordedRequest] { log.filter { (200..<300).contains($0.status) }.map(\.request) }

    /// Twilio's 201, Gupshup's 202 and the Cloud API's 200, each with a fresh id, by path.
    static let created: Step = { request in
        let id = UUID().uuidString.prefix(8)
        if request.path == "/wa/api/v1/msg" { return .json(#"{"status": "submitted", "messageId": "gs-\#(id)"}"#, status: 202) }
        if request.path.hasPrefix("/graph/") { return .json(#"{"messages": [{"id": "wamid.\#(id)"}]}"#) }
        return .json(#"{"sid": "SM\#(id)"}"#, status: 201)
    }

    static func status(_ status: Int, retryAfter: String? = nil) -> Step {
        { _ in
            StubResponse(status: status, headers: [("Content-Type", "application/json")] + (retryAfter.map { [("Retry-After", $0)] } ?? []),
                         body: Data(#"{"code": \#(status), "message": "scripted"}"#.utf8))
        }
    }
}

/// client-responder running in this process against the real servers, with a `ScriptedProvider` behind every
/// provider's base URL, and what a test needs to feed it and look at its records.
struct ResponderHarness {
    let environment: [String: String]
    let queues: Queues
    let publisher: AMQPPublisher
    let pool: PostgresPool
    let server: RecordingHTTPServer
    let provider: ScriptedProvider
    let port: Int
    let tenant = ServiceEnvironment.uniqueTenant()

    static func providerSettings(_ server: RecordingHTTPServer) -> [String: String] {
        [
            "TWILIO_API_BASE": server.baseURL,
            "GUPSHUP_API_KEY": "gupshup-test-key", "GUPSHUP_APP_NAME": "FintrakTest",
            "GUPSHUP_SOURCE_NUMBER": "917834811114", "GUPSHUP_API_BASE": server.baseURL,
            "META_ACCESS_TOKEN": "meta-test-token", "META_PHONE_NUMBER_ID": "106540352242922",
            "META_API_BASE": server.baseURL + "/graph",
        ]
    }

    /// A new reply to this harness's tenant with an id of its own.
    func reply(_ body: String, provider: Provider = .twilio, attachments: [ReplyAttachment] = []) -> OutboundReply {
        let inbound = "IN" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
        return OutboundReply(replyID: OutboundReply.replyID(provider: provider, messageID: inbound, position: 0),
                             correlationID: UUID().uuidString.lowercased(), tenant: tenant, provider: provider,
                             inReplyTo: inbound, body: body, attachments: attachments)
    }

    func publish(_ replies: OutboundReply...) async throws {
        try await publisher.publish(try replies.map(queues.reply))
    }

    /// The reply's `outbound_messages` row, read as the owner (outside RLS).
    func row(_ id: String) async throws -> PostgresRow? {
        try await pool.query("""
            SELECT reply_id, tenant, status, attempts, provider_sid, delivery_status, coalesce(last_error, '') AS last_error,
                   body, attachments::text AS attachments
            FROM outbound_messages WHERE reply_id = $1
            """, [id]).first
    }

    func status(_ id: String) async throws -> String? { try await row(id)?["status"] }

    /// Waits until the reply's row has `status`.
    func row(_ id: String, once status: String, timeout: Duration = .seconds(60)) async throws -> PostgresRow {
        let reached = try await eventually(timeout: timeout, pollEvery: .milliseconds(50)) {
            try await self.status(id) == status
        }
        let now = try await self.status(id) ?? "missing"
        try #require(reached, "reply \(id) did not become \(status); it is \(now)")
        return try #require(try await row(id))
    }

    /// The accepted requests whose body mentions `text` (Twilio's form or Gupshup's and the Cloud API's JSON).
    func accepted(containing text: String) -> [RecordedRequest] {
        provider.accepted.filter { request in
            let form = FormEncoding.decode(request.bodyText).map(\.1).joined(separator: "\n")
            return form.contains(text) || request.bodyText.contains(text)
        }
    }
}

/// Starts a `ScriptedProvider`, client-responder with `extra` variables, runs `body`, and stops them.
/// Unless `waitUntilReady` is false, `body` starts once `/ready` says every consumer is connected (a fresh prefix's
/// quorum queues refuse publishes for a moment while several connections declare them at once).
func withResponder(_ extra: [String: String] = [:], provider: ScriptedProvider = ScriptedProvider(),
                   waitUntilReady: Bool = true, _ body: (ResponderHarness) async throws -> Void) async throws {
    try await ServiceEnvironment.migrate()
    try await RecordingHTTPServer.run(handler: { try await provider.handle($0) }) { server in
        let environment = try ServiceEnvironment.make(
            ResponderHarness.providerSettings(server).merging(["REPLY_SEND_TIMEOUT_SECONDS": "5"]) { $1 }.merging(extra) { $1 })
        let configuration = try FintrakConfiguration.load(service: ResponderService.name, defaultPort: 0, environment: environment)
        let responder = ResponderService(configuration: configuration, settings: try ResponderSettings.load(configuration))
        let logger = Logger(label: "test")
        let publisher = AMQPPublisher(url: configuration.amqpURL, topology: configuration.queues.topology, logger: logger)
        let pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 2, logger: logger)
        let port = PortBox()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await responder.run { port.set($0) } }
                let listening = try await eventually { port.port != nil }
                try #require(listening, "client-responder did not start listening")
                if waitUntilReady {
                    try await ServiceReadiness.wait(for: ResponderService.name) { port.port }
                }
                try await body(ResponderHarness(environment: environment, queues: configuration.queues, publisher: publisher,
                                                pool: pool, server: server, provider: provider, port: port.port!))
                group.cancelAll()
            }
        } catch {
            await publisher.close()
            pool.close()
            throw error
        }
        await publisher.close()
        pool.close()
    }
}
