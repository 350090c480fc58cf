import FintrakHTTPClient
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing

private let client = HTTPClient(logger: Logger(label: "HTTPClientTests"))

@Suite struct HTTPClientTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in StubResponse(status: 200, headers: [("X-Reply", "yes"), ("Content-Type", "text/plain")], body: Data("hello".utf8)) }

            let response = try await client.send(HTTPRequest(url: server.baseURL + "/hello?a=1&b=two%20words", headers: [("X-Test", "1")]))

            #expect(response.status == 200)
            #expect(response.body == Data("hello".utf8))
            #expect(response.header("X-REPLY") == "yes")
            #expect(response.headers["content-type"] == "text/plain")
            let request = try #require(server.requests.first)
            #expect(request.method == "GET")
            #expect(request.path == "/hello")
            #expect(request.query == "a=1&b=two%20words")
            #expect(request.header("x-test") == "1")
            #expect(request.body.isEmpty)
        }
    }

    @Test func formPostKeepsRepeatedNamesAndUnicode() async throws {
        try await RecordingHTTPServer.run { server in
            let fields = [
                ("To", "whatsapp:+919900000000"), ("Body", "₹1,500 ka bill — pichle mahine? a+b=c & 100%"),
                ("MediaUrl", "https://example.com/a.jpg?x=1&y=2"), ("MediaUrl", "https://example.com/b.pdf"),
            ]
            server.setHandler { _ in .json(#"{"sid":"SM1"}"#, status: 201) }

            let response = try await client.send(.form(server.baseURL + "/2010-04-01/Accounts/AC1/Messages.json", fields))

            #expect(response.status == 201)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.header("content-type") == "application/x-www-form-urlencoded")
            let received = FormEncoding.decode(request.bodyText)
            #expect(received.map(\.0) == fields.map(\.0))
            #expect(received.map(\.1) == fields.map(\.1))
        }
    }

    @Test func jsonPostSendsTheEncodedValue() async throws {
        struct Message: Codable, Equatable {
            let messaging_product: String
            let to: String
            let text: [String: String]
        }
        try await RecordingHTTPServer.run { server in
            let message = Message(messaging_product: "whatsapp", to: "919900000000", text: ["body": "नमस्ते"])

            let response = try await client.send(try .json(server.baseURL + "/v21.0/123/messages", message))

            #expect(response.status == 200)
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.header("content-type") == "application/json")
            #expect(request.header("expect") == nil)
            #expect(try JSONDecoder().decode(Message.self, from: request.body) == message)
        }
    }

    @Test func basicAuthSendsBase64OfUserColonPassword() async throws {
        try await RecordingHTTPServer.run { server in
            var request = HTTPRequest(url: server.baseURL + "/media")
            request.basicAuth = ("AC0123456789", "s3cret:token")

            _ = try await client.send(request)

            let expected = "Basic " + Data("AC0123456789:s3cret:token".utf8).base64EncodedString()
            #expect(server.requests.first?.header("authorization") == expected)
        }
    }

    @Test func otherMethodsAndRawBodies() async throws {
        try await RecordingHTTPServer.run { server in
            _ = try await client.send(HTTPRequest(method: "DELETE", url: server.baseURL + "/thing/1"))
            _ = try await client.send(HTTPRequest(method: "PUT", url: server.baseURL + "/thing/2", body: Data([0, 1, 2, 255])))
            _ = try await client.send(HTTPRequest(method: "POST", url: server.baseURL + "/empty"))

            let requests = server.requests
            #expect(requests.map(\.method) == ["DELETE", "PUT", "POST"])
            #expect(requests[1].body == Data([0, 1, 2, 255]))
            #expect(requests[1].header("content-type") == nil)
            #expect(requests[2].body.isEmpty)
        }
    }

    @Test func redirectsAreFollowedOnlyWhenAsked() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { request in
                switch request.path {
                case "/start": StubResponse(status: 302, headers: [("Location", "/final"), ("X-Hop", "first")])
                default: StubResponse(status: 200, headers: [("X-Final", "yes")], body: Data("done".utf8))
                }
            }

            let unfollowed = try await client.send(HTTPRequest(url: server.baseURL + "/start"))
            #expect(unfollowed.status == 302)
            #expect(unfollowed.header("location") == "/final")

            var request = HTTPRequest(url: server.baseURL + "/start")
            request.followRedirects = true
            request.basicAuth = ("AC1", "token")
            let followed = try await client.send(request)
            #expect(followed.status == 200)
            #expect(followed.body == Data("done".utf8))
            #expect(followed.header("x-final") == "yes")
            #expect(followed.header("x-hop") == nil)
            // Same host: the credentials go along.
            #expect(server.requests.last?.path == "/final")
            #expect(server.requests.last?.header("authorization") != nil)
        }
    }

    @Test func credentialsAreNotSentToAnotherHostOnRedirect() async throws {
        try await RecordingHTTPServer.run { storage in
            try await RecordingHTTPServer.run { api in
                // Twilio media: the API redirects to a storage host, which must not see the account's credentials.
                api.setHandler { _ in StubResponse(status: 307, headers: [("Location", "http://localhost:\(storage.port)/file.jpg")]) }
                storage.setHandler { _ in StubResponse(status: 200, headers: [("Content-Type", "image/jpeg")], body: Data([0xFF, 0xD8])) }
                var request = HTTPRequest(url: api.baseURL + "/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1")
                request.basicAuth = ("AC1", "token")
                request.followRedirects = true

                let response = try await client.send(request)

                #expect(response.status == 200)
                #expect(response.header("content-type") == "image/jpeg")
                #expect(api.requests.first?.header("authorization") != nil)
                #expect(storage.requests.count == 1)
                #expect(storage.requests.first?.header("authorization") == nil)
            }
        }
    }

    @Test func tooManyRedirectsFail() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in StubResponse(status: 302, headers: [("Location", "/again")]) }
            var request = HTTPRequest(url: server.baseURL + "/loop")
            request.followRedirects = true

            await #expect(throws: HTTPClientError.self) { try await client.send(request) }
            #expect(server.requests.count == 6)
        }
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in StubResponse(body: Data(repeating: 7, count: 200_000)) }
            var request = HTTPRequest(url: server.baseURL + "/big")

            request.maxResponseBytes = 200_000
            let atTheLimit = try await client.send(request)
            #expect(atTheLimit.body.count == 200_000)

            request.maxResponseBytes = 199_999
            await #expect(throws: HTTPClientError.responseTooLarge(limit: 199_999)) { try await client.send(request) }
        }
    }

    @Test func aServerThatHangsTimesOut() async throws {
        try await RecordingHTTPServer.run { server in
            // Cancelled when the server stops, so the test does not wait for it.
            server.setHandler { _ in
                try await Task.sleep(for: .seconds(30))
                return StubResponse()
            }
            var request = HTTPRequest(url: server.baseURL + "/slow")
            request.timeout = .seconds(1)

            let started = ContinuousClock.now
            await #expect(throws: HTTPClientError.timedOut) { try await client.send(request) }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5))
        }
    }

    @Test func aClosedPortFailsToConnect() async throws {
        let server = try await RecordingHTTPServer.start()
        let url = server.baseURL + "/gone"
        await server.stop()

        let error = await #expect(throws: HTTPClientError.self) { try await client.send(HTTPRequest(url: url)) }
        guard case .connectionFailed(let message) = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("onnect"))
    }

    @Test func badRequestsAreRefusedBeforeSending() async throws {
        let ftp = await #expect(throws: HTTPClientError.self) { try await client.send(HTTPRequest(url: "ftp://127.0.0.1/file")) }
        #expect(ftp.map { if case .invalidRequest = $0 { true } else { false } } == true)

        let header = HTTPRequest(url: "http://127.0.0.1:1/", headers: [("X-Evil", "a\r\nX-Injected: 1")])
        let injected = await #expect(throws: HTTPClientError.self) { try await client.send(header) }
        #expect(injected.map { if case .invalidRequest = $0 { true } else { false } } == true)
    }

    @Test func fiftyConcurrentRequests() async throws {
        // (in flight now, most at once), counted by the server: overlap is shown without timing anything.
        let inFlight = Mutex((now: 0, most: 0))
        try await RecordingHTTPServer.run { server in
            server.setHandler { request in
                inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                defer { inFlight.withLock { $0.now -= 1 } }
                try await Task.sleep(for: .milliseconds(200))
                return .text("answer \(request.path)")
            }

            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await client.send(HTTPRequest(url: server.baseURL + "/item/\(index)"))
                        return (index, String(decoding: response.body, as: UTF8.self))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }

            #expect(bodies.count == 50)
            #expect(bodies.allSatisfy { $0.value == "answer /item/\($0.key)" })
            #expect(server.requests.count == 50)
            // The transfers overlap: sequential ones would never have two requests at the server at once.
            #expect(inFlight.withLock { $0.most } > 1)
        }
    }
}

@Suite struct FormEncodingTests {
    @Test func encodesLikeABrowserForm() {
        #expect(FormEncoding.encode([("a b", "c&d=e"), ("x", "₹+~")]) == "a+b=c%26d%3De&x=%E2%82%B9%2B~")
        #expect(FormEncoding.encode([]) == "")
    }

    @Test func decodesPlusAsSpaceAndKeepsOrder() {
        let decoded = FormEncoding.decode("Body=hello+world%21&MediaUrl=a&MediaUrl=b&Empty=&Flag&bad=%zz%2")
        #expect(decoded.map(\.0) == ["Body", "MediaUrl", "MediaUrl", "Empty", "Flag", "bad"])
        #expect(decoded.map(\.1) == ["hello world!", "a", "b", "", "", "%zz%2"])
    }

    @Test func roundTrips() {
        let fields = [("From", "whatsapp:+14155238886"), ("Body", "line 1\nline 2 — नमस्ते 🧾 100% & more"), ("Body", "")]
        let decoded = FormEncoding.decode(FormEncoding.encode(fields))
        #expect(decoded.map(\.0) == fields.map(\.0))
        #expect(decoded.map(\.1) == fields.map(\.1))
    }
}
