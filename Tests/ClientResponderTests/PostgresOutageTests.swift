@testable import ClientResponder
import FintrakCore
import FintrakHTTPClient
import FintrakObservability
import FintrakTestSupport
import Foundation
import Logging
import Testing

/// Stops the real PostgreSQL, so it runs on its own (scripts/test.sh runs tests named "Outage" after the rest).
@Suite(.serialized) struct PostgresOutageTests {
    /// While PostgreSQL is down a reply cannot be recorded, so it must not be sent; it is put off through the delay
    /// queues without using up its attempts, and goes out exactly once when PostgreSQL is back.
    @Test func aPostgresOutagePostponesRepliesWithoutUsingAttempts() async throws {
        FintrakMetrics.bootstrap()
        let provider = ScriptedProvider()
        try await withResponder(provider: provider) { harness in
            let http = HTTPClient(logger: Logger(label: "test"))
            func postponed() async throws -> Int {
                let text = String(decoding: try await http.send(HTTPRequest(url: "http://127.0.0.1:\(harness.port)/metrics")).body,
                                  as: UTF8.self)
                let line = text.split(separator: "\n").first { $0.hasPrefix(#"replies_total{outcome="postponed"}"#) }
                return line.flatMap { $0.split(separator: " ").last }.flatMap { Int(Double($0) ?? 0) } ?? 0
            }
            let before = try await postponed()
            let reply = harness.reply("outage \(UUID())")
            try runDevServers("pause", "postgres")
            do {
                try await harness.publish(reply)
                let putOff = try await eventually { try await postponed() > before }
                #expect(putOff, "the reply was not put off while PostgreSQL was down")
                #expect(provider.log.isEmpty, "a reply that could not be recorded was sent")
            } catch {
                try runDevServers("resume", "postgres")
                throw error
            }
            try runDevServers("resume", "postgres")
            let row = try await harness.row(reply.replyID, once: "sent", timeout: .seconds(90))
            #expect(try row.decode("attempts", as: Int.self) == 1)
            #expect(harness.accepted(containing: reply.body).count == 1)
        }
    }
}
