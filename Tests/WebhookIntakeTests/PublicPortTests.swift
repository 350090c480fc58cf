import FintrakConfiguration
import FintrakHTTPClient
import FintrakServiceHost
import FintrakTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebhookIntake

/// Intake's port faces the internet: only the webhooks, media links and `/health` answer everyone; `/metrics` and
/// `/ready` answer this machine (or `OPS_TOKEN`), `/console` this machine only; a client that stops sending halfway
/// through a request is disconnected.
@Suite struct PublicPortTests {
    static let opsToken = "ops-token-for-tests"

    @Test func loopbackPeersAreOperatorsAndEveryoneElseNeedsTheToken() {
        let loopbackOnly = OperatorAccess(token: nil)
        for peer in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect(loopbackOnly.allows(peerAddress: peer, forwarded: false, authorization: nil), "\(peer)")
        }
        for peer in ["10.0.0.5", "192.168.1.2", "172.17.0.1", "203.0.113.9", "2001:db8::1", "::ffff:10.0.0.1", "", nil] {
            #expect(!loopbackOnly.allows(peerAddress: peer, forwarded: false, authorization: nil), "\(peer ?? "unknown")")
        }
        // A proxy on this machine relays someone from outside.
        #expect(!loopbackOnly.allows(peerAddress: "127.0.0.1", forwarded: true, authorization: nil))
        // Without a configured token no bearer opens anything.
        #expect(!loopbackOnly.allows(peerAddress: "203.0.113.9", forwarded: false, authorization: "Bearer "))

        let withToken = OperatorAccess(token: Self.opsToken)
        #expect(withToken.allows(peerAddress: "203.0.113.9", forwarded: false, authorization: "Bearer " + Self.opsToken))
        #expect(withToken.allows(peerAddress: "127.0.0.1", forwarded: true, authorization: "Bearer " + Self.opsToken))
        for wrong in [nil, "Bearer wrong", "Bearer " + Self.opsToken + " ", Self.opsToken, "Basic " + Self.opsToken, "Bearer "] {
            #expect(!withToken.allows(peerAddress: "203.0.113.9", forwarded: false, authorization: wrong), "\(wrong ?? "none")")
        }
    }

    /// Intake's real routes, in a router test where there is no socket and so no loopback peer.
    @Test func withoutALoopbackPeerOnlyWebhooksMediaAndHealthAnswer() async throws {
        let environment = try IntakeHarness.environment(["WHATSAPP_PROVIDER": "console", "OPS_TOKEN": Self.opsToken])
        let configuration = try FintrakConfiguration.load(service: IntakeService.name, defaultPort: 0, environment: environment)
        let service = IntakeService(configuration: configuration, settings: try IntakeSettings.load(configuration))
        let router = makeOpsRouter(checks: [], operatorOnly: service.operatorOnly)
        service.addRoutes(to: router)
        let console = ByteBuffer(string: #"{"from": "+919800000001", "text": "hi"}"#)
        try await Application(router: router).test(.router) { client in
            for path in ["/metrics", "/ready"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .forbidden, "\(path)") }
            }
            try await client.execute(uri: "/console", method: .post, body: console) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/media/not-a-token", method: .get) { #expect($0.status == .notFound) }

            let bearer: HTTPFields = [.authorization: "Bearer " + Self.opsToken]
            try await client.execute(uri: "/metrics", method: .get, headers: bearer) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get, headers: bearer) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong"]) {
                #expect($0.status == .forbidden)
            }
            // The console takes no token: it is for this machine only.
            try await client.execute(uri: "/console", method: .post, headers: bearer, body: console) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test func theOperatorRoutesAnswerThisMachine() async throws {
        try await withIntake(try IntakeHarness.environment(["WHATSAPP_PROVIDER": "console"])) { intake in
            let metrics = try await intake.get("/metrics")
            #expect(metrics.status == 200)
            // The figure deploy/alerts.yml's FintrakSpoolNotDraining watches.
            #expect(String(decoding: metrics.body, as: UTF8.self).contains("\nintake_spool_depth "))
            #expect(try await intake.get("/ready").status == 200)
            let chat = try FintrakHTTPClient.HTTPRequest.json(intake.baseURL + "/console",
                                            ["from": ServiceEnvironment.uniqueTenant(), "text": "hi"])
            #expect(try await intake.http.send(chat).status == 200)
            // The same request relayed by a proxy on this machine is someone from outside.
            var proxied = FintrakHTTPClient.HTTPRequest(url: intake.baseURL + "/metrics")
            proxied.headers.append((name: "X-Forwarded-For", value: "203.0.113.9"))
            #expect(try await intake.http.send(proxied).status == 403)
        }
    }

    @Test(arguments: [
        "POST /whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-",
        "POST /whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 400\r\n\r\nMessageSid=SM1&Body=hal",
    ])
    func aClientThatStopsHalfwayThroughARequestIsDisconnected(halfRequest: String) async throws {
        try await withIntake(try IntakeHarness.environment(["HTTP_IDLE_TIMEOUT_SECONDS": "1"])) { intake in
            let connection = try RawTCPConnection(port: intake.port)
            try connection.write(halfRequest)
            let closed = try await eventually(pollEvery: .milliseconds(100)) { connection.closedByPeer() }
            #expect(closed, "the half-sent request still holds its connection")
            // The server itself carries on.
            #expect(try await intake.get("/health").status == 200)
        }
    }

    /// A client trickling its body a byte at a time is never idle, yet it must not hold its connection for longer
    /// than HTTP_IDLE_TIMEOUT_SECONDS after the request's head.
    @Test func aClientTricklingItsBodyIsDisconnected() async throws {
        try await withIntake(try IntakeHarness.environment(["HTTP_IDLE_TIMEOUT_SECONDS": "1"])) { intake in
            let connection = try RawTCPConnection(port: intake.port)
            try connection.write("POST /whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 400\r\n\r\nMessageSid=")
            let started = ContinuousClock.now
            var closed = false
            while !closed, ContinuousClock.now - started < .seconds(10) {
                // The slow client's pace, well inside the idle timeout.
                try await Task.sleep(for: .milliseconds(200))
                do { try connection.write("S") } catch { closed = true }
                closed = closed || connection.closedByPeer()
            }
            #expect(closed, "a body trickled a byte every 200 ms held its connection for 10 s")
            #expect(try await intake.get("/health").status == 200)
        }
    }
}
