import FailurePolicy
import FintrakCore
import FintrakObservability
import FintrakQueues
import FintrakRabbitMQ
import FintrakStores
import Foundation
import Logging
import MessageLayout
import Metrics

extension ResponderService {
    /// One reply from the queue: claimed, recorded, sent (the parts not sent yet), marked sent, and only then acked.
    /// A failed send waits in a delay queue, not here; a reply that cannot go is dead-lettered.
    /// `queue` is where it came from (the replies, or the reminders): a retry waits in front of that queue again.
    func deliver(_ delivery: AMQPDelivery, from queue: String? = nil) async -> AMQPDisposition {
        let queue = queue ?? infrastructure.queues.replies
        let reply: OutboundReply
        do {
            reply = try EnvelopeCoding.decode(OutboundReply.self, from: delivery.body)
        } catch {
            logger.error("undecodable reply dead-lettered", metadata: ["error": "\(error)"])
            return .deadLetter
        }
        var logger = logger
        logger[metadataKey: "correlation_id"] = "\(reply.correlationID)"
        logger[metadataKey: "reply_id"] = "\(reply.replyID)"
        logger[metadataKey: "tenant"] = "\(TenantTag.of(reply.tenant))"
        let claimed: Bool
        do {
            claimed = try await claims.claim(reply.replyID)
        } catch {
            return await postpone(reply, delivery, queue: queue, reason: "cannot claim the reply: \(error)", logger: logger)
        }
        guard claimed else {
            return await postpone(reply, delivery, queue: queue, reason: "another delivery of this reply is in progress", logger: logger)
        }
        var disposition = AMQPDisposition.ack
        do {
            if let remaining = try await deliverClaimed(reply, queue: queue, logger: logger) {
                disposition = await postpone(reply, delivery, queue: queue, reason: "waiting for the provider's report on an earlier send",
                                             after: min(remaining, RetryPolicies.unconfirmedSendPoll), logger: logger)
            }
        } catch {
            // PostgreSQL or RabbitMQ trouble: try the whole reply again later; parts already recorded as sent stay sent.
            disposition = await postpone(reply, delivery, queue: queue, reason: "bookkeeping failed: \(error)", logger: logger)
        }
        if !(await claims.release(reply.replyID)) {
            logger.warning("the claim on the reply was lost before it was released (claims connection dropped)")
        }
        return disposition
    }

    /// Returns how long to wait for a delivery report before looking again (an earlier send of this reply may have
    /// reached the provider), or nil when the reply was dealt with.
    private func deliverClaimed(_ reply: OutboundReply, queue: String, logger: Logger) async throws -> Duration? {
        let sender = senders[reply.provider]
        // A template is one message whatever its length; its text is what the party reads.
        let messages = reply.template != nil ? [OutgoingMessage(text: reply.body)] : sender?.layout.messages(for: reply) ?? []
        let parts = messages.count > 1
            ? messages.enumerated().map { OutboundStore.Part(id: OutboundStore.partID(reply: reply.replyID, number: $0.offset + 1),
                                                            message: $0.element) }
            : []
        let reportsSends = sender?.reportsSends == true
        let uptime = ContinuousClock.now - startedAt
        let attempt: OutboundStore.Attempt
        switch try await store.begin(reply, parts: parts, sendsAtOnce: sender != nil && messages.count == 1, reportWait: { age in
            reportsSends ? Self.reportWait(sendAge: age, uptime: uptime) : nil
        }) {
        case .attempt(let begun):
            attempt = begun
        case .awaitingReport(let remaining):
            return remaining
        }
        if attempt.alreadySent {
            Counter(label: "replies_total", dimensions: [("outcome", "duplicate")]).increment()
            logger.info("reply already sent; not sending again")
            return nil
        }
        let started = ContinuousClock.now
        let failure: DeliveryError?
        if let sender {
            failure = try await send(reply, messages: messages, parts: parts, attempt: attempt, through: sender, logger: logger)
        } else {
            failure = .permanent("no credentials configured for provider \(reply.provider.rawValue)")
        }
        if let failure {
            trace(reply, "send_failed", since: started, detail: "attempt \(attempt.number)")
            try await failed(reply, queue: queue, attempt: attempt.number, error: failure, logger: logger)
        } else {
            trace(reply, "sent", since: started, detail: "\(reply.provider.rawValue), \(messages.count) message(s)")
            Counter(label: "replies_total", dimensions: [("outcome", "sent")]).increment()
            logger.info("reply sent", metadata: ["attempt": "\(attempt.number)", "messages": "\(messages.count)"])
        }
        return nil
    }

