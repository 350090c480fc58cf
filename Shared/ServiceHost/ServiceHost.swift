import FintrakConfiguration
import FintrakObservability
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a service process: its HTTP server and its background workers under one ServiceGroup.
/// SIGTERM or SIGINT starts a graceful shutdown: consumers stop taking messages, finish what they hold, and close.
public enum ServiceHost {
    /// The logging and metrics bootstrap that only a process's `main` may do (once per process).
    public static func bootstrapProcess(service: String) {
        FintrakLogging.bootstrap(service: service)
        FintrakMetrics.bootstrap()
    }

    /// A service executable's whole `main`: bootstrap, read the contract's environment and the service's own
    /// settings in one pass, run until shutdown. A bad environment (every problem in the whole configuration, in one
    /// message) or a failure to start is reported on stderr and exits with status 1; nothing has started by then.
    public static func main<Settings: ServiceSettings>(
        service: String, defaultPort: Int, settings: Settings.Type,
        _ start: @Sendable (FintrakConfiguration, Settings) async throws -> Void
    ) async {
        bootstrapProcess(service: service)
        do {
            let (configuration, settings) = try readConfiguration(service: service, defaultPort: defaultPort, settings: Settings.self)
            try await start(configuration, settings)
        } catch {
            FileHandle.standardError.write(Data("\(service): \(error)\n".utf8))
            exit(1)
        }
    }

    /// The contract's variables and a service's own settings, read in one pass.
    /// - Throws: one `ConfigurationError` naming every problem in both.
    public static func readConfiguration<Settings: ServiceSettings>(
        service: String, defaultPort: Int, settings: Settings.Type,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (FintrakConfiguration, Settings) {
        var reader = EnvironmentReader(environment)
        let configuration = FintrakConfiguration.read(service: service, defaultPort: defaultPort, from: &reader)
        let settings = Settings.read(from: &reader, configuration: configuration)
        try reader.check()
        return (configuration, settings)
    }

    /// Serves `router` on `port` and runs `workers` under one ServiceGroup until SIGTERM or SIGINT; on shutdown
    /// the workers stop first (in reverse order), then the HTTP server, then the services in `before` (in reverse).
    ///
    /// A connection that sends nothing for `idleTimeout` is closed: between requests, and also in the middle of one
    /// (headers or body half sent), so a slow client cannot hold connections open for ever; and a request whose body
    /// is not in within `idleTimeout` of its head is cut off too (`RequestReadDeadline`), however it trickles.
    public static func run(
        name: String,
        port: Int,
        idleTimeout: Duration,
        router: Router<ServiceRequestContext>,
        before: [any Service] = [],
        workers: [any Service],
        logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestReadDeadline(limit: TimeAmount(idleTimeout))],
                idleTimeout: TimeAmount(idleTimeout))),
            configuration: .init(address: .hostname("0.0.0.0", port: port), serverName: name),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
        // A service that ends or fails shuts the others down gracefully rather than cancelling them: a cancelled
        // HTTP server drops connections it accepted but had not started to serve, which NIO treats as a crash
        // ("Deinited NIOAsyncWriter without calling finish()"); a graceful one serves them first.
        func configured(_ service: any Service, _ name: String) -> ServiceGroupConfiguration.ServiceConfiguration {
            .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup,
                  failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: name)
        }
        let services = before.map { configured($0, "\($0)") } + [configured(app, "http")] + workers.map { configured($0, "\($0)") }
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
