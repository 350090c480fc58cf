import FintrakServiceHost

@main
enum QueryGeneratorMain {
    static func main() async {
        await ServiceHost.main(service: QueryService.name, defaultPort: 8002, settings: QuerySettings.self) {
            try await QueryService(configuration: $0, settings: $1).run()
        }
    }
}
