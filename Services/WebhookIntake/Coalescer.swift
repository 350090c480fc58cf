import Synchronization

/// Runs what concurrent requests submit in batches: a submission starts a flush at once if fewer than
/// `maxConcurrentFlushes` are running, else it joins the next batch, which starts as soon as a flush ends. So an idle
/// service adds no delay, and a busy one sends many Redis commands in one pipeline, or many messages to the broker in
/// one call, instead of paying a thread hop and a round trip for each.
final class Coalescer<Input: Sendable, Output: Sendable>: Sendable {
    /// Returns one result per input, in order.
    typealias Flush = @Sendable ([Input]) async -> [Result<Output, any Error>]

    private struct Pending {
        let input: Input
        let continuation: CheckedContinuation<Output, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var flushing = 0
    }

    private let state = Mutex(State())
    private let maxConcurrentFlushes: Int
    private let maxBatch: Int
    private let flush: Flush

    init(maxConcurrentFlushes: Int, maxBatch: Int, flush: @escaping Flush) {
        self.maxConcurrentFlushes = max(1, maxConcurrentFlushes)
        self.maxBatch = max(1, maxBatch)
        self.flush = flush
    }

    func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startFlushing = state.withLock { state in
                state.pending.append(Pending(input: input, continuation: continuation))
                guard state.flushing < maxConcurrentFlushes else { return false }
                state.flushing += 1
                return true
            }
            if startFlushing { Task { await drain() } }
        }
    }

    /// Flushes batches until nothing is pending.
    private func drain() async {
        while let batch = nextBatch() {
            let results = await flush(batch.map(\.input))
            for (index, item) in batch.enumerated() {
                item.continuation.resume(with: index < results.count
                    ? results[index] : .failure(CoalescerError.missingResult))
            }
        }
    }

    private func nextBatch() -> [Pending]? {
        state.withLock { state in
            guard !state.pending.isEmpty else {
                state.flushing -= 1
                return nil
            }
            let count = min(maxBatch, state.pending.count)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return batch
        }
    }
}

enum CoalescerError: Error {
    case missingResult
}