    /// How much longer a message whose earlier send (`sendAge` ago) is unresolved waits for the provider's report,
    /// or nil to send it again now: `RetryPolicies.unconfirmedSendWait` from that send, and never before this
    /// process has been up `RetryPolicies.reportBacklogWait` (reports that came while it was down are still queued).
    static func reportWait(sendAge: Duration, uptime: Duration) -> Duration? {
        let remaining = max(RetryPolicies.unconfirmedSendWait - sendAge, RetryPolicies.reportBacklogWait - uptime)
        return remaining > .zero ? remaining : nil
    }

    /// Sends each message not sent yet, recording each as soon as the provider accepted it. Returns the first
    /// send failure (later messages wait for the retry, so they keep their order).
    ///
    /// Before each send its intent is recorded, and the message's id goes with it as the reference the provider's
    /// reports echo: if the record of the send is then lost, a report still shows it went out (`recordStatus`).
    private func send(_ reply: OutboundReply, messages: [OutgoingMessage], parts: [OutboundStore.Part],
                      attempt: OutboundStore.Attempt, through sender: any ReplySender, logger: Logger) async throws -> DeliveryError? {
        guard !messages.isEmpty else { return .permanent("the reply is empty: no text and no attachments") }
        let queue = parts.isEmpty ? [(id: reply.replyID, message: messages[0])] : parts.map { ($0.id, $0.message) }
        for (id, message) in queue where !attempt.sentParts.contains(id) {
            let unconfirmed = attempt.unconfirmed.contains(id)
            if unconfirmed {
                // No report showed whether the earlier send went out: this one may be a second copy.
                Counter(label: "replies_total", dimensions: [("outcome", "resent_unconfirmed")]).increment()
                logger.warning("sending again without word on an earlier send of this message", metadata: [
                    "message_id": "\(id)", "provider": "\(reply.provider.rawValue)"])
            }
            if !attempt.intentRecorded.contains(id) {
                try await store.markSending(id: id, tenant: reply.tenant, unconfirmed: unconfirmed)
            }
            let started = ContinuousClock.now
            let providerSID: String?
            do throws(DeliveryError) {
                if let template = reply.template, let templateID = templateID(template.kind, for: reply.provider) {
                    providerSID = try await sender.send(template: template, id: templateID, text: message.text,
                                                        to: reply.destination, reference: id)
                } else {
                    if let template = reply.template {
                        logger.warning("no approved template configured; sent as free-form text, which WhatsApp delivers only inside the 24-hour window",
                                       metadata: ["variable": "\(TemplateSettings.variable(template.kind, reply.provider))"])
                    }
                    providerSID = try await sender.send(message, to: reply.destination, reference: id)
                }
            } catch {
                if case .unanswered = error {} else {
                    // The provider answered: it did not take the message. Were this lost, the next attempt would only
                    // wait for a report that never comes (bounded), so a failure here is not the send's failure.
                    try? await store.clearSending(id: id, tenant: reply.tenant)
                }
                return error
            }
            // The window: the provider has the message and this UPDATE has not committed yet. Should it never commit,
            // the intent stays, the redelivered reply waits, and the provider's report of this send records it.
            try await recordSent(id: id, tenant: reply.tenant, providerSID: providerSID)
            let elapsed = ContinuousClock.now - started
            Timer(label: "reply_send_duration_seconds", dimensions: [("provider", reply.provider.rawValue)])
                .recordNanoseconds(elapsed.nanoseconds)
        }
        if !parts.isEmpty { try await recordSent(id: reply.replyID, tenant: reply.tenant, providerSID: nil) }
        return nil
    }

