import FintrakPostgres
import FintrakStores
import Foundation
import Logging
import Synchronization

/// What a test needs to run Fintrak's services in-process against the real servers.
public enum ServiceEnvironment {
    public static let twilioSID = "AC" + String(repeating: "0", count: 28) + "7e57"
    public static let twilioToken = String(repeating: "7e57", count: 8)
    public static let twilioNumber = "whatsapp:+14155238886"
    public static let publicBaseURL = "https://intake.fintrak.test"

    /// The contract's variables pointing at the test servers, with a queue prefix of the test's own so
    /// services of tests running side by side never take each other's messages.
    public static func make(_ extra: [String: String] = [:]) throws -> [String: String] {
        var environment = [
            "DATABASE_URL": try TestEnvironment.serviceDatabaseURL, "MIGRATION_DATABASE_URL": try TestEnvironment.databaseURL,
            "REDIS_URL": try TestEnvironment.redisURL,
            "AMQP_URL": try TestEnvironment.amqpURL, "HTTP_PORT": "0",
            "FINTRAK_QUEUE_PREFIX": TestEnvironment.uniqueName("test"),
            "WHATSAPP_PROVIDER": "twilio", "PUBLIC_BASE_URL": publicBaseURL,
            "TWILIO_ACCOUNT_SID": twilioSID, "TWILIO_AUTH_TOKEN": twilioToken, "TWILIO_WHATSAPP_NUMBER": twilioNumber,
            "TZ": "Asia/Kolkata", "LOG_LEVEL": "warning",
            // The fake providers serve media on 127.0.0.1, which the extractor fetches only when told to.
            "MEDIA_ALLOWED_HOSTS": "127.0.0.1",
        ]
        environment.merge(extra) { $1 }
        return environment
    }

    /// A fresh tenant number, so tests sharing one database never see each other's rows.
    public static func uniqueTenant() -> String {
        "+9197" + String(format: "%08d", Int.random(in: 0..<100_000_000))
    }

    private static let migration = Mutex<Task<Void, any Error>?>(nil)

    /// Applies schema.sql once per test process; tests that ask while it runs wait for that one run. (A second run
    /// beside tests already using the tables would take their locks in another order and can deadlock them.)
    /// A run that failed is forgotten, so the next test tries again instead of inheriting one passing failure.
    public static func migrate() async throws {
        let run = migration.withLock { running in
            if let running { return running }
            let task = Task {
                let pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: Logger(label: "test-migrate"))
                defer { pool.close() }
                try await Migration.apply(to: pool, schemaPath: try Migration.schemaPath())
            }
            running = task
            return task
        }
        do {
            try await run.value
        } catch {
            migration.withLock { running in
                if running == run { running = nil }
            }
            throw error
        }
    }
}

/// Holds the port a service reports once its HTTP server listens.
public final class PortBox: Sendable {
    private let value = Mutex<Int?>(nil)
    public init() {}
    public func set(_ port: Int) { value.withLock { $0 = port } }
    public var port: Int? { value.withLock { $0 } }
}
