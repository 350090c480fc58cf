/// Every retry and back-off rule Fintrak uses, by name, each with the reason it is what it is. A call site names
/// its policy here instead of spelling out numbers, so the system's failure behaviour reads in one file.
public enum RetryPolicies {
    // MARK: Replies (client-responder)

    /// A send the provider refused for now (429, 5xx, timeout, connection error): 1 s doubling to 2 min with
    /// ±20 % jitter, so a provider's backlog does not return all at once; never sooner than its `Retry-After`.
    /// Sends are counted: after `REPLY_MAX_ATTEMPTS` (default 6) the reply is dead-lettered.
    public static let replySend = Backoff(base: .seconds(1), cap: .seconds(120), jitter: 0.2)

    /// A reply put off without using an attempt (another delivery holds it, or PostgreSQL cannot record it):
    /// 1 s doubling to 30 s, so an outage slows replies down instead of spending their attempts.
    public static let replyPostponed = Backoff(base: .seconds(1), cap: .seconds(30))

    /// Marking a reply sent right after the provider accepted it: 100 ms doubling to 5 s, for at most
    /// `recordSentLimit`, because losing that record would send the message again on redelivery.
    public static let recordSent = Backoff(base: .milliseconds(100), cap: .seconds(5))
    /// How long `recordSent` keeps trying before the reply is put off (and the documented window applies).
    public static let recordSentLimit: Duration = .seconds(60)

    /// The delay queues a waiting reply sits in, one per bound (`Queues.replyRetryBounds`): a message waits only
    /// behind others of a similar wait, never behind a longer one.
    public static let replyDelayQueueBounds: [Duration] = [.seconds(1), .seconds(5), .seconds(30), .seconds(120)]

    /// A dead letter PostgreSQL cannot record yet: requeued after this pause (the dead-letter queue has no
    /// delivery limit, so nothing is lost; the pause keeps an outage from spinning).
    public static let deadLetterRecordPause: Duration = .seconds(2)

    /// A delivery report that overtook the record of its own send: looked at again after 0.5 s, 1 s, 2 s, then
    /// ignored (`earlyDeliveryReportAttempts`).
    public static let earlyDeliveryReport = Backoff(base: .milliseconds(500), cap: .seconds(2))
    /// Deliveries of a report with no outbound record before it is ignored.
    public static let earlyDeliveryReportAttempts = 3

    /// A delivery report PostgreSQL cannot record: requeued after this pause, to keep an outage from spinning.
    public static let deliveryReportPause: Duration = .seconds(1)

    // MARK: Inbound messages (invoice-extractor, query-generator)

    /// A handler that throws is redelivered by the broker at once, up to this many attempts; the last one answers
    /// with an apology and a reference id (below the queue's delivery limit, so the apology is sent).
    public static let handlerAttempts = 3

    // MARK: Connections

    /// A consumer's connection to RabbitMQ: 200 ms doubling to 5 s, for as long as the service runs; consumers
    /// have nothing else to do, and 5 s bounds how long a recovered broker waits for them.
    public static let brokerReconnect = Backoff(base: .milliseconds(200), cap: .seconds(5))

    /// Intake's pipelined Redis commands whose connection broke after they were sent (fate unknown): sent this many
    /// times in all. Repeating is safe: a repeated accept replays its first run for the same attempt. (Commands that
    /// never reached Redis are resent by the Redis client itself.)
    public static let redisPipelineAttempts = 2
}
