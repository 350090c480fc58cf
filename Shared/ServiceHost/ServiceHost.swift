import FintrakConfiguration
import FintrakObservability
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a service process: its HTTP server and its background workers under one ServiceGroup.
/// SIGTERM or SIGINT starts a graceful shutdown: consumers stop taking messages, finish what they hold, and close.
public enum ServiceHost {
    /// The logging and metrics bootstrap that only a process's `main` may do (once per process).
    public static func bootstrapProcess(service: String) {
        FintrakLogging.bootstrap(service: service)
        FintrakMetrics.bootstrap()
    }

    /// A service executable's whole `main`: bootstrap, read the environment, run until shutdown. A bad environment
    /// or a failure to start is reported in one readable line (every configuration problem listed) and exit status 1.
    public static func main(service: String, defaultPort: Int,
                            _ start: @Sendable (FintrakConfiguration) async throws -> Void) async {
        bootstrapProcess(service: service)
        do {
            try await start(try FintrakConfiguration.load(service: service, defaultPort: defaultPort))
        } catch {
            FileHandle.standardError.write(Data("\(service): \(error)\n".utf8))
            exit(1)
        }
    }

    public static func run(
        name: String,
        port: Int,
        router: Router<BasicRequestContext>,
        workers: [any Service],
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("0.0.0.0", port: port), serverName: name),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: app, serviceName: "http")]
        services += workers.map { .init(service: $0) }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// A background loop (a queue consumer) that ends when graceful shutdown begins.
public struct WorkerService: Service {
    private let name: String
    private let body: @Sendable () async throws -> Void

    public init(name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        // The consumer finishes in-flight work when its task is cancelled, so cancellation is the stop signal.
        try await cancelWhenGracefulShutdown { try await body() }
    }
}

extension WorkerService: CustomStringConvertible {
    public var description: String { name }
}
