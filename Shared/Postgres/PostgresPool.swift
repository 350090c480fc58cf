import Logging

/// A fixed set of connections; each call goes to the connection with the fewest calls in flight, ties taken in turn.
/// Connections open on first use and reconnect on their own, so the pool never needs repairing.
public final class PostgresPool: Sendable {
    private let connections: [PostgresConnection]
    private let dispatcher: Dispatcher

    public init(url: String, size: Int = 4, applicationName: String = "fintrak", logger: Logger) {
        precondition(size > 0, "a pool needs at least one connection")
        connections = (0..<size).map { index in
            var logger = logger
            logger[metadataKey: "postgres.connection"] = "\(index)"
            return PostgresConnection(url: url, applicationName: applicationName, logger: logger)
        }
        dispatcher = Dispatcher(count: size)
    }

    /// See `PostgresConnection.withSession`.
    public func withSession<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await withConnection { try await $0.withSession(body) }
    }

    /// See `PostgresConnection.transaction`.
    public func transaction<T: Sendable>(
        _ options: TransactionOptions = .init(),
        _ body: @escaping @Sendable (PostgresSession) throws -> T
    ) async throws -> T {
        try await withConnection { try await $0.transaction(options, body) }
    }

    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> [PostgresRow] {
        try await withConnection { try await $0.query(sql, parameters) }
    }

    /// Returns the number of rows affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await withConnection { try await $0.execute(sql, parameters) }
    }

    /// Checks one connection (the least busy), which is what readiness needs: the server answers.
    public func ping() async throws {
        try await withConnection { try await $0.ping() }
    }

    public func close() {
        connections.forEach { $0.close() }
    }

    private func withConnection<T: Sendable>(_ operation: (PostgresConnection) async throws -> T) async throws -> T {
        let index = await dispatcher.checkOut()
        do {
            let result = try await operation(connections[index])
            await dispatcher.checkIn(index)
            return result
        } catch {
            await dispatcher.checkIn(index)
            throw error
        }
    }
}

/// Counts the calls in flight on each connection.
private actor Dispatcher {
    private var inFlight: [Int]
    private var next = 0

    init(count: Int) {
        inFlight = Array(repeating: 0, count: count)
    }

    func checkOut() -> Int {
        // Search from `next` so that equally busy connections take turns.
        let order = (0..<inFlight.count).map { (next + $0) % inFlight.count }
        let chosen = order.min { inFlight[$0] < inFlight[$1] }!
        inFlight[chosen] += 1
        next = (chosen + 1) % inFlight.count
        return chosen
    }

    func checkIn(_ index: Int) {
        inFlight[index] -= 1
    }
}
