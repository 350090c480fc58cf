import FintrakServiceHost

@main
enum QueryGeneratorMain {
    static func main() async {
        await ServiceHost.main(service: QueryService.name, defaultPort: 8002) { configuration in
            try await QueryService(configuration: configuration).run()
        }
    }
}
