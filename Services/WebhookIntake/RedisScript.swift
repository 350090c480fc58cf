import Crypto
import FintrakRedis
import Foundation
import Synchronization

/// A Lua script run with `EVALSHA` (the body travels once per connection lifetime of the server's script cache,
/// not with every call), falling back to `EVAL` when the server does not know it yet.
struct RedisScript: Sendable {
    let source: String
    let sha: String

    init(_ source: String) {
        self.source = source
        sha = Insecure.SHA1.hash(data: Data(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    func run(on redis: RedisClient, keys: [String], arguments: [String]) async throws -> RedisValue {
        do {
            return try await redis.command(["EVALSHA", sha, "\(keys.count)"] + keys + arguments)
        } catch let error as RedisError where !error.isConnectionFailure && error.message.hasPrefix("NOSCRIPT") {
            return try await redis.eval(source, keys: keys, arguments: arguments)
        }
    }
}

/// The broker did not confirm in time: the message may still arrive, so the caller treats it as not enqueued.
struct ConfirmTimeout: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "the broker did not confirm within \(limit)" }
}

/// Waits at most `limit` for `operation`. The operation is not cancelled (a publish in flight cannot be taken
/// back); its late result is dropped. Used so that a blocked broker gets the provider a 503, not a hung request.
func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = ResumeOnce<T>()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        once.arm(continuation)
        let timer = Task {
            try await Task.sleep(for: limit)
            once.finish(.failure(ConfirmTimeout(limit: limit)))
        }
        Task {
            do {
                once.finish(.success(try await operation()))
            } catch {
                once.finish(.failure(error))
            }
            timer.cancel()
        }
    }
}

/// A continuation resumed by whichever comes first; later results are dropped.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let pending = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        pending.withLock { $0 = continuation }
    }

    func finish(_ result: Result<T, any Error>) {
        let continuation = pending.withLock { pending in
            defer { pending = nil }
            return pending
        }
        continuation?.resume(with: result)
    }
}
