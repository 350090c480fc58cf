import FailurePolicy
import Testing

@Suite struct InboundRetryTests {
    @Test func anOutageWaitsLongerEachTimeAndUsesNoAttempt() {
        let waits = (0..<6).map { InboundRetry.after(transient: true, failedAttempts: 2, postponements: $0, random: 0.5) }
        #expect(waits == [.postpone(.seconds(1)), .postpone(.seconds(2)), .postpone(.seconds(4)), .postpone(.seconds(8)),
                          .postpone(.seconds(16)), .postpone(.seconds(30))])
    }

    @Test func theMessagesOwnFailuresAreTriedThreeTimesInAll() {
        #expect(InboundRetry.after(transient: false, failedAttempts: 0, postponements: 0, random: 0.5) == .retry(.seconds(1)))
        #expect(InboundRetry.after(transient: false, failedAttempts: 1, postponements: 7, random: 0.5) == .retry(.seconds(2)))
        #expect(InboundRetry.after(transient: false, failedAttempts: 2, postponements: 0) == .giveUp)
    }

    @Test func anOutageThatOutlastsItsPatienceCountsAgainstTheMessage() {
        let limit = RetryPolicies.inboundPostponements
        #expect(InboundRetry.after(transient: true, failedAttempts: 0, postponements: limit, random: 0.5) == .retry(.seconds(1)))
        #expect(InboundRetry.after(transient: true, failedAttempts: 2, postponements: limit) == .giveUp)
    }
}
