import CHiredis
import Dispatch
import FailurePolicy
import Foundation
import Logging

/// One hiredis context. hiredis blocks and its contexts are not thread-safe, so every call runs on this
/// connection's own serial queue, never on Swift's cooperative pool. (A serial queue gets a thread of its own
/// when busy; GCD's concurrent queues would not do on Linux, where they share threads with that pool.)
final class RedisConnection: @unchecked Sendable {  // `context` and `isClosed` are touched only on `queue`.
    /// Both the connect timeout and the command timeout.
    private static let timeout = timeval(tv_sec: 2, tv_usec: 0)

    private let endpoint: Result<RedisEndpoint, any Error>
    private let queue: DispatchQueue
    private let logger: Logger
    /// Shared by the pool: one connection that finds the server gone makes the others reconnect before their next use.
    private let failures: RedisFailureEpoch
    private var context: UnsafeMutablePointer<redisContext>?
    /// `failures.current` when `context` connected: a later failure elsewhere makes it suspect.
    private var connectedEpoch = 0
    private var isClosed = false

    init(endpoint: Result<RedisEndpoint, any Error>, index: Int, failures: RedisFailureEpoch, logger: Logger) {
        self.endpoint = endpoint
        self.queue = DispatchQueue(label: "fintrak.redis.\(index)")
        self.failures = failures
        var logger = logger
        logger[metadataKey: "redis.connection"] = "\(index)"
        self.logger = logger
    }

    deinit {
        if let context { redisFree(context) }
    }

    func command(_ arguments: [String]) async throws -> RedisValue {
        try await onQueue {
            try self.resendingUnsent { context in
                try Self.append(arguments, to: context)
                return try Self.singleReply(context)
            }
        }
    }

    /// Sends every command before reading any reply: one round trip, and the replies come back in order.
    /// Every reply is read even when one is an error, so the connection stays in step; then the first error throws.
    func pipeline(_ commands: [[String]]) async throws -> [RedisValue] {
        try await onQueue {
            try self.resendingUnsent { context in
                for arguments in commands { try Self.append(arguments, to: context) }
                return try Self.roundTrip(context, replies: commands.count).map { try $0.get() }
            }
        }
    }

