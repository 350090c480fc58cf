import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakRabbitMQ
import FintrakServiceHost
import Foundation
import Hummingbird
import Logging
import Metrics

/// `webhook-intake`: the only door from the internet. Verifies, normalises, deduplicates and publishes;
/// the slow work happens behind the queues.
///
/// Every provider's request goes the same way: body over 1 MiB → 413; bad signature or token → 403 and a warning
/// without the body; malformed → 400 with a short reason; then each message is accepted (`MessageIntake`) and each
/// delivery status published. 200 only once the broker confirmed everything; 503 (the provider retries) otherwise.
struct IntakeService: Sendable {
    static let name = "webhook-intake"
    static let maxBodyBytes = 1 << 20

    let configuration: FintrakConfiguration
    let settings: IntakeSettings
    let infrastructure: Infrastructure
    let intake: MessageIntake
    let logger: Logger
    let twilioSignature: TwilioSignature?

    /// `publisher` replaces the infrastructure's for the messages (tests point it at a dead broker).
    init(configuration: FintrakConfiguration, settings: IntakeSettings? = nil, publisher: AMQPPublisher? = nil) {
        let logger = Logger(label: Self.name)
        let settings = settings ?? IntakeSettings.lenient(configuration)
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        twilioSignature = configuration.twilio.map { TwilioSignature(authToken: $0.authToken) }
        infrastructure = Infrastructure(configuration: configuration, logger: logger, redisConnections: 8)
        intake = MessageIntake(redis: infrastructure.redis, publisher: publisher ?? infrastructure.publisher,
                               queues: configuration.queues,
                               allowedPhoneNumbers: configuration.allowedPhoneNumbers, rateLimit: settings.rateLimit,
                               logger: logger)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await infrastructure.run(workers: [], routes: addRoutes, onServerRunning: onServerRunning)
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        MediaRoute(database: infrastructure.database, signingKey: configuration.mediaSigningKey).register(on: router)
        router.post("/whatsapp") { request, _ in
            try await twilio(request)
        }
        router.post("/twilio/status") { request, _ in
            try await twilio(request, statusOnly: true)
        }
        router.post("/gupshup_incoming_webhook") { request, _ in
            try await gupshup(request)
        }
        router.get("/webhooks/meta") { request, _ in
            metaVerify(request)
        }
        router.post("/webhooks/meta") { request, _ in
            try await meta(request)
        }
        if configuration.replyMode == .console {
            router.post("/console") { request, _ in
                try await console(request)
            }
        }
    }

    // MARK: Twilio

    func twilio(_ request: Request, statusOnly: Bool = false) async throws -> Response {
        let body: ByteBuffer
        switch await readBody(request) {
        case .success(let buffer): body = buffer
        case .failure(let response): return response
        }
        let fields = FormBody.decode(body.readableBytesView)
        guard let validator = twilioSignature else {
            rejected("twilio", reason: "not configured")
            return plain(.forbidden, "Twilio is not configured")
        }
        let url = configuration.publicBaseURL + request.uri.description
        guard let signature = request.headers[Self.twilioSignatureHeader],
              validator.isValid(signature: signature, url: url, fields: fields)
        else {
            rejected("twilio", reason: "bad signature")
            return plain(.forbidden, "invalid signature")
        }
        let payload: TwilioWebhook.Payload
        do {
            if statusOnly {
                payload = .status(try TwilioWebhook.status(fields: fields, receivedAt: Date()))
            } else {
                payload = try TwilioWebhook.parse(fields: fields, receivedAt: Date(), correlationID: CorrelationID.next())
            }
        } catch {
            return malformed("twilio", error)
        }
        let batch: Batch
        switch payload {
        case .message(let message): batch = Batch(messages: [message])
        case .status(let status): batch = Batch(statuses: [status])
        }
        return await deliver(batch, provider: "twilio") {
            Response(status: .ok, headers: [.contentType: "text/xml"],
                     body: .init(byteBuffer: ByteBuffer(string: TwilioWebhook.emptyResponse)))
        }
    }

    // MARK: Gupshup

    func gupshup(_ request: Request) async throws -> Response {
        let body: ByteBuffer
        switch await readBody(request) {
        case .success(let buffer): body = buffer
        case .failure(let response): return response
        }
        let token = FormEncoding.decode(request.uri.query ?? "").first { $0.0 == "token" }?.1
        guard let expected = settings.gupshupWebhookToken, let token, constantTimeEqual(token, expected) else {
            rejected("gupshup", reason: settings.gupshupWebhookToken == nil ? "not configured" : "bad token")
            return plain(.forbidden, "invalid token")
        }
        // Gupshup checks a new callback URL with an empty POST; it only needs a 2xx.
        if body.readableBytes == 0 { return empty(.ok) }
        let payload: GupshupWebhook.Payload
        do {
            payload = try GupshupWebhook.parse(Data(buffer: body), receivedAt: Date(), correlationID: CorrelationID.next())
        } catch {
            return malformed("gupshup", error)
        }
        let batch: Batch
        switch payload {
        case .message(let message): batch = Batch(messages: [message])
        case .status(let status): batch = Batch(statuses: [status])
        case .ignored(let type):
            logger.debug("Gupshup callback ignored", metadata: ["type": "\(type)"])
            return empty(.ok)
        }
        return await deliver(batch, provider: "gupshup") { empty(.ok) }
    }

    // MARK: WhatsApp Cloud API

