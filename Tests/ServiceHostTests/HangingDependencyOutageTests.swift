import FintrakConfiguration
import FintrakServiceHost
import FintrakTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A hung server is an outage: these run alone (`scripts/test.sh`), so the time they measure is /ready's own.
@Suite(.serialized) struct HangingDependencyOutageTests {
    /// PostgreSQL, Redis and RabbitMQ all "up" at an address that accepts and never answers: every client blocks
    /// in a C call that ignores cancellation (libpq's own connect timeout is 5 s). `/ready` still answers within
    /// its own 2-second limit.
    @Test func readyAnswersInTimeWhenEveryDependencyHangs() async throws {
        let silent = try SilentTCPServer()
        defer { silent.close() }
        let address = "127.0.0.1:\(silent.port)"
        let configuration = try FintrakConfiguration.load(service: "ready-test", defaultPort: 0, environment: [
            "DATABASE_URL": "postgres://fintrak:fintrak@\(address)/fintrak", "REDIS_URL": "redis://\(address)/0",
            "AMQP_URL": "amqp://guest:guest@\(address)/", "WHATSAPP_PROVIDER": "console",
        ])
        let infrastructure = Infrastructure(configuration: configuration, logger: Logger(label: "ready-test"))
        let router = makeOpsRouter(checks: infrastructure.dependencyChecks())
        try await Application(router: router).test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = String(buffer: response.body)
                for name in ["postgresql", "redis", "rabbitmq"] { #expect(body.contains(name), "\(body)") }
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .milliseconds(2_500), "answered after \(elapsed)")
        }
    }

    /// Without the deadline the task group would wait for this probe forever.
    @Test func aProbeThatNeverReturnsFailsAtTheLimitAndOthersStillPass() async throws {
        let hung = DependencyCheck(name: "hung") {
            // Ignores cancellation, like a blocked C call.
            while true { try? await Task.sleep(for: .seconds(3_600)) }
        }
        let healthy = DependencyCheck(name: "healthy") { true }
        #expect(await failingDependencies([hung, healthy], timeout: .milliseconds(200)) == ["hung"])
    }
}
