import Crypto
import FintrakCore

/// A Lua script run with `EVALSHA` (the body crosses the wire only when the server's script cache lacks it),
/// falling back to `EVAL`, which caches it again, when Redis answers NOSCRIPT. The one place that rule lives.
public struct RedisScript: Sendable {
    public let source: String
    /// The SHA-1 of `source`, in hex, as Redis names cached scripts.
    public let sha: String

    /// A script by its Lua source; its digest is computed once.
    public init(_ source: String) {
        self.source = source
        sha = Insecure.SHA1.hash(data: Array(source.utf8)).hexString
    }

    /// Runs the script on `redis`. `send` carries the `EVALSHA` command when the caller batches commands
    /// (intake pipelines them across requests); by default it goes straight to `redis`.
    public func run(on redis: RedisClient, keys: [String], arguments: [String],
                    sending send: (@Sendable ([String]) async throws -> RedisValue)? = nil) async throws -> RedisValue {
        let command = ["EVALSHA", sha, "\(keys.count)"] + keys + arguments
        do {
            if let send { return try await send(command) }
            return try await redis.command(command)
        } catch let error as RedisError where error.isUnknownScript {
            return try await redis.eval(source, keys: keys, arguments: arguments)
        }
    }
}

extension RedisError {
    /// Redis has no script of that digest (after a restart or `SCRIPT FLUSH`).
    public var isUnknownScript: Bool { !isConnectionFailure && message.hasPrefix("NOSCRIPT") }
}