    /// The subscription handshake: the bare `hub.challenge` when the mode is subscribe and the token matches.
    func metaVerify(_ request: Request) -> Response {
        let query = Dictionary(FormEncoding.decode(request.uri.query ?? ""), uniquingKeysWith: { first, _ in first })
        guard query["hub.mode"] == "subscribe", let expected = settings.metaVerifyToken,
              let token = query["hub.verify_token"], constantTimeEqual(token, expected),
              let challenge = query["hub.challenge"]
        else {
            rejected("meta", reason: "bad verify token")
            return plain(.forbidden, "verification failed")
        }
        return Response(status: .ok, headers: [.contentType: "text/plain"],
                        body: .init(byteBuffer: ByteBuffer(string: challenge)))
    }

    func meta(_ request: Request) async throws -> Response {
        let body: ByteBuffer
        switch await readBody(request) {
        case .success(let buffer): body = buffer
        case .failure(let response): return response
        }
        let data = Data(buffer: body)
        guard let secret = settings.metaAppSecret,
              MetaSignature(appSecret: secret).isValid(header: request.headers[Self.hubSignatureHeader], body: data)
        else {
            rejected("meta", reason: settings.metaAppSecret == nil ? "not configured" : "bad signature")
            return plain(.forbidden, "invalid signature")
        }
        let parsed: MetaWebhook.Batch
        do {
            parsed = try MetaWebhook.parse(data, receivedAt: Date(), newCorrelationID: CorrelationID.next)
        } catch {
            return malformed("meta", error)
        }
        return await deliver(Batch(messages: parsed.messages, statuses: parsed.statuses), provider: "meta") { empty(.ok) }
    }

    // MARK: Local chat (WHATSAPP_PROVIDER=console only)

    struct ConsoleMessage: Decodable {
        var from: String
        var text: String
    }

    func console(_ request: Request) async throws -> Response {
        let body: ByteBuffer
        switch await readBody(request) {
        case .success(let buffer): body = buffer
        case .failure(let response): return response
        }
        guard let input = try? JSONDecoder().decode(ConsoleMessage.self, from: Data(buffer: body)),
              let tenant = PhoneNumber.e164(input.from)
        else { return plain(.badRequest, #"expected JSON {"from": "+91…", "text": "…"}"#) }
        let message = InboundMessage(correlationID: CorrelationID.next(), tenant: tenant, provider: .console,
                                     providerMessageID: "console-" + UUID().uuidString, text: input.text,
                                     receivedAt: Date())
        return await deliver(Batch(messages: [message]), provider: "console") {
            jsonResponse(.ok, ["message_id": message.providerMessageID, "correlation_id": message.correlationID])
        }
    }

    // MARK: Shared

    /// What one request carried, normalised.
    struct Batch {
        var messages: [InboundMessage] = []
        var statuses: [DeliveryStatusEvent] = []
    }

    /// Accepts each message in order, then publishes the statuses; `success` only if all of it is with the broker
    /// (or was before), else 503 so the provider sends the whole request again (repeats are then skipped).
    private func deliver(_ batch: Batch, provider: String, success: () -> Response) async -> Response {
        for message in batch.messages {
            let outcome: MessageIntake.Outcome
            do {
                outcome = try await intake.accept(message)
            } catch {
                logger.error("could not enqueue; asking the provider to retry", metadata: [
                    "correlation_id": "\(message.correlationID)", "provider": "\(provider)", "error": "\(error)"])
                return retryLater()
            }
            logger.debug("webhook message", metadata: [
                "correlation_id": "\(message.correlationID)", "provider": "\(provider)", "outcome": "\(outcome)"])
            if outcome == .inFlight { return retryLater() }
        }
        do {
            try await intake.publish(statuses: batch.statuses)
        } catch {
            logger.error("could not publish delivery statuses; asking the provider to retry", metadata: [
                "provider": "\(provider)", "error": "\(error)"])
            return retryLater()
        }
        return success()
    }

    private enum BodyResult {
        case success(ByteBuffer)
        case failure(Response)
    }

    /// The body, up to 1 MiB: a larger declared or actual body is answered 413 without reading it all.
    private func readBody(_ request: Request) async -> BodyResult {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxBodyBytes {
            return .failure(tooLarge())
        }
        do {
            return .success(try await request.body.collect(upTo: Self.maxBodyBytes))
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .failure(tooLarge())
        } catch {
            return .failure(plain(.badRequest, "could not read the body"))
        }
    }

    private func tooLarge() -> Response {
        Self.rejections(reason: "too large").increment()
        return plain(.contentTooLarge, "body over 1 MiB")
    }

    private func malformed(_ provider: String, _ error: any Error) -> Response {
        Self.rejections(provider: provider, reason: "malformed").increment()
        logger.warning("malformed webhook", metadata: ["provider": "\(provider)", "reason": "\(error)"])
        return plain(.badRequest, "malformed \(provider) webhook: \(error)")
    }

    private func rejected(_ provider: String, reason: String) {
        Self.rejections(provider: provider, reason: reason).increment()
        logger.warning("webhook rejected", metadata: ["provider": "\(provider)", "reason": "\(reason)"])
    }

    private static func rejections(provider: String = "any", reason: String) -> Counter {
        Counter(label: "intake_rejected_total", dimensions: [("provider", provider), ("reason", reason)])
    }

    private func retryLater() -> Response {
        Response(status: .serviceUnavailable,
                 headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "5"],
                 body: .init(byteBuffer: ByteBuffer(string: "temporarily unavailable, please retry\n")))
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    private func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status)
    }

    static let twilioSignatureHeader = HTTPFields.Element.Name("X-Twilio-Signature")!
    static let hubSignatureHeader = HTTPFields.Element.Name("X-Hub-Signature-256")!
}
