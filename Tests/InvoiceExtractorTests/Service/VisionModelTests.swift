import BillScanning
import ChatModel
import FintrakCore
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
import Logging
import Testing
@testable import InvoiceExtractor

/// The vision-model backend against a fake OpenAI-compatible server on 127.0.0.1, and its fallback to OCR.
@Suite("Reading with a vision model")
struct VisionModelTests {
    let today = CalendarDay(year: 2026, month: 3, day: 31)!

    static func completion(_ content: String) -> StubResponse {
        let body: [String: Any] = ["id": "chatcmpl-1", "object": "chat.completion",
                                   "choices": [["index": 0, "message": ["role": "assistant", "content": content]]]]
        return StubResponse(status: 200, headers: [("Content-Type", "application/json")],
                            body: (try? JSONSerialization.data(withJSONObject: body)) ?? Data())
    }

    static let goodAnswer = """
        {"is_invoice": true, "payee_name": "Sharma Traders", "invoice_number": "ST-1021", "invoice_date": "2026-03-05",
         "total_amount": "1530.00", "tax_amount": "233.40", "currency": "INR", "payment_method": "upi",
         "gstin": "27AAPFU0939F1ZV",
         "confidence": {"payee_name": 0.95, "invoice_date": 0.9, "total_amount": 0.97, "tax_amount": 0.5}}
        """

    func reader(_ server: RecordingHTTPServer, timeout: Duration = .seconds(5)) -> VisionModelReader {
        VisionModelReader(model: ChatModelClient(
            http: HTTPClient(logger: Logger(label: "test")),
            settings: ChatModelSettings(baseURL: server.baseURL + "/v1", apiKey: "sk-test", model: "vision-test", timeout: timeout)))
    }

    @Test func goodAnswerBecomesFields() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in Self.completion(Self.goodAnswer) }
            let image = MediaFile(data: Data([0xFF, 0xD8, 0xFF, 0xE0]), kind: .jpeg)
            let x = try await reader(server).read(images: [image], reference: today)
            #expect(x.payee?.value == "Sharma Traders")
            #expect(x.total?.value == 1530)
            #expect(x.tax.value == Decimal(string: "233.40"))
            #expect(x.tax.confidence == 0.5)
            #expect(x.invoiceDate?.value.description == "2026-03-05")
            #expect(x.paymentMethod?.value == .upi)
            #expect(x.gstin?.value == "27AAPFU0939F1ZV")

            let request = try #require(server.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("Authorization") == "Bearer sk-test")
            let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(body["model"] as? String == "vision-test")
            let format = try #require(body["response_format"] as? [String: Any])
            #expect(format["type"] as? String == "json_schema")
            let messages = try #require(body["messages"] as? [[String: Any]])
            let parts = try #require(messages.last?["content"] as? [[String: Any]])
            let url = try #require((parts.last?["image_url"] as? [String: Any])?["url"] as? String)
            #expect(url == "data:image/jpeg;base64,/9j/4A==")
        }
    }

    @Test func answersThatDoNotHoldUpAreRefused() async throws {
        try await RecordingHTTPServer.run { server in
            let image = MediaFile(data: Data([0xFF, 0xD8, 0xFF]), kind: .jpeg)
            for content in [
                "Sure! The total is 1530.",
                #"{"is_invoice": true, "payee_name": "X", "total_amount": "lots", "confidence": null}"#,
                Self.goodAnswer.replacingOccurrences(of: "\"233.40\"", with: "\"9999.00\""),
                Self.goodAnswer.replacingOccurrences(of: "2026-03-05", with: "yesterday"),
            ] {
                server.setHandler { _ in Self.completion(content) }
                await #expect(throws: ChatModelError.self) {
                    _ = try await reader(server).read(images: [image], reference: today)
                }
            }
            server.setHandler { _ in .json(#"{"error": {"message": "rate limited"}}"#, status: 429) }
            await #expect(throws: ChatModelError.self) {
                _ = try await reader(server).read(images: [image], reference: today)
            }
        }
    }

    @Test func aFencedAnswerIsAccepted() {
        #expect(ChatModelClient.stripCodeFence("```json\n{\"a\": 1}\n```") == "{\"a\": 1}")
    }

    @Test func garbageOrTimeoutFallsBackToOCR() async throws {
        let photo = try await TestBills.photo(lines: TestBills.sharmaTraders)
        let ocr = TesseractOCR(workers: 1)
        defer { ocr.close() }
        try await RecordingHTTPServer.run { server in
            let billReader = BillReader(ocr: ocr, pdf: PDFReader(), vision: reader(server, timeout: .milliseconds(500)))
            let logger = Logger(label: "test")

            server.setHandler { _ in Self.completion("not json at all") }
            let (fromGarbage, source) = try await billReader.read(MediaFile(data: photo, kind: .png), reference: today, logger: logger)
            #expect(source == .ocr)
            #expect(fromGarbage.total?.value == 1530)

            server.setHandler { _ in
                try await Task.sleep(for: .seconds(3))
                return Self.completion(Self.goodAnswer)
            }
            let (afterTimeout, timeoutSource) = try await billReader.read(MediaFile(data: photo, kind: .png), reference: today,
                                                                          logger: logger)
            #expect(timeoutSource == .ocr)
            #expect(afterTimeout.payee?.value == "Sharma Traders")

            server.setHandler { _ in Self.completion(Self.goodAnswer) }
            let (_, goodSource) = try await billReader.read(MediaFile(data: photo, kind: .png), reference: today, logger: logger)
            #expect(goodSource == .visionModel)
        }
    }
}
