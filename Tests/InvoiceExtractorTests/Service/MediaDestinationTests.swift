import FintrakCore
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Logging
import Testing

/// Media is fetched only from the provider's hosts, and never from loopback unless configured, on any hop.
@Suite("media destinations")
struct MediaDestinationTests {
    @Test func eachProviderHasItsHostsAndLoopbackOnlyWhenNamed() {
        let defaults = MediaDestinations(environment: [:])
        #expect(defaults.policy(for: .twilio).allows(host: "mms.twiliocdn.com"))
        #expect(defaults.policy(for: .meta).allows(host: "lookaside.fbsbx.com"))
        #expect(defaults.policy(for: .gupshup).allows(host: "filemanager.gupshup.io"))
        #expect(!defaults.policy(for: .gupshup).allows(host: "twilio.com"))
        #expect(!defaults.policy(for: .twilio).allows(host: "twilio.com.attacker.example"))
        #expect(!defaults.policy(for: .twilio).allowLoopback)
        let harness = MediaDestinations(environment: ["TWILIO_API_BASE": "http://127.0.0.1:9999", "MEDIA_ALLOWED_HOSTS": "cdn.example.in"])
        #expect(harness.policy(for: .twilio).allowLoopback && harness.policy(for: .twilio).allows(host: "127.0.0.1"))
        #expect(!harness.policy(for: .gupshup).allowLoopback)
        #expect(harness.policy(for: .gupshup).allows(host: "img.cdn.example.in"))
    }

    /// The local chat's bills are intake's own `/media/` links: its host only, loopback when intake is local.
    @Test func localChatBillsComeFromIntakeOnly() {
        let local = MediaDestinations(environment: ["MEDIA_ALLOWED_HOSTS": "cdn.example.in"], publicBaseURL: "http://127.0.0.1:8000")
        #expect(local.policy(for: .console).allowLoopback && local.policy(for: .console).allows(host: "127.0.0.1"))
        #expect(!local.policy(for: .console).allows(host: "cdn.example.in"))
        #expect(!local.policy(for: .console).allows(host: "twilio.com"))
        #expect(!local.policy(for: .twilio).allowLoopback, "intake's address opens nothing to the providers' media")
        let hosted = MediaDestinations(environment: [:], publicBaseURL: "https://books.example.in")
        #expect(hosted.policy(for: .console).allows(host: "books.example.in") && !hosted.policy(for: .console).allowLoopback)
        #expect(!MediaDestinations(environment: [:]).policy(for: .console).allows(host: "127.0.0.1"))
    }

    /// One ordinary request after the refused one: the server is still up and has seen the refused connection close
    /// (stopping it with that connection half-open trips NIO), and it shows what reached it.
    private func probe(_ server: RecordingHTTPServer) async throws {
        _ = try await HTTPClient(logger: Logger(label: "test")).send(HTTPRequest(url: server.baseURL + "/probe"))
    }

    @Test func aGupshupURLOnAnInternalHostIsNotFetched() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in StubResponse(body: TestBills.pdf(lines: TestBills.sharmaTraders)) }
            // A token-only callback can name any URL: here the machine itself, with no loopback configured.
            let fetcher = MediaFetcher(http: HTTPClient(logger: Logger(label: "test")), twilio: nil, meta: nil, timeout: .seconds(5),
                                       maxBytes: 1 << 20, destinations: MediaDestinations(environment: [:]))
            do {
                _ = try await fetcher.fetch(MediaAttachment(url: server.baseURL + "/secret"), provider: .gupshup)
                Issue.record("fetched from an internal host")
            } catch MediaFailure.forbidden {}
            try await probe(server)
            #expect(server.requests.map(\.path) == ["/probe"])
        }
    }

    @Test func aRedirectToAnotherHostIsRefusedBeforeItIsRequested() async throws {
        try await RecordingHTTPServer.run { server in
            let port = try #require(URLComponents(string: server.baseURL)?.port)
            server.setHandler { request in
                if request.path == "/media" { return StubResponse(status: 302, headers: [("Location", "http://localhost:\(port)/admin")]) }
                return StubResponse(body: TestBills.pdf(lines: TestBills.sharmaTraders))
            }
            let fetcher = MediaFetcher(http: HTTPClient(logger: Logger(label: "test")), twilio: nil, meta: nil, timeout: .seconds(5),
                                       maxBytes: 1 << 20,
                                       destinations: MediaDestinations(environment: ["MEDIA_ALLOWED_HOSTS": "127.0.0.1"]))
            do {
                _ = try await fetcher.fetch(MediaAttachment(url: server.baseURL + "/media"), provider: .gupshup)
                Issue.record("followed a redirect to a host not allowed")
            } catch MediaFailure.forbidden(let reason) {
                #expect(reason.contains("localhost"))
            }
            try await probe(server)
            #expect(server.requests.map(\.path) == ["/media", "/probe"])
        }
    }
}
