import FailurePolicy
import FintrakServiceHost
import Logging
import Metrics

/// Publishes what `IntakeSpool` holds once the broker and Redis are back, oldest first: delivery reports as a webhook's
/// are published, messages through the same `MessageIntake.accept` as a webhook's: so a message the provider sent again meanwhile (and that got through) is a
/// duplicate here, and rate limit, conversation state and routing apply as they would have.
///
/// A pass stops at the first message it cannot publish (or that another request is publishing right now), so a
/// sender's later message never goes out before an earlier one; it is tried again after `RetryPolicies.spoolDrain`.
/// Several replicas may drain at once: the accept script lets one of them publish each message.
struct SpoolDrainer: Sendable {
    let spool: IntakeSpool
    let intake: MessageIntake
    let logger: Logger
    /// Messages read from the spool per query.
    var batch = 100

    func service() -> WorkerService {
        WorkerService(name: "intake spool drainer") { try await run() }
    }

    /// Until cancelled (graceful shutdown): refresh, drain, wait.
    func run() async throws {
        var failures = 0
        while !Task.isCancelled {
            let drained: Bool
            do {
                drained = try await drainPass()
            } catch {
                // PostgreSQL is away (or the spool was never migrated): said once per streak, not every pass.
                if failures == 0 { logger.warning("cannot read intake's spool", metadata: ["error": "\(error)"]) }
                drained = false
            }
            if drained {
                failures = 0
                try await Task.sleep(for: RetryPolicies.spoolPoll)
            } else {
                failures += 1
                try await Task.sleep(for: RetryPolicies.spoolDrain.delay(retry: failures))
            }
        }
    }

    /// One pass: true when the spool was emptied (or was empty), false when a message could not be published yet.
    func drainPass() async throws -> Bool {
        guard try await spool.refresh() > 0 else { return true }
        while true {
            let entries = try await spool.oldest(limit: batch)
            if entries.isEmpty { break }
            for entry in entries {
                switch entry.content {
                case .message(let message):
                    let outcome: MessageIntake.Acceptance
                    do {
                        outcome = try await intake.accept(message)
                    } catch {
                        logger.warning("spooled message not published yet", metadata: [
                            "correlation_id": "\(message.correlationID)", "error": "\(error)"])
                        return false
                    }
                    // Another request holds this message's mark: its outcome decides; look again later.
                    if outcome == .inFlight { return false }
                    try await spool.remove(entry)
                    Counter(label: "intake_spool_drained_total", dimensions: [("provider", message.provider.rawValue)]).increment()
                    logger.info("spooled message published", metadata: [
                        "correlation_id": "\(message.correlationID)", "outcome": "\(outcome)"])
                case .status(let status):
                    do {
                        try await intake.publish(statuses: [status])
                    } catch {
                        logger.warning("spooled delivery report not published yet", metadata: ["error": "\(error)"])
                        return false
                    }
                    try await spool.remove(entry)
                    Counter(label: "intake_spool_drained_total", dimensions: [("provider", status.provider.rawValue)]).increment()
                }
            }
        }
        try await spool.refresh()
        return true
    }
}
