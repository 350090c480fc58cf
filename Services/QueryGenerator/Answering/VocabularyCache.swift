import Foundation
import QuestionUnderstanding
import Synchronization

/// Each tenant's payee and category names for a minute, so a busy tenant with many payees does not pay for a
/// loose index scan per question. A name that is not found is always looked up again (QuestionAnswerer), so a
/// payee stored a moment ago is never reported missing.
final class VocabularyCache: Sendable {
    private struct Entry {
        var vocabulary: Vocabulary
        var loaded: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(60), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func vocabulary(for tenant: String, now: ContinuousClock.Instant = .now) -> Vocabulary? {
        entries.withLock { entries in
            guard let entry = entries[tenant], now - entry.loaded < lifetime else { return nil }
            return entry.vocabulary
        }
    }

    func store(_ vocabulary: Vocabulary, for tenant: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[tenant] = Entry(vocabulary: vocabulary, loaded: now)
        }
    }
}
