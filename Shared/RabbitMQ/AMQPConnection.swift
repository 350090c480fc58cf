import FintrakCore
import CRabbitMQ
import Foundation

/// What the broker sent that the connection's owner must act on.
enum AMQPEvent {
    /// Publisher confirm: the broker has the message(s) up to `tag`.
    case ack(tag: UInt64, multiple: Bool)
    /// Publisher confirm: the broker refused the message(s).
    case nack(tag: UInt64, multiple: Bool)
    /// A mandatory message no queue took; its ack follows.
    case returned(routingKey: String, body: Data, reason: String)
    case delivery(tag: UInt64, AMQPDelivery)
}

/// One rabbitmq-c connection with channel 1 open: the only place that touches rabbitmq-c.
/// Not thread-safe (neither is rabbitmq-c): only the thread that created it may use it.
/// Any error it throws means the connection is unusable; drop it and connect again.
final class AMQPConnection {
    private let state: amqp_connection_state_t
    private let channel: amqp_channel_t = 1
    private var consumerTag: String?

    private static let heartbeatSeconds: Int32 = 30
    /// rabbitmq-c sends and checks heartbeats only inside library calls: owners call `nextEvent()` at least this often.
    static let serviceInterval: Duration = .seconds(1)

    /// Opens the socket, logs in and opens channel 1.
    init(endpoint: AMQPEndpoint) throws {
        guard let state = amqp_new_connection() else { throw AMQPError("cannot allocate a connection") }
        // From here on `deinit` destroys the state, also when a later step throws.
        self.state = state
        guard let socket = amqp_tcp_socket_new(state) else { throw AMQPError("cannot allocate a socket") }
        var connectTimeout = timeval(tv_sec: 5, tv_usec: 0)
        try check(
            amqp_socket_open_noblock(socket, endpoint.host, Int32(endpoint.port), &connectTimeout),
            "connect to \(endpoint)")
        // Without a limit a broker that stops answering would hang the owning thread inside an RPC.
        var rpcTimeout = timeval(tv_sec: 10, tv_usec: 0)
        try check(amqp_set_rpc_timeout(state, &rpcTimeout), "set RPC timeout")
        try check(
            fintrak_amqp_login_plain(
                state, endpoint.vhost, 0, 131_072, Self.heartbeatSeconds, endpoint.user, endpoint.password),
            "log in to \(endpoint)")
        _ = amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "open channel")
    }

    deinit { amqp_destroy_connection(state) }

    /// For `poll`: readable when the broker sent something.
    var socketDescriptor: Int32 { amqp_get_sockfd(state) }

    /// Closes politely (the broker then requeues unacknowledged deliveries at once).
    func close() {
        _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
    }

    /// Declares durable queues; idempotent while the arguments stay the same.
    func declare(_ queues: [AMQPQueue]) throws {
        for queue in queues {
            var arena = CArena()
            defer { arena.free() }
            _ = amqp_queue_declare(state, channel, arena.bytes(queue.name), 0, 1, 0, 0, arena.table(queue.arguments))
            try check(amqp_get_rpc_reply(state), "declare queue \(queue.name)")
        }
    }

    /// Messages waiting and consumers of an existing queue: a passive declare, which creates and changes nothing.
    /// A missing queue closes the channel, so it throws and the connection is done.
    func statistics(of queue: String) throws -> AMQPQueueStatistics {
        var arena = CArena()
        defer { arena.free() }
        let reply = amqp_queue_declare(state, channel, arena.bytes(queue), 1, 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "look up queue \(queue)")
        guard let reply else { throw AMQPError("no answer for queue \(queue)") }
        return AMQPQueueStatistics(queue: queue, messages: Int(reply.pointee.message_count),
                                   consumers: Int(reply.pointee.consumer_count))
    }

    /// Publisher confirms: the broker acks each publish by delivery tag, counting from 1.
    func enableConfirms() throws {
        _ = amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "enable publisher confirms")
    }

    /// Starts consuming `queue` with manual acks and at most `prefetch` unacknowledged deliveries.
    func consume(queue: String, prefetch: Int) throws {
        // global=0: quorum queues do not support a channel-wide prefetch.
        _ = amqp_basic_qos(state, channel, 0, UInt16(clamping: prefetch), 0)
        try check(amqp_get_rpc_reply(state), "set prefetch")
        var arena = CArena()
        defer { arena.free() }
        let ok = amqp_basic_consume(state, channel, arena.bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "consume \(queue)")
        consumerTag = ok.map { string($0.pointee.consumer_tag) }
    }

    /// Stops deliveries; those already sent stay unacknowledged until acked or the connection closes.
    func cancelConsumer() throws {
        guard let consumerTag else { return }
        var arena = CArena()
        defer { arena.free() }
        _ = amqp_basic_cancel(state, channel, arena.bytes(consumerTag))
        try check(amqp_get_rpc_reply(state), "cancel consumer")
        self.consumerTag = nil
    }

    /// Publishes persistently and mandatory to the default exchange; the confirm comes later as an event.
    func publish(_ message: AMQPOutgoing) throws {
        var arena = CArena()
        defer { arena.free() }
        var properties = amqp_basic_properties_t()
        properties._flags = amqp_flags_t(AMQP_BASIC_DELIVERY_MODE_FLAG)
        properties.delivery_mode = 2
        if let messageID = message.messageID {
            properties._flags |= amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG)
            properties.message_id = arena.bytes(messageID)
        }
        if let correlationID = message.correlationID {
            properties._flags |= amqp_flags_t(AMQP_BASIC_CORRELATION_ID_FLAG)
            properties.correlation_id = arena.bytes(correlationID)
        }
        if let expiration = message.expiration {
            properties._flags |= amqp_flags_t(AMQP_BASIC_EXPIRATION_FLAG)
            properties.expiration = arena.bytes(String(max(0, expiration.milliseconds)))
        }
        if !message.headers.isEmpty {
            properties._flags |= amqp_flags_t(AMQP_BASIC_HEADERS_FLAG)
            properties.headers = arena.table(message.headers.map { ($0.key, .string($0.value)) })
        }
        let routingKey = arena.bytes(message.routingKey)
        let status = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                state, channel, amqp_empty_bytes, routingKey, 1, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
        }
        try check(status, "publish to \(message.routingKey)")
    }

    func ack(_ deliveryTag: UInt64) throws {
        try check(amqp_basic_ack(state, channel, deliveryTag, 0), "ack")
    }

    func nack(_ deliveryTag: UInt64, requeue: Bool) throws {
        try check(amqp_basic_nack(state, channel, deliveryTag, 0, requeue ? 1 : 0), "nack")
    }

    /// The next event already received, without blocking; nil when there is none yet.
    /// Also sends heartbeats when due and notices missing ones from the broker.
    func nextEvent() throws -> AMQPEvent? {
        while true {
            // Frames are decoded into pools that grow until released; the previous event has been copied out.
            amqp_maybe_release_buffers(state)
            var frame = amqp_frame_t()
            var noWait = timeval(tv_sec: 0, tv_usec: 0)
            let status = amqp_simple_wait_frame_noblock(state, &frame, &noWait)
            if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
            try check(status, "read from broker")
            guard frame.frame_type == UInt8(AMQP_FRAME_METHOD), let decoded = frame.payload.method.decoded else {
                continue
            }
            switch frame.payload.method.id {
            case AMQP_BASIC_ACK_METHOD:
                let ack = decoded.load(as: amqp_basic_ack_t.self)
                return .ack(tag: ack.delivery_tag, multiple: ack.multiple != 0)
            case AMQP_BASIC_NACK_METHOD:
                let nack = decoded.load(as: amqp_basic_nack_t.self)
                return .nack(tag: nack.delivery_tag, multiple: nack.multiple != 0)
            case AMQP_BASIC_RETURN_METHOD:
                let returned = decoded.load(as: amqp_basic_return_t.self)
                let routingKey = string(returned.routing_key)
                let reason = "\(returned.reply_code) \(string(returned.reply_text))"
                let (body, _) = try readMessage(frame.channel)
                return .returned(routingKey: routingKey, body: body, reason: reason)
            case AMQP_BASIC_DELIVER_METHOD:
                let deliver = decoded.load(as: amqp_basic_deliver_t.self)
                let routingKey = string(deliver.routing_key)
                let (body, properties) = try readMessage(frame.channel)
                let delivery = AMQPDelivery(
                    body: body, routingKey: routingKey, messageID: properties.messageID,
                    correlationID: properties.correlationID, headers: properties.headers,
                    redelivered: deliver.redelivered != 0, deliveryCount: properties.deliveryCount)
                return .delivery(tag: deliver.delivery_tag, delivery)
            case AMQP_CHANNEL_CLOSE_METHOD:
                let close = decoded.load(as: amqp_channel_close_t.self)
                var closeOK = amqp_channel_close_ok_t()
                _ = amqp_send_method(state, frame.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &closeOK)
                throw AMQPError("broker closed the channel: \(describe(close))")
            case AMQP_CONNECTION_CLOSE_METHOD:
                let close = decoded.load(as: amqp_connection_close_t.self)
                var closeOK = amqp_connection_close_ok_t()
                _ = amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &closeOK)
                throw AMQPError("broker closed the connection: \(describe(close))")
            case AMQP_BASIC_CANCEL_METHOD:
                // The queue went away under the consumer; reconnecting declares it again.
                throw AMQPError("broker cancelled the consumer")
            default:
                continue
            }
        }
    }

    /// The properties a delivery exposes.
    private struct Properties {
        var messageID: String?
        var correlationID: String?
        var headers: [String: String] = [:]
        var deliveryCount = 0
    }

    /// Reads the header and body frames that follow a basic.deliver or basic.return.
    private func readMessage(_ channel: amqp_channel_t) throws -> (Data, Properties) {
        var message = amqp_message_t()
        try check(amqp_read_message(state, channel, &message, 0), "read message")
        defer { amqp_destroy_message(&message) }
        let body = message.body.bytes.map { Data(bytes: $0, count: message.body.len) } ?? Data()
        let raw = message.properties
        var properties = Properties()
        if raw._flags & amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG) != 0 { properties.messageID = string(raw.message_id) }
        if raw._flags & amqp_flags_t(AMQP_BASIC_CORRELATION_ID_FLAG) != 0 {
            properties.correlationID = string(raw.correlation_id)
        }
        if raw._flags & amqp_flags_t(AMQP_BASIC_HEADERS_FLAG) != 0 {
            for index in 0..<Int(raw.headers.num_entries) {
                let entry = raw.headers.entries[index]
                let key = string(entry.key)
                if key == "x-delivery-count" {
                    properties.deliveryCount = integer(entry.value) ?? 0
                } else if let value = text(entry.value) {
                    properties.headers[key] = value
                }
            }
        }
        return (body, properties)
    }

    private func check(_ status: Int32, _ context: @autoclosure () -> String) throws {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        throw AMQPError("\(context()): \(String(cString: amqp_error_string2(status)))",
                        timedOut: status == AMQP_STATUS_TIMEOUT.rawValue)
    }

    private func check(_ reply: amqp_rpc_reply_t, _ context: @autoclosure () -> String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            try check(reply.library_error, context())
            throw AMQPError("\(context()): library error")
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded?.load(as: amqp_connection_close_t.self)
            throw AMQPError("\(context()): broker closed the connection: \(describe(close))")
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD:
            let close = reply.reply.decoded?.load(as: amqp_channel_close_t.self)
            throw AMQPError("\(context()): broker closed the channel: \(describe(close))")
        default:
            throw AMQPError("\(context()): unexpected reply from the broker")
        }
    }
}

