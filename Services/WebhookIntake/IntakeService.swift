import FailurePolicy
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakRabbitMQ
import FintrakServiceHost
import FintrakStores
import Foundation
import Hummingbird
import Logging
import Metrics
import ReminderStore
import WebhookReading

/// `webhook-intake`: the only door from the internet. Verifies, normalises, deduplicates and publishes;
/// the slow work happens behind the queues.
///
/// Every provider's request goes the same way: body over 1 MiB → 413; bad signature or token → 403 and a warning
/// without the body; malformed → 400 with a short reason; then each message is accepted (`MessageIntake`) and each
/// delivery status published. 200 once the broker confirmed every message, or PostgreSQL keeps it in the spool
/// (`IntakeSpool`) while the broker or Redis cannot take it; 503 (the provider may retry) when neither could.
struct IntakeService: Sendable {
    static let name = "webhook-intake"

    let configuration: FintrakConfiguration
    let settings: IntakeSettings
    let infrastructure: Infrastructure
    let intake: MessageIntake
    /// Where messages wait in PostgreSQL while the broker or Redis cannot take them.
    let spool: IntakeSpool
    let logger: Logger
    let twilioSignature: TwilioSignature?
    let books: BooksSite

    init(configuration: FintrakConfiguration, settings: IntakeSettings) {
        let logger = Logger(label: Self.name)
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        twilioSignature = configuration.twilio.map { TwilioSignature(authToken: $0.authToken) }
        infrastructure = Infrastructure(configuration: configuration, logger: logger, redisConnections: 8)
        intake = MessageIntake(redis: infrastructure.redis, publisher: infrastructure.publisher,
                               queues: configuration.queues,
                               allowedPhoneNumbers: configuration.allowedPhoneNumbers, rateLimit: settings.rateLimit,
                               events: infrastructure.events, logger: logger)
        spool = IntakeSpool(pool: infrastructure.postgres, queuePrefix: configuration.queuePrefix, logger: logger)
        books = BooksSite(database: infrastructure.database, signingKey: configuration.mediaSigningKey,
                          ledgerSigningKey: configuration.ledgerSigningKey.secret, publicBaseURL: configuration.publicBaseURL,
                          timeZone: configuration.timeZone,
                          notices: ReminderQueue(database: infrastructure.database, publisher: infrastructure.publisher,
                                                 queues: configuration.queues),
                          logger: logger)
    }

