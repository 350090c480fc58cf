import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebhookIntake

/// The verification middleware of each provider route, through Hummingbird's test client: no servers.
@Suite struct WebhookVerificationTests {
    static let publicBaseURL = "https://intake.fintrak.test"
    static let authToken = "12345678901234567890123456789012"

    /// A router with one provider route behind the body limit and `check`, answering "passed" when let through.
    func router(_ path: String, _ check: some RouterMiddleware<BasicRequestContext>) -> Router<BasicRequestContext> {
        let router = Router()
        router.group().add(middleware: WebhookBodyLimit()).add(middleware: check)
            .post(RouterPath(stringLiteral: path)) { _, _ in "passed" }
        return router
    }

    @Test func twilioNeedsItsSignatureOverThePublicURLAndTheFields() async throws {
        let check = TwilioSignatureCheck<BasicRequestContext>(
            signature: TwilioSignature(authToken: Self.authToken), publicBaseURL: Self.publicBaseURL)
        let body = "Body=hello&From=whatsapp%3A%2B919812345678&MessageSid=SM1"
        let signed = TwilioSignature(authToken: Self.authToken).expected(
            url: Self.publicBaseURL + "/whatsapp",
            fields: [("Body", "hello"), ("From", "whatsapp:+919812345678"), ("MessageSid", "SM1")])
        try await Application(router: router("/whatsapp", check)).test(.router) { client in
            try await client.execute(uri: "/whatsapp", method: .post, headers: [TwilioSignatureCheck<BasicRequestContext>.header: signed],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "passed")
            }
            try await client.execute(uri: "/whatsapp", method: .post, headers: [TwilioSignatureCheck<BasicRequestContext>.header: signed],
                                     body: ByteBuffer(string: body + "&Extra=1")) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body) == "invalid signature\n")
            }
            try await client.execute(uri: "/whatsapp", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
            }
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1)
            try await client.execute(uri: "/whatsapp", method: .post, body: huge) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        let unconfigured = TwilioSignatureCheck<BasicRequestContext>(signature: nil, publicBaseURL: Self.publicBaseURL)
        try await Application(router: router("/whatsapp", unconfigured)).test(.router) { client in
            try await client.execute(uri: "/whatsapp", method: .post, headers: [TwilioSignatureCheck<BasicRequestContext>.header: signed],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body) == "Twilio is not configured\n")
            }
        }
    }

    @Test func gupshupNeedsItsTokenInTheQuery() async throws {
        let check = GupshupTokenCheck<BasicRequestContext>(expected: "s3cret/token")
        try await Application(router: router("/gupshup_incoming_webhook", check)).test(.router) { client in
            for (query, status) in [("?token=s3cret%2Ftoken", HTTPResponse.Status.ok), ("?token=s3cret", .forbidden),
                                    ("", .forbidden), ("?other=s3cret%2Ftoken", .forbidden)] {
                try await client.execute(uri: "/gupshup_incoming_webhook" + query, method: .post) { response in
                    #expect(response.status == status, "\(query)")
                }
            }
        }
    }

    @Test func metaNeedsTheHubSignatureOfTheRawBody() async throws {
        let signature = MetaSignature(appSecret: "app-secret")
        let body = Data(#"{"object":"whatsapp_business_account","entry":[]}"#.utf8)
        let header = MetaSignatureCheck<BasicRequestContext>.header
        try await Application(router: router("/webhooks/meta", MetaSignatureCheck(signature: signature))).test(.router) { client in
            for (value, status) in [(signature.expected(body: body), HTTPResponse.Status.ok),
                                    (signature.expected(body: body).uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="), .ok),
                                    (MetaSignature(appSecret: "wrong").expected(body: body), .forbidden), ("", .forbidden)] {
                try await client.execute(uri: "/webhooks/meta", method: .post, headers: [header: value],
                                         body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == status, "\(value)")
                }
            }
        }
    }

    @Test func errorsAnswerWithTheirStatusAndAShortReason() async throws {
        let router = Router()
        router.post("/busy") { _, _ -> Response in throw IntakeHTTPError.retryLater }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/busy", method: .post) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(String(buffer: response.body) == "temporarily unavailable, please retry\n")
            }
        }
    }
}
