import FintrakServiceHost

@main
enum WebhookIntakeMain {
    static func main() async {
        await ServiceHost.main(service: IntakeService.name, defaultPort: 8000) { configuration in
            try await IntakeService(configuration: configuration, settings: try IntakeSettings.load(configuration)).run()
        }
    }
}