    /// The provider's id of an approved template (nil: none configured); the console prints templates and needs none.
    private func templateID(_ kind: TemplateKind, for provider: Provider) -> String? {
        guard configuration.replyMode != .console, provider != .console else { return "" }
        return templates.ids[provider]?[kind]
    }

    /// The provider has the message, so its record must not be lost to a passing PostgreSQL error (a deadlock, a
    /// restart): that would send it again on redelivery. The UPDATE is retried, holding the claim, for up to a
    /// minute; only then is the reply put off, and the documented window applies. The connections outlive the
    /// consumers' handlers at shutdown (`Infrastructure.run`); a handler's task that is cancelled stops retrying.
    private func recordSent(id: String, tenant: String, providerSID: String?) async throws {
        let deadline = ContinuousClock.now + RetryPolicies.recordSentLimit
        for wait in RetryPolicies.recordSent.delays() {
            do {
                return try await store.markSent(id: id, tenant: tenant, providerSID: providerSID)
            } catch {
                guard ContinuousClock.now + wait < deadline else { throw error }
                logger.warning("cannot record a sent message yet; trying again", metadata: [
                    "reply_id": "\(id)", "error": "\(error)", "retry_in_ms": "\(wait.milliseconds)",
                ])
                try await Task.sleep(for: wait)
            }
        }
    }

    private func failed(_ reply: OutboundReply, queue: String, attempt: Int, error: DeliveryError, logger: Logger) async throws {
        if error.isRetryable, attempt < policy.maxAttempts {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter, random: Double.random(in: 0...1))
            try await store.markFailed(reply, error: error.description)
            try await publishDelayed(try infrastructure.queues.outgoing(reply, to: queue), by: delay)
            Counter(label: "replies_total", dimensions: [("outcome", "retried")]).increment()
            logger.warning("send failed; will retry", metadata: [
                "attempt": "\(attempt)", "delay_ms": "\(delay.milliseconds)", "error": "\(error)",
            ])
            return
        }
        // The dead-letter consumer (recordDeadLetter) records it as dead, where `fintrak dead-letters` finds it.
        let queues = infrastructure.queues
        var outgoing = try queues.reply(reply)
        outgoing.routingKey = queues.deadLetters(of: queues.replies)
        outgoing.headers["x-last-error"] = String(error.description.prefix(500))
        try await infrastructure.publisher.publish(outgoing)
        logger.error("reply dead-lettered", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
    }

    /// Not now, and not counted as an attempt: the reply goes back through a delay queue (1 s, doubling with each
    /// postponement up to 30 s). Used while another delivery of the same reply is in progress and while
    /// PostgreSQL cannot record it, so an outage delays replies instead of using up their attempts.
    /// `after`: the wait, when the caller knows it (else the back-off by the count of postponements).
    private func postpone(_ reply: OutboundReply, _ delivery: AMQPDelivery, queue: String, reason: String,
                          after wait: Duration? = nil, logger: Logger) async -> AMQPDisposition {
        // Bounded: a header is read from the broker, and "\(count + 1)" must not overflow on a forged one.
        let count = min(max(Int(delivery.headers[Self.postponedHeader] ?? "") ?? 0, 0), 10_000)
        let delay = wait ?? RetryPolicies.replyPostponed.delay(retry: count + 1)
        do {
            var outgoing = try infrastructure.queues.outgoing(reply, to: queue)
            outgoing.headers[Self.postponedHeader] = "\(count + 1)"
            try await publishDelayed(outgoing, by: delay)
            Counter(label: "replies_total", dimensions: [("outcome", "postponed")]).increment()
            logger.warning("reply postponed", metadata: ["reason": "\(reason)", "delay_ms": "\(delay.milliseconds)"])
            return .ack
        } catch {
            logger.error("reply requeued", metadata: ["reason": "\(reason)", "error": "\(error)"])
            return .requeue
        }
    }

    static let postponedHeader = "x-fintrak-postponed"

