import FailurePolicy
import FintrakCore
import Foundation
import Logging

/// Everything that goes wrong talking to the broker: connection, protocol, nack, unroutable message.
public struct AMQPError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The broker did not answer in time (a connect, or an RPC such as a queue declare): a slow broker, or a hung one.
    public let timedOut: Bool
    public init(_ message: String, timedOut: Bool = false) {
        self.message = message
        self.timedOut = timedOut
    }
    public var description: String { "AMQP: \(message)" }
}

extension AMQPError: TransientFailure {
    /// The broker away, a nack or an unconfirmed publish: the moment's trouble, never the message's.
    public var isTransient: Bool { true }
}

/// Where the broker is: parsed from `amqp://user:pass@host:port/vhost`.
public struct AMQPEndpoint: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let user: String
    public let password: String
    public let vhost: String

    public init(url: String) throws {
        // Never echo the URL back: it carries the password.
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "amqp",
            let host = components.host, !host.isEmpty
        else { throw AMQPError("invalid broker URL (expected amqp://user:pass@host:port/vhost)") }
        self.host = host
        port = components.port ?? 5672
        // Defaults of the AMQP URI spec; `user`, `password` and `path` come percent-decoded.
        user = components.user ?? "guest"
        password = components.password ?? "guest"
        let path = components.path
        vhost = path.count > 1 ? String(path.dropFirst()) : "/"
    }

    /// For logs: no credentials.
    public var description: String { "amqp://\(host):\(port) vhost \(vhost)" }
}

/// A durable queue and how it dead-letters. Declared idempotently on every (re)connect.
public struct AMQPQueue: Sendable, Hashable {
    public var name: String
    /// `x-queue-type=quorum`.
    public var quorum: Bool
    /// Dead-letters to the default exchange "" with this routing key.
    public var deadLetterRoutingKey: String?
    /// `x-delivery-limit` (quorum only).
    public var deliveryLimit: Int?
    /// `x-message-ttl` (delay queues; on quorum queues from RabbitMQ 3.10).
    public var messageTTL: Duration?

    public init(
        name: String, quorum: Bool = true, deadLetterRoutingKey: String? = nil, deliveryLimit: Int? = nil,
        messageTTL: Duration? = nil
    ) {
        self.name = name
        self.quorum = quorum
        self.deadLetterRoutingKey = deadLetterRoutingKey
        self.deliveryLimit = deliveryLimit
        self.messageTTL = messageTTL
    }

    /// The `queue.declare` arguments.
    var arguments: [(String, AMQPFieldValue)] {
        var arguments: [(String, AMQPFieldValue)] = []
        if quorum { arguments.append(("x-queue-type", .string("quorum"))) }
        if let deadLetterRoutingKey {
            arguments.append(("x-dead-letter-exchange", .string("")))
            arguments.append(("x-dead-letter-routing-key", .string(deadLetterRoutingKey)))
            if quorum {
                // Lossless dead-lettering: the broker keeps a message until the dead-letter queue has it.
                arguments.append(("x-dead-letter-strategy", .string("at-least-once")))
                arguments.append(("x-overflow", .string("reject-publish")))
            }
        }
        if quorum, let deliveryLimit { arguments.append(("x-delivery-limit", .integer(Int64(deliveryLimit)))) }
        if let messageTTL { arguments.append(("x-message-ttl", .integer(messageTTL.milliseconds))) }
        return arguments
    }
}

/// A message to publish to the default exchange "" (routing key = queue name).
public struct AMQPOutgoing: Sendable {
    public var routingKey: String
    public var body: Data
    public var messageID: String?
    public var correlationID: String?
    public var headers: [String: String]
    /// Per-message TTL.
    public var expiration: Duration?

    public init(
        routingKey: String, body: Data, messageID: String? = nil, correlationID: String? = nil,
        headers: [String: String] = [:], expiration: Duration? = nil
    ) {
        self.routingKey = routingKey
        self.body = body
        self.messageID = messageID
        self.correlationID = correlationID
        self.headers = headers
        self.expiration = expiration
    }
}

/// A message handed to a consumer's handler.
public struct AMQPDelivery: Sendable {
    public let body: Data
    public let routingKey: String
    public let messageID: String?
    public let correlationID: String?
    /// The string-valued headers.
    public let headers: [String: String]
    public let redelivered: Bool
    /// The broker's `x-delivery-count` (0 on the first delivery).
    public let deliveryCount: Int

    /// Public so that services can unit-test their handlers without a broker.
    public init(
        body: Data, routingKey: String, messageID: String? = nil, correlationID: String? = nil,
        headers: [String: String] = [:], redelivered: Bool = false, deliveryCount: Int = 0
    ) {
        self.body = body
        self.routingKey = routingKey
        self.messageID = messageID
        self.correlationID = correlationID
        self.headers = headers
        self.redelivered = redelivered
        self.deliveryCount = deliveryCount
    }
}

extension AMQPDelivery {
    /// What a log line may say about a message no one could read: its size, its ids and why the broker gave it up.
    /// Never its body, which holds a sender's words and number.
    public var unreadableSummary: Logger.Metadata {
        var summary: Logger.Metadata = [
            "bytes": "\(body.count)", "queue": "\(routingKey)",
            "reason": "\(headers["x-first-death-reason"] ?? "unknown")",
        ]
        if let messageID { summary["message_id"] = "\(messageID)" }
        if let correlationID { summary["correlation_id"] = "\(correlationID)" }
        return summary
    }
}

/// What a handler decided about a delivery.
public enum AMQPDisposition: Sendable {
    case ack
    /// `basic.nack` with requeue=false: the queue's dead-letter route takes it.
    case deadLetter
    /// `basic.nack` with requeue=true: delivered again.
    case requeue
}

/// A value in an AMQP field table (queue arguments, message headers).
enum AMQPFieldValue {
    case string(String)
    case integer(Int64)
}
