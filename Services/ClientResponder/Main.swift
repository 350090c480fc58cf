import FintrakServiceHost

@main
enum ClientResponderMain {
    static func main() async {
        await ServiceHost.main(service: ResponderService.name, defaultPort: 8003, settings: ResponderSettings.self) {
            try await ResponderService(configuration: $0, settings: $1).run()
        }
    }
}
