import FintrakCore
import FintrakHTTPClient
import FintrakRuntime
import Foundation
import Hummingbird
import Logging
import Metrics

/// `webhook-intake`: the only door from the internet. Verifies, normalises, deduplicates and publishes;
/// the slow work happens behind the queues.
struct IntakeService: Sendable {
    static let name = "webhook-intake"
    static let maxBodyBytes = 1 << 20

    let configuration: FintrakConfiguration
    let infrastructure: Infrastructure
    let intake: MessageIntake
    let logger: Logger

    init(configuration: FintrakConfiguration) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.logger = logger
        infrastructure = Infrastructure(configuration: configuration, logger: logger, redisConnections: 8)
        intake = MessageIntake(redis: infrastructure.redis, publisher: infrastructure.publisher, queues: configuration.queues,
                               allowedPhoneNumbers: configuration.allowedPhoneNumbers, logger: logger)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await infrastructure.run(workers: [], routes: addRoutes, onServerRunning: onServerRunning)
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        MediaRoute(database: infrastructure.database, signingKey: configuration.mediaSigningKey).register(on: router)
        router.post("/whatsapp") { request, context in
            try await twilio(request)
        }
        if configuration.replyMode == .console {
            router.post("/console") { request, context in
                try await console(request)
            }
        }
    }

    // MARK: Twilio

    func twilio(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        let fields = FormEncoding.decode(String(buffer: body))
        guard let twilio = configuration.twilio else {
            logger.warning("Twilio webhook received but TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN are not configured")
            return plain(.forbidden, "Twilio is not configured")
        }
        let url = configuration.publicBaseURL + request.uri.description
        guard let signature = request.headers[.init("X-Twilio-Signature")!],
              TwilioSignature(authToken: twilio.authToken).isValid(signature: signature, url: url, fields: fields)
        else {
            rejected("twilio", reason: "bad signature")
            return plain(.forbidden, "invalid signature")
        }
        let message: InboundMessage
        do {
            message = try TwilioWebhook.message(fields: fields, receivedAt: Date(), correlationID: Self.newCorrelationID())
        } catch {
            return plain(.badRequest, "malformed Twilio webhook: \(error)")
        }
        return try await enqueue(message) {
            Response(status: .ok, headers: [.contentType: "text/xml"],
                     body: .init(byteBuffer: ByteBuffer(string: TwilioWebhook.emptyResponse)))
        }
    }

    // MARK: Local chat (WHATSAPP_PROVIDER=console only)

    struct ConsoleMessage: Decodable {
        var from: String
        var text: String
    }

    func console(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        guard let input = try? JSONDecoder().decode(ConsoleMessage.self, from: Data(buffer: body)),
              let tenant = PhoneNumber.e164(input.from)
        else { return plain(.badRequest, #"expected JSON {"from": "+91…", "text": "…"}"#) }
        let message = InboundMessage(correlationID: Self.newCorrelationID(), tenant: tenant, provider: .console,
                                     providerMessageID: "console-" + UUID().uuidString, text: input.text,
                                     receivedAt: Date())
        return try await enqueue(message) {
            jsonResponse(.ok, ["message_id": message.providerMessageID, "correlation_id": message.correlationID])
        }
    }

    // MARK: Shared

    /// Publishes, answering `success` once the broker has the message, or 503 so the provider retries.
    private func enqueue(_ message: InboundMessage, success: () -> Response) async throws -> Response {
        do {
            let outcome = try await intake.accept(message)
            logger.info("webhook accepted", metadata: [
                "correlation_id": "\(message.correlationID)", "provider": "\(message.provider.rawValue)",
                "outcome": "\(outcome)",
            ])
            return success()
        } catch {
            logger.error("could not enqueue; asking the provider to retry", metadata: [
                "correlation_id": "\(message.correlationID)", "error": "\(error)",
            ])
            return plain(.serviceUnavailable, "temporarily unavailable, please retry")
        }
    }

    private func rejected(_ provider: String, reason: String) {
        Counter(label: "intake_rejected_total", dimensions: [("provider", provider), ("reason", reason)]).increment()
        logger.warning("webhook rejected", metadata: ["provider": "\(provider)", "reason": "\(reason)"])
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func newCorrelationID() -> String {
        UUID().uuidString.lowercased()
    }
}
