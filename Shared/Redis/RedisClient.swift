import Foundation
import Logging

/// A fixed set of Redis connections, taken in turn. Each connects on first use (AUTH and SELECT included) and is
/// checked before each use: a connection the server closed (a restart), or one older than a failure any connection
/// of the pool saw, is replaced before a command is sent on it. A command that never reached the server is sent
/// once more at once on a fresh connection; one that may have run is not (`RedisError.mayHaveRun`).
public final class RedisClient: Sendable {
    private let connections: [RedisConnection]
    private let turn: RoundRobin

    /// `url` is `redis://[:password@]host:port/db`. A malformed URL is logged here and thrown by every command.
    public init(url: String, connections: Int = 4, logger: Logger) {
        let endpoint = Result { try RedisEndpoint(url: url) }
        if case .failure(let error) = endpoint { logger.error("\(error)") }
        let failures = RedisFailureEpoch()
        self.connections = (0..<max(1, connections)).map {
            RedisConnection(endpoint: endpoint, index: $0, failures: failures, logger: logger)
        }
        self.turn = RoundRobin(count: self.connections.count)
    }

    /// Any command, e.g. `["HSET", key, field, value]`. Arguments go over the wire with explicit lengths.
    @discardableResult
    public func command(_ arguments: [String]) async throws -> RedisValue {
        try Self.check(arguments)
        return try await nextConnection().command(arguments)
    }

    /// Runs `commands` back to back on one connection and returns their replies in order; if any reply is an
    /// error, that error throws (after all replies were read, so the connection stays usable).
    public func pipeline(_ commands: [[String]]) async throws -> [RedisValue] {
        guard !commands.isEmpty else { return [] }
        try commands.forEach(Self.check)
        return try await nextConnection().pipeline(commands)
    }

    public func get(_ key: String) async throws -> String? {
        switch try await command(["GET", key]) {
        case .null: return nil
        case .string(let value): return value
        case let other: throw RedisError.unexpectedReply(other, to: "GET")
        }
    }

    /// `SET key value [NX] [EX seconds]`. True when the value was stored; false when `onlyIfAbsent` and the key existed.
    @discardableResult
    public func set(_ key: String, _ value: String, expireSeconds: Int? = nil, onlyIfAbsent: Bool = false) async throws -> Bool {
        var arguments = ["SET", key, value]
        if onlyIfAbsent { arguments.append("NX") }
        if let expireSeconds { arguments += ["EX", "\(expireSeconds)"] }
        switch try await command(arguments) {
        case .status("OK"): return true
        case .null: return false
        case let other: throw RedisError.unexpectedReply(other, to: "SET")
        }
    }

    /// Returns how many of `keys` existed.
    @discardableResult
    public func delete(_ keys: String...) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await integer(["DEL"] + keys)
    }

    public func increment(_ key: String) async throws -> Int {
        try await integer(["INCR", key])
    }

    /// False when the key does not exist.
    @discardableResult
    public func expire(_ key: String, seconds: Int) async throws -> Bool {
        try await integer(["EXPIRE", key, "\(seconds)"]) == 1
    }

    public func eval(_ script: String, keys: [String], arguments: [String]) async throws -> RedisValue {
        try await command(["EVAL", script, "\(keys.count)"] + keys + arguments)
    }

    public func ping() async throws {
        let reply = try await command(["PING"])
        guard reply == .status("PONG") else { throw RedisError.unexpectedReply(reply, to: "PING") }
    }

    /// Closes every connection once its queued commands have run; later commands throw.
    public func close() {
        connections.forEach { $0.close() }
    }

    private func nextConnection() -> RedisConnection {
        connections[turn.next()]
    }

    private func integer(_ arguments: [String]) async throws -> Int {
        let reply = try await command(arguments)
        guard case .integer(let value) = reply else { throw RedisError.unexpectedReply(reply, to: arguments[0]) }
        return value
    }

    private static func check(_ arguments: [String]) throws {
        guard !arguments.isEmpty else { throw RedisError(message: "empty command", isConnectionFailure: false) }
    }
}

/// Hands out 0, 1, …, count-1, 0, … to concurrent callers.
private final class RoundRobin: @unchecked Sendable {  // `current` is guarded by `lock`.
    private let lock = NSLock()
    private let count: Int
    private var current = 0

    init(count: Int) {
        self.count = count
    }

    func next() -> Int {
        lock.withLock {
            defer { current = (current + 1) % count }
            return current
        }
    }
}

/// Counts the connection failures the pool's connections have seen, so each can tell whether the server went away
/// since it connected.
final class RedisFailureEpoch: @unchecked Sendable {  // `value` is guarded by `lock`.
    private let lock = NSLock()
    private var value = 0

    var current: Int { lock.withLock { value } }

    func record() { lock.withLock { value += 1 } }
}