/// channel.close and connection.close carry the same reason fields.
private protocol CloseReason {
    var reply_code: UInt16 { get }
    var reply_text: amqp_bytes_t { get }
}
extension amqp_channel_close_t: CloseReason {}
extension amqp_connection_close_t: CloseReason {}

private func describe(_ close: (some CloseReason)?) -> String {
    guard let close else { return "no reason given" }
    return "\(close.reply_code) \(string(close.reply_text))"
}

private func string(_ bytes: amqp_bytes_t) -> String {
    String(decoding: UnsafeRawBufferPointer(start: bytes.bytes, count: bytes.len), as: UTF8.self)
}

private func text(_ value: amqp_field_value_t) -> String? {
    switch Int(value.kind) {
    case Int(AMQP_FIELD_KIND_UTF8.rawValue), Int(AMQP_FIELD_KIND_BYTES.rawValue): string(value.value.bytes)
    default: nil
    }
}

/// The broker writes counters with whichever integer width it likes.
private func integer(_ value: amqp_field_value_t) -> Int? {
    switch Int(value.kind) {
    case Int(AMQP_FIELD_KIND_I8.rawValue): Int(value.value.i8)
    case Int(AMQP_FIELD_KIND_U8.rawValue): Int(value.value.u8)
    case Int(AMQP_FIELD_KIND_I16.rawValue): Int(value.value.i16)
    case Int(AMQP_FIELD_KIND_U16.rawValue): Int(value.value.u16)
    case Int(AMQP_FIELD_KIND_I32.rawValue): Int(value.value.i32)
    case Int(AMQP_FIELD_KIND_U32.rawValue): Int(value.value.u32)
    case Int(AMQP_FIELD_KIND_I64.rawValue): Int(value.value.i64)
    case Int(AMQP_FIELD_KIND_U64.rawValue): Int(clamping: value.value.u64)
    default: nil
    }
}

