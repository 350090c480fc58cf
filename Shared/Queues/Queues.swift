import FintrakConfiguration
import FailurePolicy
import FintrakCore
import FintrakRabbitMQ

/// The queues the four services talk through. Every process declares all of them (idempotently) on connect,
/// so any service may start first. `FINTRAK_QUEUE_PREFIX` (default `fintrak`) lets several deployments — or
/// tests running side by side — share one broker without seeing each other's messages.
public struct Queues: Sendable {
    public let invoices: String
    public let questions: String
    public let replies: String
    /// Delivery reports from the providers, for client-responder to record.
    public let statuses: String
    /// Reminders, entry notices and digests: business-initiated messages, consumed beside the replies with a small
    /// prefetch of their own, so a morning of reminders never delays an answer.
    public let reminders: String

    /// The queue names under `prefix` (`FINTRAK_QUEUE_PREFIX`).
    public init(prefix: String = "fintrak") {
        invoices = prefix + ".invoices"
        questions = prefix + ".questions"
        replies = prefix + ".replies"
        statuses = prefix + ".statuses"
        reminders = prefix + ".reminders"
    }

    /// Where the broker puts what `queue` gives up on.
    public func deadLetters(of queue: String) -> String { queue + ".dead" }

    /// Replies that failed wait here, one queue per back-off bound, until their TTL returns them to `replies`:
    /// within one queue the waits are alike, so no message waits long behind a longer one.
    public static let replyRetryBounds = RetryPolicies.replyDelayQueueBounds

    public func replyRetry(bound: Duration) -> String { delayQueue(of: replies, bound: bound) }

    /// Where a message waits before going back to `queue`, in the queue for waits up to `bound`. (Named `.delay.`:
    /// the classic queues of releases before quorum delay queues were `.retry.`, and a queue cannot change type.)
    public func delayQueue(of queue: String, bound: Duration) -> String {
        "\(queue).delay.\(bound.components.seconds)s"
    }

    /// The bounds of the delay queues in front of `queue`: the replies' (and reminders') or the inbound work queues'.
    public func delayBounds(of queue: String) -> [Duration] {
        queue == replies || queue == reminders ? Self.replyRetryBounds : RetryPolicies.inboundDelayQueueBounds
    }

    /// The delay queue for a wait: the smallest bound at least as long as the wait, else the longest.
    public static func delayBound(for delay: Duration, bounds: [Duration]) -> Duration {
        bounds.first { $0 >= delay } ?? bounds.last ?? delay
    }

    /// `message` parked in front of the queue it is addressed to, for `delay`: its TTL then returns it there.
    public func delayed(_ message: AMQPOutgoing, by delay: Duration) -> AMQPOutgoing {
        var parked = message
        parked.routingKey = delayQueue(of: message.routingKey,
                                       bound: Self.delayBound(for: delay, bounds: delayBounds(of: message.routingKey)))
        parked.expiration = delay
        return parked
    }

    /// Every queue, with its dead-letter route and delivery limit, as each process declares them on connect.
    public var topology: [AMQPQueue] {
        var queues: [AMQPQueue] = []
        for (name, limit) in [(invoices, 5), (questions, 5), (replies, 10), (statuses, 5)] {
            queues.append(AMQPQueue(name: name, deadLetterRoutingKey: deadLetters(of: name), deliveryLimit: limit))
            queues.append(AMQPQueue(name: deadLetters(of: name)))
        }
        // A reminder the broker gives up on is a reply like any other there: recorded dead, listed and replayable.
        queues.append(AMQPQueue(name: reminders, deadLetterRoutingKey: deadLetters(of: replies), deliveryLimit: 10))
        // A reminder that failed waits in front of the reminders queue, not the replies'.
        for queue in [replies, reminders, invoices, questions] {
            // Quorum like the rest, so a message waiting out a retry survives the loss of a broker node; expiry
            // dead-letters at least once (RabbitMQ 3.10 or later: message TTL on quorum queues).
            for bound in delayBounds(of: queue) {
                queues.append(AMQPQueue(name: delayQueue(of: queue, bound: bound), deadLetterRoutingKey: queue,
                                        messageTTL: bound))
            }
        }
        return queues
    }

    /// A reply for client-responder; its reply id is the message id, stable across redeliveries.
    public func reply(_ reply: OutboundReply) throws -> AMQPOutgoing {
        AMQPOutgoing(routingKey: replies, body: try EnvelopeCoding.encode(reply), messageID: reply.replyID,
                     correlationID: reply.correlationID)
    }

    /// A reminder, notice or digest for client-responder's reminders consumer; stable id as for replies.
    public func reminder(_ reply: OutboundReply) throws -> AMQPOutgoing {
        try outgoing(reply, to: reminders)
    }

    /// `reply` addressed to `queue` (`replies` or `reminders`).
    public func outgoing(_ reply: OutboundReply, to queue: String) throws -> AMQPOutgoing {
        var outgoing = try self.reply(reply)
        outgoing.routingKey = queue
        return outgoing
    }

    /// An inbound message for one of the work queues.
    public func inbound(_ message: InboundMessage, to queue: String) throws -> AMQPOutgoing {
        AMQPOutgoing(routingKey: queue, body: try EnvelopeCoding.encode(message),
                     messageID: "\(message.provider.rawValue):\(message.providerMessageID)",
                     correlationID: message.correlationID)
    }
}

extension FintrakConfiguration {
    /// The queues of this deployment (`FINTRAK_QUEUE_PREFIX`).
    public var queues: Queues { Queues(prefix: queuePrefix) }
}
