import Synchronization

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
