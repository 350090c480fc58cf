import Foundation
import Logging

/// HTTP over libcurl: one easy handle per request, each transfer blocking one of the client's own threads.
/// Up to `TransferThreads.count` transfers run at once; more wait their turn (their timeout starts when they run).
public final class HTTPClient: Sendable {
    private let logger: Logger
    private let threads = TransferThreads()

    public init(logger: Logger) {
        _ = CurlEasy.globalInit
        self.logger = logger
    }

    deinit {
        threads.stop()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        // Query strings can carry tokens: log the URL without one.
        var metadata: Logger.Metadata = ["method": "\(request.method)", "url": "\(request.url.prefix { $0 != "?" })"]
        do {
            let response = try await withCheckedThrowingContinuation { continuation in
                threads.run { continuation.resume(with: Result { try CurlEasy.perform(request) }) }
            }
            metadata["status"] = "\(response.status)"
            metadata["duration"] = "\(ContinuousClock.now - started)"
            logger.debug("HTTP request done", metadata: metadata)
            return response
        } catch {
            metadata["error"] = "\(error)"
            logger.debug("HTTP request failed", metadata: metadata)
            throw error
        }
    }
}

/// Up to `count` threads for blocking transfers, started as transfers need them (none at initialisation, so building
/// a client has no side effect). Not a GCD concurrent queue: on Linux those share their threads with Swift's
/// cooperative pool, which blocked transfers would starve.
private final class TransferThreads: @unchecked Sendable {  // Its `var`s are guarded by `condition`.
    static let count = 16

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var isStopping = false
    private var started = 0
    /// Threads waiting for a job.
    private var idle = 0

    func run(_ job: @escaping @Sendable () -> Void) {
        // Every waiting thread takes one job; a job beyond those gets a new thread while there are fewer than `count`.
        let newThread: Int? = condition.withLock {
            jobs.append(job)
            condition.signal()
            guard jobs.count > idle, started < Self.count else { return nil }
            started += 1
            return started
        }
        if let newThread {
            let thread = Thread { self.work() }
            thread.name = "fintrak.http.\(newThread)"
            thread.start()
        }
    }

    /// The threads finish the jobs already queued, then exit.
    func stop() {
        condition.withLock {
            isStopping = true
            condition.broadcast()
        }
    }

    private func work() {
        while let job = nextJob() { job() }
    }

    private func nextJob() -> (@Sendable () -> Void)? {
        condition.withLock {
            while jobs.isEmpty && !isStopping {
                idle += 1
                condition.wait()
                idle -= 1
            }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
