import FintrakRuntime

@main
enum ClientResponderMain {
    static func main() async throws {
        ServiceHost.bootstrapProcess(service: ResponderService.name)
        let configuration = try FintrakConfiguration.load(service: ResponderService.name, defaultPort: 8003)
        try await ResponderService(configuration: configuration).run()
    }
}
