import FailurePolicy
import Testing

@Suite struct BackoffTests {
    @Test func doublesFromTheBaseUpToTheCap() {
        let backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
        #expect((1...8).map { backoff.delay(retry: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
            .milliseconds(3200), .seconds(5), .seconds(5),
        ])
        #expect(backoff.delay(retry: 10_000) == .seconds(5))
        #expect(backoff.delay(retry: 0) == .milliseconds(100))
    }

    @Test func jitterSpreadsTheWaitEitherWayButNeverPastTheCap() {
        let backoff = RetryPolicies.replySend
        #expect(backoff.delay(retry: 1, random: 0) == .milliseconds(800))
        let longest = backoff.delay(retry: 1, random: 1)
        #expect(longest > .milliseconds(1199) && longest < .milliseconds(1201))
        #expect(backoff.delay(retry: 3, random: 0.5) == .seconds(4))
        #expect(backoff.delay(retry: 30, random: 1) == .seconds(120))
    }

    @Test func delaysFollowTheRetries() {
        let waits = Array(RetryPolicies.earlyDeliveryReport.delays().prefix(4))
        #expect(waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2)])
    }
}
