import Conversation
import Crypto
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakObservability
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakRedis
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing
@testable import WebhookIntake

let harnessLogger: Logger = {
    var logger = Logger(label: "intake-tests")
    logger.logLevel = .warning
    return logger
}()

/// webhook-intake running in this process against the real Redis and RabbitMQ, with a queue prefix of its own,
/// and the requests the three providers send.
struct IntakeHarness {
    static let gupshupToken = "gupshup-webhook-secret"
    static let metaSecret = "meta-app-secret"
    static let metaVerifyToken = "meta-verify-token"

    let port: Int
    let environment: [String: String]
    let queues: Queues
    let redis: RedisClient
    let http = HTTPClient(logger: harnessLogger)

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The variables of a test intake: ServiceEnvironment's plus the Gupshup and Meta secrets.
    static func environment(_ extra: [String: String] = [:]) throws -> [String: String] {
        try ServiceEnvironment.make([
            "GUPSHUP_WEBHOOK_TOKEN": gupshupToken, "META_APP_SECRET": metaSecret, "META_VERIFY_TOKEN": metaVerifyToken,
        ].merging(extra) { $1 })
    }

    // MARK: Requests

    /// A form signed as Twilio signs it (over PUBLIC_BASE_URL + path), unless `signature` is given.
    func twilio(_ fields: [(String, String)], path: String = "/whatsapp", signature: String? = nil) async throws -> HTTPResponse {
        let url = ServiceEnvironment.publicBaseURL + path
        let signed = signature ?? TwilioSignature(authToken: ServiceEnvironment.twilioToken).expected(url: url, fields: fields)
        var request = HTTPRequest.form(baseURL + path, fields)
        request.headers.append((name: "X-Twilio-Signature", value: signed))
        return try await http.send(request)
    }

    /// An inbound text as ../shared/eval/client.py posts it.
    static func twilioText(from tenant: String, _ text: String, sid: String = newSID()) -> [(String, String)] {
        [("MessageSid", sid), ("SmsMessageSid", sid), ("SmsSid", sid), ("AccountSid", ServiceEnvironment.twilioSID),
         ("From", "whatsapp:" + tenant), ("To", ServiceEnvironment.twilioNumber), ("ProfileName", "Test"),
         ("WaId", String(tenant.dropFirst())), ("NumSegments", "1"), ("SmsStatus", "received"),
         ("ApiVersion", "2010-04-01"), ("Body", text), ("NumMedia", "0"), ("MessageType", "text")]
    }

    static func newSID() -> String {
        "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    func gupshup(_ json: String, token: String? = IntakeHarness.gupshupToken) async throws -> HTTPResponse {
        let query = token.map { "?token=" + FormEncoding.encode([("", $0)]).dropFirst() } ?? ""
        return try await http.send(HTTPRequest(method: "POST", url: baseURL + "/gupshup_incoming_webhook" + query,
                                               headers: [(name: "Content-Type", value: "application/json")],
                                               body: Data(json.utf8)))
    }

    static func gupshupText(from tenant: String, _ text: String, id: String = "ABEG" + UUID().uuidString) -> String {
        let digits = tenant.dropFirst()
        return #"{"app":"FintrakTest","timestamp":\#(Int(Date().timeIntervalSince1970 * 1000)),"version":2,"type":"message","payload":{"id":"\#(id)","source":"\#(digits)","type":"text","payload":{"text":"\#(text)"},"sender":{"phone":"\#(digits)","name":"Test","country_code":"91","dial_code":"\#(digits.dropFirst(2))"}}}"#
    }

    func meta(_ body: Data, secret: String = IntakeHarness.metaSecret, signature: String? = nil) async throws -> HTTPResponse {
        let signed = signature ?? MetaSignature(appSecret: secret).expected(body: body)
        return try await http.send(HTTPRequest(method: "POST", url: baseURL + "/webhooks/meta",
                                               headers: [(name: "Content-Type", value: "application/json"),
                                                         (name: "X-Hub-Signature-256", value: signed)],
                                               body: body))
    }

