import FintrakRuntime
import Logging

@main
enum WebhookIntakeMain {
    static func main() async throws {
        ServiceHost.bootstrapProcess(service: IntakeService.name)
        let configuration = try FintrakConfiguration.load(service: IntakeService.name, defaultPort: 8000)
        let settings = try IntakeSettings.load(configuration)
        try await IntakeService(configuration: configuration, settings: settings).run()
    }
}
