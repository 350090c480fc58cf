@testable import ClientResponder
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakQueues
import FintrakTestSupport
import Foundation
import Logging
import MessageLayout
import Testing

/// Each provider's request, field by field, against a fake server on 127.0.0.1; and how answers are classified.
@Suite struct SenderTests {
    static let tenant = "+919812345678"
    static let sheet = ReplyAttachment(url: "https://intake.test/media/t1", filename: "invoices.xlsx",
                                       contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let chart = ReplyAttachment(url: "https://intake.test/media/t2", filename: "chart.png", contentType: "image/png")
    static let http = HTTPClient(logger: Logger(label: "test"))

    /// The contract's variables with every provider pointing at `base`; no server is contacted to load them.
    static func configuration(base: String, _ extra: [String: String] = [:]) throws -> FintrakConfiguration {
        var environment = [
            "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x", "REDIS_URL": "redis://127.0.0.1:1/0",
            "AMQP_URL": "amqp://u:p@127.0.0.1:1/x", "WHATSAPP_PROVIDER": "twilio",
            "PUBLIC_BASE_URL": "https://intake.fintrak.test",
            "TWILIO_ACCOUNT_SID": ServiceEnvironment.twilioSID, "TWILIO_AUTH_TOKEN": ServiceEnvironment.twilioToken,
            "TWILIO_WHATSAPP_NUMBER": ServiceEnvironment.twilioNumber, "TWILIO_API_BASE": base,
            "GUPSHUP_API_KEY": "gupshup-test-key", "GUPSHUP_APP_NAME": "FintrakTest",
            "GUPSHUP_SOURCE_NUMBER": "917834811114", "GUPSHUP_API_BASE": base,
            "META_ACCESS_TOKEN": "meta-test-token", "META_PHONE_NUMBER_ID": "106540352242922",
            "META_API_BASE": base + "/graph",
        ]
        environment.merge(extra) { $1 }
        return try FintrakConfiguration.load(service: ResponderService.name, defaultPort: 0, environment: environment)
    }

    static func senders(base: String, timeout: Duration = .seconds(30)) throws -> [Provider: any ReplySender] {
        var environment = EnvironmentReader([:])
        let configuration = try configuration(base: base)
        return ResponderService.senders(
            configuration: configuration, http: http, timeout: timeout,
            statusCallback: ResponderSettings.statusCallback(&environment, publicBaseURL: configuration.publicBaseURL))
    }

    static func form(_ request: RecordedRequest) -> [String: [String]] {
        Dictionary(grouping: FormEncoding.decode(request.bodyText), by: \.0).mapValues { $0.map(\.1) }
    }

    static func json(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    // MARK: Twilio

    @Test func twilioPostsAFormWithBasicAuthAndReturnsTheSid() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"sid": "SM0123", "status": "queued"}"#, status: 201) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.twilio])
            let sid = try await sender.send(OutgoingMessage(text: "Total ₹1,530 & more", media: [Self.sheet]), to: Self.tenant)
            #expect(sid == "SM0123")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/2010-04-01/Accounts/\(ServiceEnvironment.twilioSID)/Messages.json")
            let credentials = Data("\(ServiceEnvironment.twilioSID):\(ServiceEnvironment.twilioToken)".utf8).base64EncodedString()
            #expect(request.header("Authorization") == "Basic \(credentials)")
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(Self.form(request) == [
                "From": [ServiceEnvironment.twilioNumber], "To": ["whatsapp:\(Self.tenant)"],
                "Body": ["Total ₹1,530 & more"], "MediaUrl": [Self.sheet.url],
                "StatusCallback": ["https://intake.fintrak.test/whatsapp" + ResponderSettings.statusCallbackOverrides],
            ])
        }
    }

    /// The StatusCallback URL names the message, so its reports can show a send whose answer was lost went out.
    @Test func twilioStatusCallbackNamesTheMessageBeforeTheOverrides() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"sid": "SM2"}"#, status: 201) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.twilio])
            _ = try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant, reference: "twilio:SMin:0#part2")
            let form = Self.form(try #require(server.requests.first))
            #expect(form["StatusCallback"] == ["https://intake.fintrak.test/whatsapp?ref=twilio%3ASMin%3A0%23part2"
                                               + ResponderSettings.statusCallbackOverrides])
        }
        #expect(TwilioSender.callback("https://h.test/s?a=1", reference: "x/y") == "https://h.test/s?a=1&ref=x%2Fy")
    }

    @Test func metaSendsCarryTheReferenceAsOpaqueCallbackData() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"messages": [{"id": "wamid.X"}]}"#) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.meta])
            _ = try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant, reference: "meta:wamid.IN:0")
            let body = try Self.json(try #require(server.requests.first).bodyText)
            #expect(body["biz_opaque_callback_data"] as? String == "meta:wamid.IN:0")
        }
    }

    @Test func twilioSendsAFileAloneWithoutABody() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"sid": "SM1"}"#, status: 201) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.twilio])
            _ = try await sender.send(OutgoingMessage(text: "", media: [Self.chart]), to: Self.tenant)
            let form = Self.form(try #require(server.requests.first))
            #expect(form["Body"] == nil)
            #expect(form["MediaUrl"] == [Self.chart.url])
        }
    }

    @Test func theStatusCallbackIsIntakeByDefaultConfigurableAndCanBeSwitchedOff() throws {
        var defaults = EnvironmentReader([:])
        #expect(ResponderSettings.statusCallback(&defaults, publicBaseURL: "https://x.test")
            == "https://x.test/whatsapp" + ResponderSettings.statusCallbackOverrides)
        var off = EnvironmentReader(["TWILIO_STATUS_CALLBACK_URL": "off"])
        #expect(ResponderSettings.statusCallback(&off, publicBaseURL: "https://x.test") == nil)
        var custom = EnvironmentReader(["TWILIO_STATUS_CALLBACK_URL": "https://hooks.test/status"])
        #expect(ResponderSettings.statusCallback(&custom, publicBaseURL: "https://x.test") == "https://hooks.test/status")
        var bad = EnvironmentReader(["TWILIO_STATUS_CALLBACK_URL": "not a url"])
        _ = ResponderSettings.statusCallback(&bad, publicBaseURL: "https://x.test")
        #expect(throws: ConfigurationError.self) { try bad.check() }
    }

    // MARK: Gupshup

    @Test func gupshupPostsAFormWithTheMessageAsJSON() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"status": "submitted", "messageId": "ee4a68a0"}"#, status: 202) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.gupshup])
            let id = try await sender.send(OutgoingMessage(text: "Ramesh owes you ₹300"), to: Self.tenant)
            #expect(id == "ee4a68a0")
            _ = try await sender.send(OutgoingMessage(text: "", media: [Self.sheet]), to: Self.tenant)
            _ = try await sender.send(OutgoingMessage(text: "", media: [Self.chart]), to: Self.tenant)
            #expect(server.requests.count == 3)
            for request in server.requests {
                #expect(request.method == "POST")
                #expect(request.path == "/wa/api/v1/msg")
                #expect(request.header("apikey") == "gupshup-test-key")
                #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
                let form = Self.form(request)
                #expect(Set(form.keys) == ["channel", "source", "destination", "src.name", "message"])
                #expect(form["channel"] == ["whatsapp"])
                #expect(form["source"] == ["917834811114"])
                #expect(form["destination"] == ["919812345678"])
                #expect(form["src.name"] == ["FintrakTest"])
            }
            let messages = try server.requests.map { try Self.json(Self.form($0)["message"]?.first ?? "") }
            #expect(messages[0] == ["type": "text", "text": "Ramesh owes you ₹300"] as NSDictionary)
            #expect(messages[1] == ["type": "file", "url": Self.sheet.url, "filename": "invoices.xlsx"] as NSDictionary)
            #expect(messages[2] == ["type": "image", "originalUrl": Self.chart.url, "previewUrl": Self.chart.url] as NSDictionary)
        }
    }

    @Test func gupshupRefusingInA2xxIsPermanent() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"status": "error", "message": "Invalid Destination"}"#) }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.gupshup])
            await #expect(throws: DeliveryError.permanent("Gupshup refused the message: Invalid Destination")) {
                try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant)
            }
        }
    }

    // MARK: Cloud API

    @Test func metaPostsJSONWithABearerTokenAndReturnsTheWamid() async throws {
        try await RecordingHTTPServer.run(handler: { _ in
            .json(#"{"messaging_product": "whatsapp", "contacts": [{"input": "919812345678"}], "messages": [{"id": "wamid.HBgM"}]}"#)
        }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.meta])
            let id = try await sender.send(OutgoingMessage(text: "Namaste!"), to: Self.tenant)
            #expect(id == "wamid.HBgM")
            _ = try await sender.send(OutgoingMessage(text: "", media: [Self.sheet]), to: Self.tenant)
            _ = try await sender.send(OutgoingMessage(text: "", media: [Self.chart]), to: Self.tenant)
            for request in server.requests {
                #expect(request.method == "POST")
                #expect(request.path == "/graph/106540352242922/messages")
                #expect(request.header("Authorization") == "Bearer meta-test-token")
                #expect(request.header("Content-Type") == "application/json")
            }
            let bodies = try server.requests.map { try Self.json($0.bodyText) }
            #expect(bodies[0] == ["messaging_product": "whatsapp", "to": "919812345678", "type": "text",
                                  "text": ["body": "Namaste!"]] as NSDictionary)
            #expect(bodies[1] == ["messaging_product": "whatsapp", "to": "919812345678", "type": "document",
                                  "document": ["link": Self.sheet.url, "filename": "invoices.xlsx"]] as NSDictionary)
            #expect(bodies[2] == ["messaging_product": "whatsapp", "to": "919812345678", "type": "image",
                                  "image": ["link": Self.chart.url]] as NSDictionary)
        }
    }

    @Test func metaThrottlingIn400IsRetryableOtherErrorsAreNot() async throws {
        try await RecordingHTTPServer.run(handler: { request in
            let code = request.bodyText.contains("slow") ? 130429 : 100
            return .json(#"{"error": {"message": "x", "type": "OAuthException", "code": \#(code)}}"#, status: 400)
        }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.meta])
            await #expect {
                try await sender.send(OutgoingMessage(text: "slow"), to: Self.tenant)
            } throws: { error in
                if case .retryable? = error as? DeliveryError { true } else { false }
            }
            await #expect {
                try await sender.send(OutgoingMessage(text: "bad"), to: Self.tenant)
            } throws: { error in
                if case .permanent? = error as? DeliveryError { true } else { false }
            }
        }
    }

    // MARK: What is retried

    @Test(arguments: [
        (500, nil, true, nil), (503, nil, true, nil), (429, "1", true, Duration.seconds(1)), (429, nil, true, nil),
        (400, nil, false, nil), (401, nil, false, nil), (404, nil, false, nil),
    ] as [(Int, String?, Bool, Duration?)])
    func statusesAreClassified(status: Int, retryAfter: String?, retryable: Bool, wait: Duration?) async throws {
        try await RecordingHTTPServer.run(handler: { _ in
            StubResponse(status: status, headers: retryAfter.map { [("Retry-After", $0)] } ?? [], body: Data("{}".utf8))
        }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL)[.twilio])
            do {
                _ = try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant)
                Issue.record("HTTP \(status) did not fail")
            } catch let error as DeliveryError {
                switch error {
                case .retryable(_, let after):
                    #expect(retryable)
                    #expect(after == wait)
                case .permanent:
                    #expect(!retryable)
                case .unanswered:
                    Issue.record("an answer (HTTP \(status)) taken for no answer")
                }
            }
        }
    }

    /// Retryable, and told apart from an answer: the provider may have taken a message it never answered.
    @Test func timeoutsAndRefusedConnectionsAreRetryableWithoutAnAnswer() async throws {
        try await RecordingHTTPServer.run(handler: { _ in
            try await Task.sleep(for: .seconds(3))
            return .json(#"{"sid": "SM1"}"#, status: 201)
        }) { server in
            let sender = try #require(try Self.senders(base: server.baseURL, timeout: .milliseconds(300))[.twilio])
            await #expect {
                try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant)
            } throws: { error in
                if case .unanswered? = error as? DeliveryError { (error as? DeliveryError)?.isRetryable == true } else { false }
            }
        }
        // A port nothing listens on: the server above has stopped.
        let stopped = try await RecordingHTTPServer.run { $0.baseURL }
        let sender = try #require(try Self.senders(base: stopped)[.twilio])
        await #expect {
            try await sender.send(OutgoingMessage(text: "hi"), to: Self.tenant)
        } throws: { error in
            if case .unanswered? = error as? DeliveryError { true } else { false }
        }
    }

    @Test func retryAfterIsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(RetryAfter.parse("1", now: now) == .seconds(1))
        #expect(RetryAfter.parse(" 120 ", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:13:25 GMT", now: now) == .seconds(5))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:13:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("-3", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }

    @Test func backOffIsExponentialWithJitterAndNeverSoonerThanRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 6)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == .milliseconds(800))
        let most = policy.delay(afterAttempt: 1, retryAfter: nil, random: 1)
        #expect(most > .milliseconds(1199) && most <= .milliseconds(1201))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 0.5) == .seconds(4))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7), random: 0.5) == .seconds(7))
        #expect(policy.delay(afterAttempt: 30, retryAfter: nil, random: 1) == .seconds(120))
        #expect(Queues.delayBound(for: .milliseconds(800), bounds: Queues.replyRetryBounds) == .seconds(1))
        #expect(Queues.delayBound(for: .milliseconds(1200), bounds: Queues.replyRetryBounds) == .seconds(5))
        #expect(Queues.delayBound(for: .seconds(300), bounds: Queues.replyRetryBounds) == .seconds(120))
    }

    @Test func laterDeliveryStatusesRankHigher() {
        #expect(DeliveryStatuses.rank("queued") < DeliveryStatuses.rank("sent"))
        #expect(DeliveryStatuses.rank("SENT") < DeliveryStatuses.rank("delivered"))
        #expect(DeliveryStatuses.rank("delivered") < DeliveryStatuses.rank("read"))
        #expect(DeliveryStatuses.rank("read") < DeliveryStatuses.rank("failed"))
        #expect(DeliveryStatuses.rank("something new") == 0)
        #expect(DeliveryStatuses.later(than: "delivered") == ["deleted", "failed", "read", "undelivered"])
        #expect(DeliveryStatuses.later(than: "failed").isEmpty)
    }

    @Test func theConsoleShowsTheReplyAndItsFiles() {
        let text = ConsoleSender.render(OutgoingMessage(text: "Ramesh owes you ₹300", media: [Self.sheet]), to: Self.tenant)
        #expect(text.contains("reply to +919812345678"))
        #expect(text.contains("Ramesh owes you ₹300"))
        #expect(text.contains("📎 invoices.xlsx: https://intake.test/media/t1"))
    }
}
