/// The conversions between `Duration` and the plain numbers that clients, timers and protocols take, in one
/// place so that every caller rounds the same way.
extension Duration {
    /// Whole milliseconds, rounded down (AMQP TTLs and `Retry-After` waits).
    public var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / Self.attosecondsPerMillisecond
    }

    /// Milliseconds rounded up: a sub-millisecond timeout must not become 0, which curl and PostgreSQL read as "none".
    public var millisecondsRoundedUp: Int64 {
        let (milliseconds, rest) = components.attoseconds.quotientAndRemainder(dividingBy: Self.attosecondsPerMillisecond)
        return components.seconds * 1000 + milliseconds + (rest > 0 ? 1 : 0)
    }

    /// Whole nanoseconds (swift-metrics timers).
    public var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }

    /// Seconds with their fraction, for display and histograms; never for money.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    private static let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
}