/// C copies of Swift values for the length of one library call; `free()` releases them all.
private struct CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    mutating func bytes(_ string: String) -> amqp_bytes_t {
        let utf8 = Array(string.utf8)
        let block = allocate(byteCount: max(utf8.count, 1), alignment: 1)
        block.copyMemory(from: utf8, byteCount: utf8.count)
        return amqp_bytes_t(len: utf8.count, bytes: block)
    }

    mutating func table(_ fields: [(String, AMQPFieldValue)]) -> amqp_table_t {
        let entries = allocate(
            byteCount: MemoryLayout<amqp_table_entry_t>.stride * max(fields.count, 1),
            alignment: MemoryLayout<amqp_table_entry_t>.alignment
        ).bindMemory(to: amqp_table_entry_t.self, capacity: fields.count)
        for (index, (key, value)) in fields.enumerated() {
            var field = amqp_field_value_t()
            switch value {
            case .string(let string):
                field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
                field.value.bytes = bytes(string)
            case .integer(let integer):
                field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
                field.value.i64 = integer
            }
            (entries + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: field))
        }
        return amqp_table_t(num_entries: Int32(fields.count), entries: entries)
    }

    func free() {
        for block in blocks { block.deallocate() }
    }

    private mutating func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: alignment)
        blocks.append(block)
        return block
    }
}
