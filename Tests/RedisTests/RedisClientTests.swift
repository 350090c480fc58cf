import FintrakRedis
import FintrakTestSupport
import Foundation
import Logging
import Testing

// Serialized: the outage test stops the shared Redis server for a moment (scripts/test.sh also runs tests named
// "Outage" on their own, after the rest).
@Suite(.serialized)
struct RedisClientTests {
    private func makeClient(connections: Int = 4) throws -> RedisClient {
        RedisClient(url: try TestEnvironment.redisURL, connections: connections, logger: Logger(label: "RedisTests"))
    }

    private func key(_ name: String) -> String {
        TestEnvironment.uniqueName("test:\(name)")
    }

    @Test func setIfAbsentStoresOnceAndAppliesTheExpiry() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        let key = key("nx")

        #expect(try await redis.set(key, "first", expireSeconds: 60, onlyIfAbsent: true))
        #expect(try await redis.set(key, "second", expireSeconds: 60, onlyIfAbsent: true) == false)
        #expect(try await redis.get(key) == "first")
        let ttl = try await redis.command(["TTL", key])
        guard case .integer(let seconds) = ttl else { Issue.record("TTL replied \(ttl)"); return }
        #expect(seconds > 0 && seconds <= 60)

        #expect(try await redis.set(key, "third"))
        #expect(try await redis.get(key) == "third")
        #expect(try await redis.delete(key) == 1)
    }

    @Test func onlyOneOfManyConcurrentSetIfAbsentWins() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        let key = key("race")

        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for attempt in 0..<20 {
                group.addTask { try await redis.set(key, "attempt \(attempt)", expireSeconds: 60, onlyIfAbsent: true) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
    }

    @Test func getOfAMissingKeyIsNil() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        #expect(try await redis.get(key("missing")) == nil)
    }

    @Test func valuesAreBinarySafe() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        let key = key("binary")
        let value = "line one\nline two\r\n  spaced\ttabbed \0 nul, ₹1,23,456 पिछले महीने 🧾 \"quoted\" $5\r\n*1"

        try await redis.set(key, value, expireSeconds: 60)
        #expect(try await redis.get(key) == value)
        #expect(try await redis.command(["STRLEN", key]) == .integer(value.utf8.count))
    }

    @Test func pipelineRepliesComeBackInOrder() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        let key = key("counter")

        let replies = try await redis.pipeline(Array(repeating: ["INCR", key], count: 100) + [["EXPIRE", key, "60"]])
        #expect(replies.dropLast() == (1...100).map { RedisValue.integer($0) })
        #expect(replies.last == .integer(1))
        #expect(try await redis.increment(key) == 101)
    }

    @Test func evalRunsAScriptWithKeysAndArguments() async throws {
        let redis = try makeClient()
        defer { redis.close() }
        let key = key("eval")
        let script = """
            redis.call('SET', KEYS[1], ARGV[1], 'EX', 60)
            return {redis.call('GET', KEYS[1]), redis.call('INCRBY', KEYS[2], ARGV[2]), false}
            """

        let reply = try await redis.eval(script, keys: [key, key + ":n"], arguments: ["hello world", "5"])
        #expect(reply == .array([.string("hello world"), .integer(5), .null]))
        #expect(try await redis.expire(key + ":n", seconds: 60))
        #expect(try await redis.delete(key, key + ":n") == 2)
        #expect(try await redis.expire(key, seconds: 60) == false)
    }

    @Test func anErrorReplyThrowsAndTheClientCarriesOn() async throws {
        let redis = try makeClient(connections: 1)
        defer { redis.close() }
        let key = key("not-a-number")
        try await redis.set(key, "abc", expireSeconds: 60)

        let error = await #expect(throws: RedisError.self) { try await redis.increment(key) }
        #expect(error?.isConnectionFailure == false)
        #expect(error?.message.contains("not an integer") == true)

        // In a pipeline every reply is still read, so the same connection stays in step.
        await #expect(throws: RedisError.self) {
            try await redis.pipeline([["INCR", key], ["SET", key + ":after", "x", "EX", "60"]])
        }
        #expect(try await redis.get(key + ":after") == "x")
        try await redis.ping()
    }

    @Test func reconnectsAfterAnOutage() async throws {
        let redis = try makeClient(connections: 2)
        defer { redis.close() }
        let key = key("reconnect")
        try await redis.ping()
        try await redis.ping()  // both connections are open now

        try runDevServers("pause", "redis")
        var resumed = false
        defer { if !resumed { try? runDevServers("resume", "redis") } }
        let error = await #expect(throws: RedisError.self) { try await redis.set(key, "during", expireSeconds: 60) }
        #expect(error?.isConnectionFailure == true)

        try runDevServers("resume", "redis")
        resumed = true
        #expect(try await eventually { (try? await redis.ping()) != nil })
        // Every connection comes back, not just the one that answered first.
        for _ in 0..<4 { try await redis.set(key, "after", expireSeconds: 60) }
        #expect(try await redis.get(key) == "after")
    }

    /// Redis restarts while the pool's connections sit idle: every connection notices before it sends, so not one
    /// command fails, however many connections there are.
    @Test func theFirstCommandsAfterAnOutageAllSucceed() async throws {
        let redis = try makeClient(connections: 4)
        defer { redis.close() }
        let key = key("restart")
        for _ in 0..<4 { try await redis.ping() }  // every connection is open

        try runDevServers("pause", "redis")
        try runDevServers("resume", "redis")

        for index in 0..<8 { try await redis.set(key, "after \(index)", expireSeconds: 60) }
        #expect(try await redis.get(key) == "after 7")
    }

    /// The server dropping a connection while it sat idle is noticed before the next command is sent.
    @Test func aConnectionTheServerClosedIsReplacedBeforeUse() async throws {
        let redis = try makeClient(connections: 1)
        let admin = try makeClient(connections: 1)
        defer { redis.close(); admin.close() }
        guard case .integer(let id) = try await redis.command(["CLIENT", "ID"]) else { Issue.record("no client id"); return }
        #expect(try await admin.command(["CLIENT", "KILL", "ID", "\(id)"]) == .integer(1))
        try await redis.ping()
    }

    /// A command that reached the server and lost its connection before the reply may have run: the client says so
    /// and does not send it again. One that never left (the server refused the connection) says it did not run.
    @Test func aFailureSaysWhetherTheCommandMayHaveRun() async throws {
        let redis = try makeClient(connections: 1)
        let admin = try makeClient(connections: 1)
        defer { redis.close(); admin.close() }
        let key = key("fate")
        guard case .integer(let id) = try await redis.command(["CLIENT", "ID"]) else { Issue.record("no client id"); return }
        let blocked = Task { try await redis.command(["BLPOP", key, "30"]) }
        #expect(try await eventually {
            guard case .string(let clients) = try await admin.command(["CLIENT", "LIST"]) else { return false }
            return clients.split(separator: "\n").contains { $0.hasPrefix("id=\(id) ") && $0.contains("cmd=blpop") }
        })
        #expect(try await admin.command(["CLIENT", "KILL", "ID", "\(id)"]) == .integer(1))
        let sent = try #require(await blocked.result.failure as? RedisError)
        #expect(sent.isConnectionFailure && sent.mayHaveRun)
        try await redis.ping()  // the next command reconnects

        let closedPort = RedisClient(url: "redis://127.0.0.1:1/0", connections: 1, logger: Logger(label: "RedisTests"))
        defer { closedPort.close() }
        let refused = await #expect(throws: RedisError.self) { try await closedPort.ping() }
        #expect(refused?.isConnectionFailure == true && refused?.mayHaveRun == false)
    }

    @Test func theURLSelectsTheDatabase() async throws {
        let url = try TestEnvironment.redisURL
        let database1 = RedisClient(url: url.replacingOccurrences(of: #"/\d+$"#, with: "/1", options: .regularExpression), logger: Logger(label: "RedisTests"))
        let database0 = try makeClient()
        defer { database1.close(); database0.close() }
        let key = key("db")

        try await database1.set(key, "in db 1", expireSeconds: 60)
        #expect(try await database1.get(key) == "in db 1")
        #expect(try await database0.get(key) == nil)
    }

    @Test func aPasswordIsSentWithAuth() async throws {
        // The test server has no password, so it refuses AUTH: proof that the client sent it, and that a failed
        // handshake counts as a connection failure.
        let url = try TestEnvironment.redisURL.replacingOccurrences(of: "redis://", with: "redis://:not-the-password@")
        let redis = RedisClient(url: url, logger: Logger(label: "RedisTests"))
        defer { redis.close() }
        let error = await #expect(throws: RedisError.self) { try await redis.ping() }
        #expect(error?.isConnectionFailure == true)
        #expect(error?.message.contains("AUTH") == true)
    }

    @Test func aBadURLThrowsOnUse() async throws {
        let redis = RedisClient(url: "http://127.0.0.1:6379/x", logger: Logger(label: "RedisTests"))
        defer { redis.close() }
        let error = await #expect(throws: RedisError.self) { try await redis.ping() }
        #expect(error?.message.contains("invalid Redis URL") == true)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
