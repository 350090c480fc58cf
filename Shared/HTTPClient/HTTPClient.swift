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

/// A fixed set of threads for blocking transfers. Not a GCD concurrent queue: on Linux those share their threads
/// with Swift's cooperative pool, which blocked transfers would starve.
private final class TransferThreads: @unchecked Sendable {  // `jobs` and `isStopping` are guarded by `condition`.
    static let count = 16

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var isStopping = false

    init() {
        for index in 0..<Self.count {
            let thread = Thread { self.work() }
            thread.name = "fintrak.http.\(index)"
            thread.start()
        }
    }

    func run(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
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
            while jobs.isEmpty && !isStopping { condition.wait() }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
