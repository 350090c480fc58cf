import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakRedis
import FintrakStores
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The connections a service process holds, built from the configuration, and the checks `/ready` runs on them.
public final class Infrastructure: Sendable {
    public let configuration: FintrakConfiguration
    public let logger: Logger
    public let postgres: PostgresPool
    public let redis: RedisClient
    public let publisher: AMQPPublisher
    /// What this service did with each message, for `fintrak trace` (written in the background).
    public let events: MessageEventLog

    /// Builds the pools and the publisher; they connect on first use.
    public init(configuration: FintrakConfiguration, logger: Logger, postgresConnections: Int = 4,
                redisConnections: Int = 4) {
        self.configuration = configuration
        self.logger = logger
        postgres = PostgresPool(url: configuration.databaseURL, size: postgresConnections,
                                applicationName: configuration.serviceName, logger: logger)
        redis = RedisClient(url: configuration.redisURL, connections: redisConnections, logger: logger)
        publisher = AMQPPublisher(url: configuration.amqpURL, topology: configuration.queues.topology,
                                  name: configuration.serviceName, logger: logger)
        events = MessageEventLog(pool: postgres, logger: logger)
    }

    /// Tenant transactions (row-level security) over `postgres`.
    public var database: TenantDatabase { TenantDatabase(pool: postgres) }
    public var queues: Queues { configuration.queues }

    /// PostgreSQL, Redis and RabbitMQ, as `/ready` reports them.
    public func dependencyChecks() -> [DependencyCheck] {
        [
            DependencyCheck(name: "postgresql") { [postgres] in (try? await postgres.ping()) != nil },
            DependencyCheck(name: "redis") { [redis] in (try? await redis.ping()) != nil },
            DependencyCheck(name: "rabbitmq") { [publisher] in await publisher.checkConnection() },
        ]
    }

    /// A consumer of one of the work queues, on its own connection.
    public func consumer(of queue: String, prefetch: Int) -> AMQPConsumer {
        AMQPConsumer(url: configuration.amqpURL, queue: queue, topology: configuration.queues.topology, prefetch: prefetch,
                     logger: logger)
    }

    /// Serves `/health`, `/ready` (the dependency checks plus `checks`), `/metrics` (both behind `operatorOnly` when
    /// given; plus `routes`) and runs `workers` until shutdown, then closes the connections.
    public func run(workers: [any Service], checks: [DependencyCheck] = [],
                    operatorOnly: (any MiddlewareProtocol<Request, Response, ServiceRequestContext>)? = nil,
                    routes: (Router<ServiceRequestContext>) -> Void = { _ in },
                    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = makeOpsRouter(checks: dependencyChecks() + checks, operatorOnly: operatorOnly)
        routes(router)
        // Shutdown runs in reverse: the workers, the HTTP server, the event writer (which records what they did
        // last). The connections (the publisher after its confirms) close only once all of them have returned, also
        // when the group is cancelled rather than shut down gracefully: a consumer returns only after its in-flight
        // handlers finish, and a reply the provider accepted must still be recorded as sent, or its redelivery would
        // send it again.
        let eventWriter = WorkerService(name: "message events") { [events] in await events.run() }
        do {
            try await ServiceHost.run(name: configuration.serviceName, port: configuration.httpPort,
                                      idleTimeout: .seconds(configuration.httpIdleTimeoutSeconds), router: router,
                                      before: [eventWriter], workers: workers, logger: logger,
                                      onServerRunning: onServerRunning)
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// Closes the publisher (after its confirms), then the PostgreSQL and Redis connections.
    public func close() async {
        await publisher.close()
        postgres.close()
        redis.close()
    }
}
