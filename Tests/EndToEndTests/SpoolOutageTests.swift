import FintrakTestSupport
import Testing

/// A message that comes in while the broker or Redis is down is not lost, even from a provider that never retries:
/// intake keeps it in PostgreSQL and answers 200, and once the server is back the sender gets exactly one reply.
/// Stops real servers, so it runs on its own (scripts/test.sh runs tests named "Outage" after the rest).
@Suite(.serialized) struct SpoolOutageTests {
    @Test(arguments: ["rabbitmq", "redis"])
    func aMessageThatCameInDuringAnOutageGetsExactlyOneReplyAfterIt(server: String) async throws {
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            try runDevServers("pause", server)
            let status: Int
            do {
                status = try await stack.sendTwilio(from: tenant, ["Body": "hi", "NumMedia": "0"])
            } catch {
                try runDevServers("resume", server)
                throw error
            }
            try runDevServers("resume", server)
            #expect(status == 200)
            _ = try await stack.awaitReply(to: tenant, timeout: .seconds(90))
            // A later message is answered after it; by then a second answer to the first would have come too.
            #expect(try await stack.sendTwilio(from: tenant, ["Body": "hi", "NumMedia": "0"]) == 200)
            #expect(try await eventually(timeout: .seconds(60)) { stack.replies(to: tenant).count >= 2 })
            #expect(stack.replies(to: tenant).count == 2)
        }
    }
}
