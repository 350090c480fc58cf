import FintrakServiceHost

@main
enum ClientResponderMain {
    static func main() async {
        await ServiceHost.main(service: ResponderService.name, defaultPort: 8003) { configuration in
            try await ResponderService(configuration: configuration).run()
        }
    }
}
