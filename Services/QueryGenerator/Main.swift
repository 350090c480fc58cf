import FintrakRuntime

@main
enum QueryGeneratorMain {
    static func main() async throws {
        ServiceHost.bootstrapProcess(service: QueryService.name)
        let configuration = try FintrakConfiguration.load(service: QueryService.name, defaultPort: 8002)
        try await QueryService(configuration: configuration).run()
    }
}
