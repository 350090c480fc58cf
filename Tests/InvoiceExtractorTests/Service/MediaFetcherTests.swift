import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Logging
import Testing

/// Downloads from a fake provider on 127.0.0.1, the way each provider serves media.
@Suite("Fetching media")
struct MediaFetcherTests {
    let pdf = TestBills.pdf(lines: TestBills.sharmaTraders)

    func fetcher(_ server: RecordingHTTPServer, timeout: Duration = .seconds(30), maxBytes: Int = 10 * 1024 * 1024) throws
        -> MediaFetcher {
        // The contract's provider settings, pointed at the fake server.
        let environment = [
            "DATABASE_URL": "postgres://u:p@127.0.0.1:1/db", "REDIS_URL": "redis://127.0.0.1:1/0", "AMQP_URL": "amqp://u:p@127.0.0.1:1/v",
            "TWILIO_ACCOUNT_SID": ServiceEnvironment.twilioSID, "TWILIO_AUTH_TOKEN": ServiceEnvironment.twilioToken,
            "TWILIO_API_BASE": server.baseURL, "GUPSHUP_API_BASE": server.baseURL,
            "META_API_BASE": server.baseURL + "/graph", "META_ACCESS_TOKEN": "meta-token",
        ]
        let configuration = try FintrakConfiguration.load(service: "test", defaultPort: 0, environment: environment)
        return MediaFetcher(
            http: HTTPClient(logger: Logger(label: "test")),
            twilio: configuration.twilio, meta: configuration.meta, timeout: timeout, maxBytes: maxBytes,
            destinations: MediaDestinations(environment: environment))
    }

    @Test func twilioMediaWithBasicAuthAndARedirect() async throws {
        try await RecordingHTTPServer.run { server in
            let pdf = self.pdf
            server.setHandler { request in
                if request.path == "/Media/ME1" { return StubResponse(status: 307, headers: [("Location", "/storage/bill")]) }
                return StubResponse(headers: [("Content-Type", "application/pdf")], body: pdf)
            }
            let file = try await fetcher(server).fetch(MediaAttachment(url: server.baseURL + "/Media/ME1", contentType: "application/pdf"),
                                                       provider: .twilio)
            #expect(file.kind == .pdf)
            #expect(file.data == pdf)
            let expected = "Basic " + Data("\(ServiceEnvironment.twilioSID):\(ServiceEnvironment.twilioToken)".utf8).base64EncodedString()
            #expect(server.requests.first?.header("Authorization") == expected)
            #expect(server.requests.map(\.path) == ["/Media/ME1", "/storage/bill"])
        }
    }

    @Test func cloudAPIMediaIDThroughTheGraphAPI() async throws {
        try await RecordingHTTPServer.run { server in
            let pdf = self.pdf
            let base = server.baseURL
            server.setHandler { request in
                guard request.header("Authorization") == "Bearer meta-token" else { return .json("{}", status: 401) }
                if request.path == "/graph/1234567890" { return .json(#"{"url": "\#(base)/files/abc", "mime_type": "application/pdf"}"#) }
                return StubResponse(body: pdf)
            }
            let file = try await fetcher(server).fetch(MediaAttachment(mediaID: "1234567890", contentType: "application/pdf"),
                                                       provider: .meta)
            #expect(file.data == pdf)
            #expect(server.requests.map(\.path) == ["/graph/1234567890", "/files/abc"])
        }
    }

    @Test func gupshupURLAsIs() async throws {
        try await RecordingHTTPServer.run { server in
            let pdf = self.pdf
            server.setHandler { _ in StubResponse(body: pdf) }
            _ = try await fetcher(server).fetch(MediaAttachment(url: server.baseURL + "/gs/media?id=9"), provider: .gupshup)
            #expect(server.requests.first?.header("Authorization") == nil)
            #expect(server.requests.first?.query == "id=9")
        }
    }

    @Test func failuresTellWhatToDo() async throws {
        try await RecordingHTTPServer.run { server in
            // A limit no answer below comes near, however loaded the machine; the hanging server gets its own.
            let patient = try fetcher(server, timeout: .seconds(60), maxBytes: 1000)
            let impatient = try fetcher(server, timeout: .milliseconds(500), maxBytes: 1000)
            func failure(_ attachment: MediaAttachment, using chosen: MediaFetcher? = nil) async -> MediaFailure? {
                do {
                    _ = try await (chosen ?? patient).fetch(attachment, provider: .twilio)
                    return nil
                } catch {
                    return error as? MediaFailure
                }
            }
            let url = server.baseURL + "/m"
            server.setHandler { _ in .text("gone", status: 404) }
            #expect(await failure(MediaAttachment(url: url)) == .gone(status: 404))

            server.setHandler { _ in .text("oops", status: 503) }
            #expect(await failure(MediaAttachment(url: url))?.isTransient == true)

            server.setHandler { _ in StubResponse(body: Data(count: 5000)) }
            #expect(await failure(MediaAttachment(url: url)) == .tooLarge(limit: 1000))

            server.setHandler { _ in StubResponse(headers: [("Content-Type", "text/html")], body: Data("<html></html>".utf8)) }
            #expect(await failure(MediaAttachment(url: url)) == .unsupported("text/html"))

            server.setHandler { _ in
                try await Task.sleep(for: .seconds(6))
                return StubResponse()
            }
            #expect(await failure(MediaAttachment(url: url), using: impatient)?.isTransient == true)

            // A voice note is not downloaded at all.
            let before = server.requests.count
            #expect(await failure(MediaAttachment(url: url, contentType: "audio/ogg")) == .unsupported("audio/ogg"))
            #expect(server.requests.count == before)
            #expect(await failure(MediaAttachment()) == .noLocation)
        }
    }
}