    /// Frees the context once the commands already queued have run; later commands throw.
    func close() {
        queue.async {
            self.isClosed = true
            if let context = self.context { redisFree(context) }
            self.context = nil
        }
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result(catching: work)) }
        }
    }

    /// Runs `body` again, at once, on a fresh connection when it failed without a byte reaching the server (the
    /// connect failed, or the write failed before anything left): Redis never saw it, so sending it again cannot
    /// run it twice (`RetryPolicies.redisUnsentResends`). A failure after bytes left (`mayHaveRun`) is thrown: its
    /// fate is unknown.
    private func resendingUnsent<T>(_ body: (UnsafeMutablePointer<redisContext>) throws -> T) throws -> T {
        var resends = 0
        while true {
            do {
                return try withContext(body)
            } catch let error as RedisError
                where error.isConnectionFailure && !error.mayHaveRun && resends < RetryPolicies.redisUnsentResends {
                resends += 1
            }
        }
    }

    /// Runs `body` on a live context, connecting first if needed. A context is checked before use: if the server
    /// closed it while it sat idle (a restart), or another connection of the pool has since found the server gone,
    /// it is replaced before anything is sent. After a connection failure a hiredis context is dead for good.
    private func withContext<T>(_ body: (UnsafeMutablePointer<redisContext>) throws -> T) throws -> T {
        guard !isClosed else { throw RedisError(message: "the Redis client is closed", isConnectionFailure: false) }
        if let context, connectedEpoch < failures.current || fintrak_redis_peer_closed(context) != 0 {
            logger.info("Redis connection replaced before use: the server closed it or was found gone")
            redisFree(context)
            self.context = nil
        }
        let context: UnsafeMutablePointer<redisContext>
        if let current = self.context {
            context = current
        } else {
            connectedEpoch = failures.current
            context = try connect()
            self.context = context
        }
        do {
            return try body(context)
        } catch let error as RedisError where error.isConnectionFailure {
            logger.warning("Redis connection lost; reconnecting on the next command", metadata: ["error": "\(error.message)"])
            failures.record()
            redisFree(context)
            self.context = nil
            throw error
        }
    }

    private func connect() throws -> UnsafeMutablePointer<redisContext> {
        let endpoint = try endpoint.get()
        let address = "\(endpoint.host):\(endpoint.port)"
        guard let context = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), Self.timeout) else {
            throw RedisError(message: "cannot allocate a context for \(address)", isConnectionFailure: true)
        }
        do {
            guard context.pointee.err == 0, redisSetTimeout(context, Self.timeout) == REDIS_OK else {
                throw Self.failure(of: context, mayHaveRun: false)
            }
            // Keepalive notices a silently vanished server between commands.
            redisEnableKeepAlive(context)
            if let auth = endpoint.authCommand { try Self.execute(auth, on: context) }
            if endpoint.database != 0 { try Self.execute(["SELECT", "\(endpoint.database)"], on: context) }
        } catch let error as RedisError {
            redisFree(context)
            throw RedisError(message: "cannot connect to \(address): \(error.message)", isConnectionFailure: true)
        }
        logger.debug("connected to Redis", metadata: ["address": "\(address)", "database": "\(endpoint.database)"])
        return context
    }

    /// The handshake's commands (AUTH, SELECT).
    private static func execute(_ arguments: [String], on context: UnsafeMutablePointer<redisContext>) throws {
        try append(arguments, to: context)
        _ = try singleReply(context)
    }

    /// Formats a command into hiredis's output buffer; nothing is written yet.
    private static func append(_ arguments: [String], to context: UnsafeMutablePointer<redisContext>) throws {
        guard withArgv(arguments, { redisAppendCommandArgv(context, $0, $1, $2) }) == REDIS_OK else {
            throw failure(of: context, mayHaveRun: false)
        }
    }

    /// Writes what was appended and reads `replies` replies (error replies as failures, the connection still in
    /// step). A broken connection throws, saying whether any byte of the commands had left.
    private static func roundTrip(_ context: UnsafeMutablePointer<redisContext>, replies: Int) throws -> [Result<RedisValue, RedisError>] {
        let unsent = fintrak_redis_unsent_bytes(context)
        return try (0..<replies).map { index in
            try nextReply(context, mayHaveRun: { index > 0 || fintrak_redis_unsent_bytes(context) < unsent })
        }
    }

    /// The one reply to one appended command.
    private static func singleReply(_ context: UnsafeMutablePointer<redisContext>) throws -> RedisValue {
        let unsent = fintrak_redis_unsent_bytes(context)
        return try nextReply(context, mayHaveRun: { fintrak_redis_unsent_bytes(context) < unsent }).get()
    }

    private static func nextReply(_ context: UnsafeMutablePointer<redisContext>, mayHaveRun: () -> Bool) throws -> Result<RedisValue, RedisError> {
        var reply: UnsafeMutableRawPointer?
        guard redisGetReply(context, &reply) == REDIS_OK, let reply else {
            throw failure(of: context, mayHaveRun: mayHaveRun())
        }
        defer { freeReplyObject(reply) }
        return Result { () throws(RedisError) in try value(of: reply.assumingMemoryBound(to: redisReply.self)) }
    }

    private static func failure(of context: UnsafeMutablePointer<redisContext>, mayHaveRun: Bool) -> RedisError {
        RedisError(message: String(cString: fintrak_redis_error(context)), isConnectionFailure: true, mayHaveRun: mayHaveRun)
    }

    private static func value(of pointer: UnsafeMutablePointer<redisReply>) throws(RedisError) -> RedisValue {
        let reply = pointer.pointee
        switch reply.type {
        case REDIS_REPLY_NIL: return .null
        case REDIS_REPLY_INTEGER: return .integer(Int(reply.integer))
        case REDIS_REPLY_STRING: return .string(text(of: reply))
        case REDIS_REPLY_STATUS: return .status(text(of: reply))
        case REDIS_REPLY_ERROR: throw RedisError(message: text(of: reply), isConnectionFailure: false)
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            for index in 0..<reply.elements { elements.append(try value(of: fintrak_redis_reply_element(pointer, index))) }
            return .array(elements)
        default: throw RedisError(message: "unknown reply type \(reply.type)", isConnectionFailure: false)
        }
    }

    /// Uses the length, not the terminating NUL: replies are binary-safe.
    private static func text(of reply: redisReply) -> String {
        guard let bytes = reply.str else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: reply.len), as: UTF8.self)
    }

    /// Calls `body` with hiredis's argc, argv and argvlen for `arguments`; explicit lengths make them binary-safe.
    private static func withArgv<R>(
        _ arguments: [String],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R
    ) -> R {
        var bytes: [CChar] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in arguments {
            offsets.append(bytes.count)
            lengths.append(argument.utf8.count)
            bytes.append(contentsOf: argument.utf8.map { CChar(bitPattern: $0) })
        }
        bytes.append(0)  // never empty, so the buffer always has a base address
        return bytes.withUnsafeBufferPointer { buffer in
            var argv = offsets.map { offset in buffer.baseAddress.map { $0 + offset } }
            return body(Int32(arguments.count), &argv, lengths)
        }
    }
}
