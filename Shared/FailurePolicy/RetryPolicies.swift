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

    /// A message whose earlier send has an unresolved intent (the provider may have taken it; its answer was lost to a
    /// kill or a timeout) waits this long, counted from that send, for a delivery report that shows it went out
    /// before it is sent again. Providers report within a second or two of accepting a message (Twilio's `sent`,
    /// the Cloud API's `sent`, Gupshup's `enqueued`); 12 s also covers a restarting intake, whose reports the
    /// providers retry. Bounded, so a provider that sends no reports still gets the message once; and short, because a
    /// send that timed out (`REPLY_SEND_TIMEOUT_SECONDS`, 10 s) is retried only this long after it started, so a
    /// provider that hangs costs about a second more than the timeout itself.
    public static let unconfirmedSendWait: Duration = .seconds(12)
    /// After client-responder starts, the reports that came while it was down still wait in `fintrak.statuses`: for
    /// this long a reply does not take the absence of a report as final, however old its send.
    public static let reportBacklogWait: Duration = .seconds(10)
    /// How often such a reply looks again while it waits (through the 1 s delay queue).
    public static let unconfirmedSendPoll: Duration = .seconds(1)

    /// The delay queues a waiting reply sits in, one per bound (`Queues.replyRetryBounds`): a message waits only
    /// behind others of a similar wait, never behind a longer one.
    public static let replyDelayQueueBounds: [Duration] = [.seconds(1), .seconds(5), .seconds(30), .seconds(120)]

    /// A dead letter (a reply's, or an inbound message's) PostgreSQL cannot record yet: requeued after this pause
    /// (dead-letter queues have no delivery limit, so nothing is lost; the pause keeps an outage from spinning).
    public static let deadLetterRecordPause: Duration = .seconds(2)

    /// A delivery report that overtook the record of its own send: looked at again after 0.5 s, 1 s, 2 s, then
    /// ignored (`earlyDeliveryReportAttempts`).
    public static let earlyDeliveryReport = Backoff(base: .milliseconds(500), cap: .seconds(2))
    /// Deliveries of a report with no outbound record before it is ignored.
    public static let earlyDeliveryReportAttempts = 3

    /// A delivery report PostgreSQL cannot record: requeued after this pause, to keep an outage from spinning.
    public static let deliveryReportPause: Duration = .seconds(1)

    // MARK: Inbound messages (invoice-extractor, query-generator)

    /// A handler that fails because of the message itself (not an outage) is tried this many times in all; then
    /// the message is dead-lettered and its sender gets an apology with a reference id.
    public static let handlerAttempts = 3

    /// The wait before trying such a message again: 1 s, then 2 s. Short, since a deterministic failure fails
    /// again anyway, but not at once, so a failure that was an unrecognised blip has a moment to pass.
    public static let handlerRetry = Backoff(base: .seconds(1), cap: .seconds(5), jitter: 0.2)

    /// A message whose handler failed for the moment's reason (PostgreSQL, Redis, the broker or a provider away,
    /// a timeout, a server shutting down) waits without using an attempt: 1 s doubling to 30 s with ±20 % jitter,
    /// so a two-second blip costs a second or two and a long outage does not turn into a storm of retries.
    public static let inboundPostponed = Backoff(base: .seconds(1), cap: .seconds(30), jitter: 0.2)

    /// Postponements before an outage counts against the message after all (1+2+4+8+16 s, then 30 s each: about
    /// 18 minutes), so a failure wrongly taken for transient still ends in an apology rather than never.
    public static let inboundPostponements = 40

    /// The delay queues an inbound message waits in (`Queues.delayQueue(of:bound:)`), one per bound.
    public static let inboundDelayQueueBounds: [Duration] = [.seconds(1), .seconds(5), .seconds(30)]

    /// A failed message that cannot even be parked in a delay queue (the broker is away too): handed back to the
    /// broker after this pause, so an outage does not spin.
    public static let inboundRequeuePause: Duration = .seconds(1)

    // MARK: Intake's spool (webhook-intake)

    /// Keeping a message in PostgreSQL when the broker or Redis cannot take it: at most 3 s, so that with the broker's
    /// 5 s confirm limit the provider still gets its answer (200, or 503 when PostgreSQL is away too) well inside
    /// Twilio's 15 s.
    public static let spoolWriteLimit: Duration = .seconds(3)

    /// How often the drainer looks for spooled messages (this replica's or another's) while it knows of none: a
    /// cheap query on an empty table, and the most a spooled message waits after the broker and Redis are back.
    public static let spoolPoll: Duration = .seconds(1)

    /// The drainer's wait for the broker's confirm of a spooled message: 20 s, because no provider waits on it, and
    /// giving up on a confirm that is merely late would publish the message a second time on the next pass. (Below
    /// intake's 30 s in-flight window, after which another attempt may take a message's mark over.)
    public static let spoolPublishLimit: Duration = .seconds(20)

    /// A drain pass that failed (the broker, Redis or PostgreSQL still away): 250 ms doubling to 5 s, so a recovered
    /// broker is used within seconds and a long outage costs one attempt every 5 s.
    public static let spoolDrain = Backoff(base: .milliseconds(250), cap: .seconds(5))

    // MARK: Connections

    /// A consumer's connection to RabbitMQ: 200 ms doubling to 5 s, for as long as the service runs; consumers
    /// have nothing else to do, and 5 s bounds how long a recovered broker waits for them.
    public static let brokerReconnect = Backoff(base: .milliseconds(200), cap: .seconds(5))

    /// A broker that is slow rather than away (a connect or log-in that timed out, or a failure declaring the
    /// topology or starting the consumer): tried on this many fresh connections before the connect counts as failed
    /// (a publish then throws; a consumer waits `brokerReconnect`). A loaded 2-core node creating hundreds of quorum
    /// queues at once let connects outlast their 5 s and declares their 10 s RPC timeout; what it finished meanwhile
    /// is there for the next attempt.
    public static let brokerPrepareAttempts = 4

    /// The wait between those attempts: 250 ms doubling to 2 s, ±50 %, so that the connections a burst of
    /// services opened together do not come back together.
    public static let brokerPrepare = Backoff(base: .milliseconds(250), cap: .seconds(2), jitter: 0.5)

    /// A Redis command whose connection failed before a byte of it left (the connect failed, or the write failed at
    /// once): sent again this many times, at once, on a fresh connection. Redis never saw it, so it cannot run twice;
    /// one resend covers a connection the server closed while it sat idle (a restart), and a second failure is an
    /// outage for the caller to handle, not something to wait out inside a command.
    public static let redisUnsentResends = 1

    /// Intake's pipelined Redis commands whose connection broke after they were sent (fate unknown): sent this many
    /// times in all. Repeating is safe: a repeated accept replays its first run for the same attempt. (Commands that
    /// never reached Redis are resent by the Redis client itself.)
    public static let redisPipelineAttempts = 2
}
