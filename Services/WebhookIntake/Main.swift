import FintrakServiceHost

@main
enum WebhookIntakeMain {
    static func main() async {
        await ServiceHost.main(service: IntakeService.name, defaultPort: 8000, settings: IntakeSettings.self) {
            try await IntakeService(configuration: $0, settings: $1).run()
        }
    }
}
