import FintrakCore
import Foundation
import MessageLayout

/// `WHATSAPP_PROVIDER=console`: the reply is printed for whoever runs Fintrak locally (and stored like any other,
/// which is where `fintrak chat` and the tests read it).
struct ConsoleSender: ReplySender {
    var layout: MessageLayout { .console }

    static func render(_ message: OutgoingMessage, to recipient: String) -> String {
        var text = "\n── reply to \(recipient) ──\n\(message.text)\n"
        for file in message.media { text += "📎 \(file.filename): \(file.url)\n" }
        return text
    }

    func send(_ message: OutgoingMessage, to recipient: String) async throws(DeliveryError) -> String? {
        FileHandle.standardOutput.write(Data(Self.render(message, to: recipient).utf8))
        return nil
    }
}
