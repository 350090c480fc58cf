import FintrakCore
import Foundation

/// `WHATSAPP_PROVIDER=console`: the reply is printed for whoever runs Fintrak locally (and stored like any other).
struct ConsoleSender: ReplySender {
    func send(_ reply: OutboundReply) async throws(DeliveryError) -> String? {
        var text = "\n── reply to \(reply.tenant) ──\n\(reply.body)\n"
        for file in reply.attachments { text += "📎 \(file.filename): \(file.url)\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
        return nil
    }
}
