import FintrakConfiguration
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
import Logging
import Testing
@testable import WebhookIntake

/// `/ready` follows the servers: 503 naming the one that is down, 200 again once it is back, no restart.
/// Stops real servers, so it runs on its own (scripts/test.sh runs tests named "Outage" after the rest).
@Suite(.serialized) struct ReadinessOutageTests {
    @Test(arguments: [("postgres", "postgresql"), ("redis", "redis"), ("rabbitmq", "rabbitmq")])
    func readyNamesTheDependencyThatIsDown(server: String, dependency: String) async throws {
        let environment = try ServiceEnvironment.make()
        let configuration = try FintrakConfiguration.load(service: IntakeService.name, defaultPort: 0, environment: environment)
        let intake = IntakeService(configuration: configuration, settings: try IntakeSettings.load(configuration))
        let port = PortBox()
        let http = HTTPClient(logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await intake.run { port.set($0) } }
            func ready() async throws -> (Int, String) {
                guard let port = port.port else { return (0, "") }
                let response = try await http.send(HTTPRequest(url: "http://127.0.0.1:\(port)/ready"))
                return (response.status, String(decoding: response.body, as: UTF8.self))
            }
            #expect(try await eventually { try await ready().0 == 200 })
            try runDevServers("pause", server)
            do {
                #expect(try await eventually {
                    let (status, body) = try await ready()
                    return status == 503 && body.contains(dependency)
                })
            } catch {
                try runDevServers("resume", server)
                throw error
            }
            try runDevServers("resume", server)
            #expect(try await eventually { try await ready().0 == 200 })
            group.cancelAll()
        }
    }
}
