@testable import QueryGenerator
import QuestionSamples
import QuestionUnderstanding
import Testing

@Suite struct VocabularyCacheTests {
    @Test func namesAreKeptForAWhileAndPerTenant() {
        let cache = VocabularyCache(lifetime: .seconds(10), capacity: 2)
        let start = ContinuousClock.now
        cache.store(sampleVocabulary, for: "+911", now: start)
        #expect(cache.vocabulary(for: "+911", now: start + .seconds(9)) == sampleVocabulary)
        #expect(cache.vocabulary(for: "+911", now: start + .seconds(10)) == nil)
        #expect(cache.vocabulary(for: "+912", now: start) == nil)
        cache.store(Vocabulary(), for: "+912", now: start)
        cache.store(Vocabulary(), for: "+913", now: start)
        #expect(cache.vocabulary(for: "+911", now: start) == nil, "a full cache starts again")
        #expect(cache.vocabulary(for: "+913", now: start) == Vocabulary())
    }
}