    /// Parks `message` in the delay queue whose bound fits `delay`; its TTL then returns it to the replies queue.
    private func publishDelayed(_ message: AMQPOutgoing, by delay: Duration) async throws {
        try await infrastructure.publisher.publish(infrastructure.queues.delayed(message, by: delay))
    }

    /// One step for `fintrak trace`, under the inbound message's id.
    func trace(_ reply: OutboundReply, _ event: String, since started: ContinuousClock.Instant? = nil, detail: String? = nil) {
        infrastructure.events.record(MessageEvent(
            messageID: reply.inReplyTo, correlationID: reply.correlationID, tenant: reply.tenant, service: Self.name,
            event: event, queue: infrastructure.queues.replies, duration: started.map { ContinuousClock.now - $0 },
            detail: detail))
    }

    // MARK: Dead letters

    /// Everything that reaches the replies' dead-letter queue — sent there after the last attempt or a permanent
    /// error, or by the broker (an unreadable message, the queue's delivery limit) — is recorded as `dead` in
    /// `outbound_messages` with its last error, so `fintrak dead-letters list` shows it and `replay` can send it.
    func recordDeadLetter(_ delivery: AMQPDelivery) async -> AMQPDisposition {
        guard let reply = try? EnvelopeCoding.decode(OutboundReply.self, from: delivery.body) else {
            // Nothing to deliver it to and nothing to replay: dropped, logged by its ids and size (a body holds a
            // reply's text and a phone number, which logs never carry).
            logger.error("unreadable dead letter dropped", metadata: delivery.unreadableSummary)
            return .ack
        }
        let error = delivery.headers["x-last-error"]
            ?? "dead-lettered by the broker: \(delivery.headers["x-first-death-reason"] ?? "unknown reason")"
        do {
            try await store.recordDead(reply, error: error)
            Counter(label: "replies_total", dimensions: [("outcome", "dead")]).increment()
            FintrakMetrics.deadLetters(queue: infrastructure.queues.replies).increment()
            trace(reply, "dead", detail: "\(error.prefix(120))")
            return .ack
        } catch {
            // PostgreSQL is away: keep the dead letter (its queue has no delivery limit) and slow down.
            logger.error("cannot record a dead letter; will try again", metadata: [
                "reply_id": "\(reply.replyID)", "error": "\(error)",
            ])
            try? await Task.sleep(for: RetryPolicies.deadLetterRecordPause)
            return .requeue
        }
    }

    // MARK: Delivery reports

    func recordStatus(_ delivery: AMQPDelivery) async -> AMQPDisposition {
        guard let event = try? EnvelopeCoding.decode(DeliveryStatusEvent.self, from: delivery.body) else {
            logger.error("undecodable delivery report dead-lettered")
            return .deadLetter
        }
        let metadata: Logger.Metadata = [
            "provider": "\(event.provider.rawValue)", "provider_message_id": "\(event.providerMessageID)",
            "status": "\(event.status)",
        ]
        do {
            switch try await statuses.record(event) {
            case .recorded, .stale:
                return .ack
            case .reconciled:
                // The report came before the send's own record: the sender may still record it (a report can overtake
                // it), or it was cut off (`outbound_messages.recorded_from_report` stays true then).
                Counter(label: "replies_total", dimensions: [("outcome", "reconciled")]).increment()
                logger.info("a send is recorded from the provider's report before its own record", metadata: metadata)
                return .ack
            case .unknown where delivery.deliveryCount < RetryPolicies.earlyDeliveryReportAttempts:
                // A report can overtake the record of its own send by a moment: look again shortly.
                try? await Task.sleep(for: RetryPolicies.earlyDeliveryReport.delay(retry: delivery.deliveryCount + 1))
                return .requeue
            case .unknown:
                logger.info("delivery report for a message with no outbound record; ignored", metadata: metadata)
                return .ack
            }
        } catch {
            logger.error("cannot record a delivery report", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            try? await Task.sleep(for: RetryPolicies.deliveryReportPause)
            return .requeue
        }
    }
}
