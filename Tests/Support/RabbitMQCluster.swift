import Foundation

/// A three-node RabbitMQ cluster for tests of a node going away: the one `dev-servers.sh start-cluster` started for
/// this run (`FINTRAK_RABBITMQ_NODES` set), else one of the test's own in a temporary folder, which `stop()` removes.
public struct RabbitMQCluster: Sendable {
    /// The three nodes' URLs, comma-separated, as services take them in `AMQP_URL`.
    public let amqpURL: String
    private let dir: String
    private let ownsServers: Bool

    /// Nodes are numbered 1, 2, 3 in the order of `amqpURL`.
    public static func start() throws -> RabbitMQCluster {
        let environment = ProcessInfo.processInfo.environment
        if environment["FINTRAK_RABBITMQ_NODES"] == "3", let dir = environment["FINTRAK_DEV_SERVERS"],
           let url = environment["AMQP_URL"] {
            return RabbitMQCluster(amqpURL: url, dir: dir, ownsServers: false)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(TestEnvironment.uniqueName("fintrak-cluster")).path
        do {
            try runDevServers(["start-cluster", "--rabbitmq-only"], in: dir)
        } catch {
            // Nodes that did start must not outlive the test.
            try? runDevServers(["stop"], in: dir)
            throw error
        }
        let settings = try String(contentsOfFile: dir + "/env.sh", encoding: .utf8)
        guard let line = settings.split(separator: "\n").first(where: { $0.hasPrefix("export AMQP_URL=") }) else {
            throw TestEnvironment.Missing(name: "AMQP_URL in \(dir)/env.sh")
        }
        return RabbitMQCluster(amqpURL: String(line.dropFirst("export AMQP_URL=".count)), dir: dir, ownsServers: true)
    }

    /// Stops node `number`'s broker (its connections close; the node stays in the cluster).
    public func pause(node number: Int) throws { try runDevServers(["pause", "rabbitmq-\(number)"], in: dir) }

    /// Starts node `number`'s broker again.
    public func resume(node number: Int) throws { try runDevServers(["resume", "rabbitmq-\(number)"], in: dir) }

    /// Stops the cluster if the test started it.
    public func stop() {
        guard ownsServers else { return }
        try? runDevServers(["stop"], in: dir)
        try? FileManager.default.removeItem(atPath: dir)
    }
}
