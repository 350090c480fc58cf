import FintrakChildProcess
import Foundation

/// Where the real servers are: `scripts/test.sh` starts them and exports their URLs.
public enum TestEnvironment {
    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public var description: String {
            "\(name) is not set: integration tests need real servers. Run `scripts/test.sh`, "
                + "or `scripts/dev-servers.sh start DIR && source DIR/env.sh` before `swift test`."
        }
    }

    /// The value of an environment variable the integration tests cannot run without.
    public static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(name: name) }
        return value
    }

    /// The schema owner's login (MIGRATION_DATABASE_URL, else DATABASE_URL): for migrating, setting up and looking
    /// at rows from outside row-level security.
    public static var databaseURL: String {
        get throws {
            if let owner = ProcessInfo.processInfo.environment["MIGRATION_DATABASE_URL"], !owner.isEmpty {
                try ServerReachability.check(owner, server: "PostgreSQL", variable: "MIGRATION_DATABASE_URL")
                return owner
            }
            return try server("DATABASE_URL", "PostgreSQL")
        }
    }
    /// The services' login (DATABASE_URL; `fintrak_service` with `dev-servers.sh`).
    public static var serviceDatabaseURL: String { get throws { try server("DATABASE_URL", "PostgreSQL") } }
    public static var redisURL: String { get throws { try server("REDIS_URL", "Redis") } }
    public static var amqpURL: String { get throws { try server("AMQP_URL", "RabbitMQ") } }

    /// The URL in `variable`, once its server was seen to accept connections (`Unreachable` names it otherwise).
    private static func server(_ variable: String, _ name: String) throws -> String {
        let url = try require(variable)
        try ServerReachability.check(url, server: name, variable: variable)
        return url
    }

    /// A short random suffix, so tests sharing one set of servers never see each other's keys or queues.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Polls `condition` until it holds or `timeout` passes; tests wait for work this way, never by sleeping blindly.
/// The deadline only bounds a failure, so it is generous: on a loaded 2-core CI machine a service with dozens of
/// quorum queues to declare can take tens of seconds to start listening.
public func eventually(
    timeout: Duration = .seconds(60),
    pollEvery interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}

/// Runs one of the project's scripts (for example `dev-servers.sh pause DIR redis`) and fails loudly if it fails.
public func runDevServers(_ arguments: String...) throws {
    try runDevServers(arguments, in: try TestEnvironment.require("FINTRAK_DEV_SERVERS"))
}

/// `dev-servers.sh COMMAND DIR ARGUMENTS…` for the servers in `dir`.
func runDevServers(_ arguments: [String], in dir: String) throws {
    let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/dev-servers.sh")
    // While a test has a server paused on purpose, its URL is not checked for reachability.
    let change = arguments[0] == "pause" ? 1 : arguments[0] == "resume" ? -1 : 0
    if change > 0 { ServerReachability.pausedByTest.add(1, ordering: .relaxed) }
    // The script waits for the servers itself; the timeout only bounds a hang.
    let result = try ChildProcess("/bin/bash", [script.path, arguments[0], dir] + arguments.dropFirst(),
                                  timeout: .seconds(600)).runOnThisThread()
    if change < 0 { ServerReachability.pausedByTest.subtract(1, ordering: .relaxed) }
    guard result.succeeded else {
        throw TestEnvironment.Missing(
            name: "dev-servers.sh \(arguments.joined(separator: " ")) \(result.termination): \(result.errorText)")
    }
}