    func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        // Nobody waits on the drainer's publishes, so it waits for the broker's confirm far longer than a webhook can:
        // a confirm that merely comes late (a busy broker) must not make it publish a message twice.
        let drainer = SpoolDrainer(spool: spool, intake: intake.with(confirmTimeout: RetryPolicies.spoolPublishLimit),
                                   logger: logger)
        try await infrastructure.run(workers: [drainer.service()], operatorOnly: operatorOnly, routes: addRoutes,
                                     onServerRunning: onServerRunning)
    }

    /// What guards `/metrics` and `/ready` on this public port: loopback peers, or `OPS_TOKEN`.
    var operatorOnly: OperatorAccessCheck { OperatorAccessCheck(access: OperatorAccess(token: settings.opsToken)) }

    /// Each provider's routes behind the body limit and that provider's own check (`TwilioSignatureCheck`,
    /// `GupshupTokenCheck`, `MetaSignatureCheck`), so a handler only ever sees a verified request. `/console` answers
    /// loopback peers only: it takes messages without any signature.
    func addRoutes(to router: Router<ServiceRequestContext>) {
        MediaRoute(database: infrastructure.database, signingKey: configuration.mediaSigningKey).register(on: router)
        books.register(on: router)
        router.group()
            .add(middleware: WebhookBodyLimit())
            .add(middleware: TwilioSignatureCheck(signature: twilioSignature, publicBaseURL: configuration.publicBaseURL))
            .post("/whatsapp") { request, _ in try await twilio(request) }
            .post("/twilio/status") { request, _ in try await twilio(request, statusOnly: true) }
        router.group()
            .add(middleware: WebhookBodyLimit())
            .add(middleware: GupshupTokenCheck(expected: settings.gupshupWebhookToken))
            .post("/gupshup_incoming_webhook") { request, _ in try await gupshup(request) }
        router.get("/webhooks/meta") { request, context in try metaVerify(request, logger: context.logger) }
        router.group()
            .add(middleware: WebhookBodyLimit())
            .add(middleware: MetaSignatureCheck(signature: settings.metaAppSecret.map(MetaSignature.init)))
            .post("/webhooks/meta") { request, _ in try await meta(request) }
        if configuration.replyMode == .console {
            router.group()
                .add(middleware: OperatorAccessCheck(access: OperatorAccess(token: nil)))
                .add(middleware: WebhookBodyLimit(maxBytes: BodyLimits.console))
                .post("/console") { request, _ in try await console(request) }
        }
    }

    // MARK: Twilio

    func twilio(_ request: Request, statusOnly: Bool = false) async throws -> Response {
        let fields = FormBody.decode(try await request.collectedBody().readableBytesView)
        let payload: TwilioWebhook.Payload
        do {
            // A reply's StatusCallback URL carries our id of the message (`?ref=`); Twilio signed the URL with it.
            let reference = request.uri.queryParameters["ref"].map(String.init)
            if statusOnly {
                payload = .status(try TwilioWebhook.status(fields: fields, receivedAt: Date(), reference: reference))
            } else {
                payload = try TwilioWebhook.parse(fields: fields, receivedAt: Date(), correlationID: CorrelationID.next(),
                                                  reference: reference)
            }
        } catch {
            throw IntakeHTTPError.malformed("twilio", error, logger: logger)
        }
        switch payload {
        case .message(let message): try await deliver(WebhookContent(messages: [message]), provider: "twilio")
        case .status(let status): try await deliver(WebhookContent(statuses: [status]), provider: "twilio")
        }
        return Response(status: .ok, headers: [.contentType: "text/xml"],
                        body: .init(byteBuffer: ByteBuffer(string: TwilioWebhook.emptyResponse)))
    }

    // MARK: Gupshup

    func gupshup(_ request: Request) async throws -> Response {
        let body = try await request.collectedBody()
        // Gupshup checks a new callback URL with an empty POST; it only needs a 2xx.
        if body.readableBytes == 0 { return Response(status: .ok) }
        let payload: GupshupWebhook.Payload
        do {
            payload = try GupshupWebhook.parse(Data(buffer: body), receivedAt: Date(), correlationID: CorrelationID.next())
        } catch {
            throw IntakeHTTPError.malformed("gupshup", error, logger: logger)
        }
        switch payload {
        case .message(let message): try await deliver(WebhookContent(messages: [message]), provider: "gupshup")
        case .status(let status): try await deliver(WebhookContent(statuses: [status]), provider: "gupshup")
        case .ignored(let type): logger.debug("Gupshup callback ignored", metadata: ["type": "\(type)"])
        }
        return Response(status: .ok)
    }

    // MARK: WhatsApp Cloud API

    /// The subscription handshake: the bare `hub.challenge` when the mode is subscribe and the token matches.
    func metaVerify(_ request: Request, logger: Logger) throws -> Response {
        let query = request.uri.queryParameters
        guard query["hub.mode"] == "subscribe", let expected = settings.metaVerifyToken,
              let token = query["hub.verify_token"], constantTimeEqual(String(token), expected),
              let challenge = query["hub.challenge"]
        else {
            throw IntakeHTTPError.rejected("meta", reason: "bad verify token", answer: "verification failed", logger: logger)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain"],
                        body: .init(byteBuffer: ByteBuffer(substring: challenge)))
    }

    func meta(_ request: Request) async throws -> Response {
        let parsed: WebhookContent
        do {
            parsed = try MetaWebhook.parse(Data(buffer: try await request.collectedBody()), receivedAt: Date(),
                                           newCorrelationID: CorrelationID.next)
        } catch {
            throw IntakeHTTPError.malformed("meta", error, logger: logger)
        }
        try await deliver(parsed, provider: "meta")
        return Response(status: .ok)
    }

    // MARK: Local chat (WHATSAPP_PROVIDER=console only)

    func console(_ request: Request) async throws -> Response {
        let body = Data(buffer: try await request.collectedBody())
        let input: ConsoleMessage.Checked
        do {
            input = try ConsoleMessage.check(body)
        } catch {
            throw IntakeHTTPError.badRequest(error.description)
        }
        var media: [MediaAttachment] = []
        if let file = input.file {
            let files = GeneratedFiles(publicBaseURL: configuration.publicBaseURL, signingKey: configuration.mediaSigningKey)
            let link = try await infrastructure.database.write(tenant: input.tenant) { session in
                files.store(file, tenant: input.tenant, session: session)
            }
            media = [MediaAttachment(url: link.url, contentType: file.contentType, filename: file.filename)]
        }
        let message = InboundMessage(correlationID: CorrelationID.next(), tenant: input.tenant, provider: .console,
                                     providerMessageID: "console-" + UUID().uuidString, text: input.text, media: media,
                                     receivedAt: Date())
        try await deliver(WebhookContent(messages: [message]), provider: "console")
        return jsonResponse(.ok, ["message_id": message.providerMessageID, "correlation_id": message.correlationID])
    }

    // MARK: Shared

    /// Accepts each message in order, then publishes the statuses; returns only if every message and status is with
    /// the broker or in the spool (or was before), else throws `retryLater` (503) so the provider sends the whole request again
    /// (repeats are then skipped). A message whose sender has messages in the spool joins them, so as not to
    /// overtake them.
    private func deliver(_ content: WebhookContent, provider: String) async throws {
        for message in content.messages {
            if spool.holds(sender: message.tenant) {
                try await keep(message, provider: provider, because: "its sender has spooled messages")
                continue
            }
            let outcome: MessageIntake.Acceptance
            do {
                outcome = try await intake.accept(message)
            } catch {
                try await keep(message, provider: provider, because: "\(error)")
                continue
            }
            logger.debug("webhook message", metadata: [
                "correlation_id": "\(message.correlationID)", "provider": "\(provider)", "outcome": "\(outcome)"])
            if outcome == .inFlight { throw IntakeHTTPError.retryLater }
        }
        guard !content.statuses.isEmpty else { return }
        do {
            try await intake.publish(statuses: content.statuses)
        } catch {
            // A report may be what shows a reply went out (client-responder waits for it): kept like a message.
            do {
                for status in content.statuses { try await spool.store(status) }
            } catch let spoolError {
                logger.error("could not publish or spool delivery statuses; asking the provider to retry", metadata: [
                    "provider": "\(provider)", "error": "\(error)", "spool_error": "\(spoolError)"])
                throw IntakeHTTPError.retryLater
            }
            Counter(label: "intake_spooled_total", dimensions: [("provider", provider)]).increment(by: content.statuses.count)
            logger.warning("delivery statuses spooled until the broker takes them", metadata: [
                "provider": "\(provider)", "error": "\(error)"])
        }
    }

    /// Keeps a message the broker or Redis could not take in the spool (the drainer publishes it later); only when
    /// PostgreSQL cannot keep it either is the provider asked to retry (503).
    private func keep(_ message: InboundMessage, provider: String, because reason: String) async throws {
        do {
            try await spool.store(message)
        } catch {
            logger.error("could not enqueue or spool; asking the provider to retry", metadata: [
                "correlation_id": "\(message.correlationID)", "provider": "\(provider)", "reason": "\(reason)",
                "error": "\(error)"])
            throw IntakeHTTPError.retryLater
        }
        Counter(label: "intake_spooled_total", dimensions: [("provider", provider)]).increment()
        logger.warning("message spooled until the broker and Redis take it", metadata: [
            "correlation_id": "\(message.correlationID)", "provider": "\(provider)", "reason": "\(reason)"])
    }
}
