import FintrakCore
import FintrakHTTPClient
import FintrakStores
import FintrakTestSupport
import Foundation
import Testing
@testable import WebhookIntake

/// The local chat's messages: text, or a bill's file that intake keeps and links as a provider would.
@Suite struct ConsoleMessageTests {
    static let photo = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 300))

    static func body(_ json: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: json) }

    /// What `fintrak chat` posts for a file.
    struct FileRequest: Encodable {
        struct File: Encodable {
            var name: String
            var content_type: String?
            var data: String
        }
        var from: String
        var file: File
    }

    @Test func textAndFilesAreCheckedBeforeAnythingIsKept() throws {
        let text = try ConsoleMessage.check(Self.body(["from": "+919800000001", "text": "hi"]))
        #expect(text == ConsoleMessage.Checked(tenant: "+919800000001", text: "hi", file: nil))

        let bill = try ConsoleMessage.check(Self.body([
            "from": "919800000001", "text": " ",
            "file": ["name": "/home/me/Downloads/bill.jpg", "content_type": "image/jpeg", "data": Self.photo.base64EncodedString()],
        ]))
        // A blank caption is no text; only the file's own name is kept, never the sender's folders.
        #expect(bill == ConsoleMessage.Checked(
            tenant: "+919800000001", text: nil,
            file: GeneratedFiles.File(filename: "bill.jpg", contentType: "image/jpeg", bytes: Self.photo)))
        let untyped = try ConsoleMessage.check(Self.body(["from": "+919800000001", "file": ["name": "scan", "data": "AAEC"]]))
        #expect(untyped.file?.contentType == "application/octet-stream" && untyped.file?.bytes == Data([0, 1, 2]))

        let refused: [(Data, ConsoleMessage.Problem)] = [
            (Data("hi".utf8), .notJSON),
            (try Self.body(["text": "hi"]), .notJSON),
            (try Self.body(["from": "Ramesh", "text": "hi"]), .notAPhoneNumber("Ramesh")),
            (try Self.body(["from": "+919800000001", "text": "  "]), .empty),
            (try Self.body(["from": "+919800000001", "file": ["name": "bill.jpg", "data": "not base64!"]]), .fileNotBase64),
            (try Self.body(["from": "+919800000001", "file": ["name": "bill.jpg", "data": ""]]), .fileNotBase64),
            (try Self.body(["from": "+919800000001", "file": [
                "name": "huge.pdf", "data": Data(count: ConsoleMessage.maxFileBytes + 1).base64EncodedString()]]), .fileTooLarge),
        ]
        for (body, problem) in refused {
            #expect(throws: problem) { try ConsoleMessage.check(body) }
        }
    }

    /// Through the real intake: the bill goes to the extractor's queue with a link that serves the same bytes.
    @Test func aBillSentInTheLocalChatReachesTheExtractorAsALinkToItsBytes() async throws {
        try await withIntake(try IntakeHarness.environment(["WHATSAPP_PROVIDER": "console"])) { intake in
            let tenant = ServiceEnvironment.uniqueTenant()
            let request = try HTTPRequest.json(intake.baseURL + "/console", FileRequest(
                from: tenant, file: .init(name: "bill.jpg", content_type: "image/jpeg", data: Self.photo.base64EncodedString())))
            #expect(try await intake.http.send(request).status == 200)

            let message = try #require(try await intake.inbound(intake.queues.invoices).first { $0.tenant == tenant })
            #expect(message.provider == .console && message.text == nil)
            let attachment = try #require(message.media.first)
            #expect(attachment.contentType == "image/jpeg" && attachment.filename == "bill.jpg")
            let link = try #require(attachment.url)
            #expect(link.hasPrefix(ServiceEnvironment.publicBaseURL + "/media/"))
            // PUBLIC_BASE_URL is the tests' made-up host: ask this intake for the same path.
            let served = try await intake.get(String(link.dropFirst(ServiceEnvironment.publicBaseURL.count)))
            #expect(served.status == 200 && served.body == Self.photo)

            let tooLarge = try HTTPRequest.json(intake.baseURL + "/console", FileRequest(
                from: tenant, file: .init(name: "x.pdf", data: Data(count: ConsoleMessage.maxFileBytes + 1).base64EncodedString())))
            let refused = try await intake.http.send(tooLarge)
            #expect(refused.status == 400 && String(decoding: refused.body, as: UTF8.self).contains("over 10 MiB"))
        }
    }
}