    /// A Cloud API notification with one text per (tenant, id, text), as client.py builds it.
    static func metaTexts(_ messages: [(tenant: String, id: String, text: String)], statuses: [String] = []) -> Data {
        let entries = messages.map { message in
            #"{"from":"\#(message.tenant.dropFirst())","id":"\#(message.id)","timestamp":"\#(Int(Date().timeIntervalSince1970))","type":"text","text":{"body":"\#(message.text)"}}"#
        }
        let contacts = Set(messages.map(\.tenant)).map { #"{"profile":{"name":"Test"},"wa_id":"\#($0.dropFirst())"}"# }
        let reports = statuses.map {
            #"{"id":"\#($0)","status":"read","timestamp":"\#(Int(Date().timeIntervalSince1970))","recipient_id":"919800000001"}"#
        }
        return Data(#"{"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"106540352242922"},"contacts":[\#(contacts.joined(separator: ","))],"messages":[\#(entries.joined(separator: ","))],"statuses":[\#(reports.joined(separator: ","))]}}]}]}"#.utf8)
    }

    func get(_ path: String) async throws -> HTTPResponse {
        try await http.send(HTTPRequest(url: baseURL + path))
    }

    // MARK: What happened

    /// Everything in `queue` now, in order, taken off it: a sentinel is published behind what is there (the broker
    /// keeps a queue's order), and the queue is consumed up to it. Exact, with no waiting for a quiet period.
    func drain(_ queue: String) async throws -> [AMQPDelivery] {
        let sentinel = "sentinel-" + UUID().uuidString
        let publisher = AMQPPublisher(url: try TestEnvironment.amqpURL, topology: queues.topology, name: "test-sentinel",
                                      logger: harnessLogger)
        try await publisher.publish(AMQPOutgoing(routingKey: queue, body: Data(sentinel.utf8), messageID: sentinel))
        await publisher.close()
        let received = Collected()
        // Prefetch 1: one delivery at a time, so `received` keeps the queue's order (handlers otherwise run concurrently).
        let consumer = AMQPConsumer(url: try TestEnvironment.amqpURL, queue: queue, topology: queues.topology, prefetch: 1,
                                    logger: harnessLogger)
        let task = Task { try await consumer.run { delivery in received.append(delivery); return .ack } }
        let reached = try await eventually { received.all.contains { $0.messageID == sentinel } }
        task.cancel()
        _ = await task.result
        try #require(reached, "the sentinel did not come back from \(queue)")
        return received.all.filter { $0.messageID != sentinel }
    }

    func inbound(_ queue: String) async throws -> [InboundMessage] {
        try await drain(queue).map { try EnvelopeCoding.decode(InboundMessage.self, from: $0.body) }
    }

    func replies() async throws -> [OutboundReply] {
        try await drain(queues.replies).map { try EnvelopeCoding.decode(OutboundReply.self, from: $0.body) }
    }

    func statuses() async throws -> [DeliveryStatusEvent] {
        try await drain(queues.statuses).map { try EnvelopeCoding.decode(DeliveryStatusEvent.self, from: $0.body) }
    }

    func conversation(_ tenant: String) async throws -> String? {
        try await redis.get(ConversationStateKey.key(tenant: tenant))
    }

    /// The messages in intake's spool for this harness's queue prefix, oldest first.
    func spooled() async throws -> [String] {
        let pool = PostgresPool(url: try TestEnvironment.serviceDatabaseURL, size: 1, applicationName: "spool-test",
                                logger: harnessLogger)
        defer { pool.close() }
        return try await pool.query("SELECT provider_message_id FROM intake_spool WHERE queue_prefix = $1 ORDER BY id",
                                    [environment["FINTRAK_QUEUE_PREFIX"] ?? ""]).map { try $0.decode("provider_message_id", as: String.self) }
    }

    func ttl(_ key: String) async throws -> Int {
        guard case .integer(let seconds) = try await redis.command(["TTL", key]) else { return -3 }
        return seconds
    }
}

/// Runs webhook-intake with `environment` (default: a fresh one) until `body` returns.
func withIntake(
    _ environment: [String: String]? = nil,
    awaitReady: Bool = true,
    _ body: (IntakeHarness) async throws -> Void
) async throws {
    let environment = try environment ?? IntakeHarness.environment()
    // As the service's own start-up does before it makes any metric (a gauge made before it would stay a no-op).
    FintrakMetrics.bootstrap()
    let configuration = try FintrakConfiguration.load(service: IntakeService.name, defaultPort: 0, environment: environment)
    let service = IntakeService(configuration: configuration, settings: try IntakeSettings.load(configuration))
    let redis = RedisClient(url: configuration.redisURL, connections: 2, logger: harnessLogger)
    defer { redis.close() }
    let port = PortBox()
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await service.run { port.set($0) } }
        let listening = try await eventually { port.port != nil }
        try #require(listening, "webhook-intake did not start listening")
        let harness = IntakeHarness(port: port.port!, environment: environment, queues: configuration.queues, redis: redis)
        if awaitReady {
            // Ready means the broker connection is up and the (quorum) queues are declared: declaring a fresh
            // prefix's queues can take seconds on a busy broker, which must not count against a confirm deadline.
            try await ServiceReadiness.wait(for: IntakeService.name) { harness.port }
        }
        try await body(harness)
        group.cancelAll()
    }
}

extension [String: String] {
    /// The same environment with the broker at a closed port: every publish fails, as when the broker is down.
    var withDeadBroker: [String: String] { merging(["AMQP_URL": "amqp://guest:guest@127.0.0.1:1/"]) { $1 } }
    /// The same environment with PostgreSQL at a closed port: the spool cannot keep anything either.
    var withDeadDatabase: [String: String] { merging(["DATABASE_URL": "postgres://fintrak_service:x@127.0.0.1:1/fintrak"]) { $1 } }
}

final class Collected: Sendable {
    private let items = Mutex<[AMQPDelivery]>([])
    func append(_ item: AMQPDelivery) { items.withLock { $0.append(item) } }
    var all: [AMQPDelivery] { items.withLock { $0 } }
}

/// Counts in this process's Prometheus registry (the services' counters), for before/after comparisons.
func metricValue(_ name: String, _ labels: [String: String]) -> Double {
    FintrakMetrics.bootstrap()
    let text = FintrakMetrics.render()
    var total = 0.0
    for line in text.split(separator: "\n") where line.hasPrefix(name + "{") {
        guard let close = line.lastIndex(of: "}") else { continue }
        let labelText = line[line.index(line.startIndex, offsetBy: name.count + 1)..<close]
        let found = Dictionary(labelText.split(separator: ",").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))))
        }, uniquingKeysWith: { a, _ in a })
        guard labels.allSatisfy({ found[$0.key] == $0.value }) else { continue }
        total += Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return total
}
