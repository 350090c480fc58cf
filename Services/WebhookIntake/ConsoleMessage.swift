import FintrakCore
import FintrakStores
import Foundation

/// A message of the local chat (`POST /console`, `WHATSAPP_PROVIDER=console` only), as `fintrak chat` sends it:
/// `{"from": "+91…", "text": "…"}`, or with a bill `{"from": …, "text": "caption", "file": {"name": "bill.jpg",
/// "content_type": "image/jpeg", "data": "<base64>"}}`.
///
/// A file stands in for a photo or PDF sent on WhatsApp. Intake keeps it as an expiring generated file and the
/// message carries its signed `/media/` link, which the extractor fetches as it fetches a provider's media.
struct ConsoleMessage: Decodable, Sendable {
    struct File: Decodable, Sendable {
        var name: String
        var contentType: String?
        /// The file's bytes, base64.
        var data: String

        enum CodingKeys: String, CodingKey {
            case name, data
            case contentType = "content_type"
        }
    }

    /// The extractor's own default limit on a bill's bytes (`ExtractorSettings.maxMediaBytes`).
    static let maxFileBytes = 10 << 20
    static let usage = #"expected JSON {"from": "+91…", "text": "…"} or {"from": …, "file": {"name": …, "data": "<base64>"}}"#

    var from: String
    var text: String?
    var file: File?

    /// What the request asks to send, checked: the sender's number, the text (nil when empty) and the file's bytes.
    struct Checked: Equatable, Sendable {
        var tenant: String
        var text: String?
        var file: GeneratedFiles.File?
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case notJSON
        case notAPhoneNumber(String)
        case empty
        case fileNotBase64
        case fileTooLarge

        var description: String {
            switch self {
            case .notJSON: ConsoleMessage.usage
            case .notAPhoneNumber(let from): "\"from\": \(from) is not a phone number"
            case .empty: "nothing to send: give a text or a file"
            case .fileNotBase64: "\"file\".\"data\" is not base64"
            case .fileTooLarge: "the file is over \(ConsoleMessage.maxFileBytes >> 20) MiB"
            }
        }
    }

    /// Decodes and checks a request's body. Pure: the caller stores the file and publishes the message.
    static func check(_ body: Data) throws(Problem) -> Checked {
        guard let message = try? JSONDecoder().decode(ConsoleMessage.self, from: body) else { throw .notJSON }
        guard let tenant = PhoneNumber.e164(message.from) else { throw .notAPhoneNumber(message.from) }
        let text = message.text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        guard let file = message.file else {
            guard let text else { throw .empty }
            return Checked(tenant: tenant, text: text)
        }
        guard let bytes = Data(base64Encoded: file.data, options: .ignoreUnknownCharacters), !bytes.isEmpty else {
            throw .fileNotBase64
        }
        guard bytes.count <= maxFileBytes else { throw .fileTooLarge }
        // The name only labels the download (`MediaRoute` keeps its safe characters); the extractor reads the bytes.
        let name = (file.name as NSString).lastPathComponent
        return Checked(tenant: tenant, text: text,
                       file: GeneratedFiles.File(filename: name.isEmpty ? "bill" : name,
                                                 contentType: file.contentType ?? "application/octet-stream", bytes: bytes))
    }
}
