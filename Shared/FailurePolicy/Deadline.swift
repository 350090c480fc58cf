import Synchronization

/// An operation did not finish within its limit. It may still finish later (its result is then dropped), so the
/// caller treats it as not done: a publish as not enqueued, a readiness probe as failed.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let limit: Duration
    public var description: String { "did not finish within \(limit)" }
}

/// Waits at most `limit` for `operation`, which runs in a task of its own and is never awaited past the limit:
/// an operation that ignores cancellation (a blocked C call, a publish in flight that cannot be taken back) cannot
/// hold the caller. Its late result is dropped.
/// - Throws: `DeadlineExceeded` after `limit`, or what `operation` throws before it.
public func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = ResumeOnce<T>()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        once.arm(continuation)
        let timer = Task {
            try await Task.sleep(for: limit)
            once.finish(.failure(DeadlineExceeded(limit: limit)))
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
