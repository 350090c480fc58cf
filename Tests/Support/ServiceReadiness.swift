import FintrakHTTPClient
import Foundation
import Logging

/// A service in a test waited on until its own `/ready` answers 200: PostgreSQL and Redis answer, and the broker
/// connection is up with every queue of the test's fresh prefix declared. Those are 23 quorum queues, each a Raft
/// group the broker starts, so on a loaded 2-core machine readiness takes seconds and, with dozens of tests
/// starting at once, can take minutes. The deadline only bounds a failure; a service that never gets ready fails the
/// test with `NotReady`, naming its last answer (which lists the failing dependencies).
public enum ServiceReadiness {
    public struct NotReady: Error, CustomStringConvertible {
        public let service: String
        public let waited: Duration
        public let lastAnswer: String

        public var description: String { "\(service) did not become ready within \(waited): \(lastAnswer)" }
    }

    /// Generous: on a quiet machine a service is ready in well under a second, and the whole parallel phase of the
    /// tests takes about 70 s.
    public static let deadline: Duration = .seconds(180)

    /// Polls `http://127.0.0.1:PORT/ready` (the port is read at each poll: nil until the service listens) every
    /// 100 ms until it answers 200.
    /// - Throws: `NotReady` after `timeout`.
    public static func wait(for service: String, timeout: Duration = deadline, port: () -> Int?) async throws {
        let http = HTTPClient(logger: Logger(label: "test-readiness"))
        let start = ContinuousClock.now
        var lastAnswer = "not listening yet"
        while true {
            if let port = port() {
                do {
                    let response = try await http.send(HTTPRequest(url: "http://127.0.0.1:\(port)/ready"))
                    if response.status == 200 { return }
                    lastAnswer = "\(response.status) \(String(decoding: response.body, as: UTF8.self))"
                } catch {
                    lastAnswer = "\(error)"
                }
            }
            guard ContinuousClock.now - start < timeout else {
                throw NotReady(service: service, waited: timeout, lastAnswer: lastAnswer)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
