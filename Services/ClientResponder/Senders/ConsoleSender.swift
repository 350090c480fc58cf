import FintrakCore
import Foundation
import MessageLayout

/// `WHATSAPP_PROVIDER=console`: the reply is printed for whoever runs Fintrak locally (and stored like any other,
/// which is where `fintrak chat` and the tests read it).
struct ConsoleSender: ReplySender {
    var layout: MessageLayout { .console }
    var reportsSends: Bool { false }

    static func render(_ message: OutgoingMessage, to recipient: String) -> String {
        var text = "\n── reply to \(recipient) ──\n\(message.text)\n"
        for file in message.media { text += "📎 \(file.filename): \(file.url)\n" }
        return text
    }

    func send(_ message: OutgoingMessage, to recipient: String, reference: String?) async throws(DeliveryError) -> String? {
        FileHandle.standardOutput.write(Data(Self.render(message, to: recipient).utf8))
        return nil
    }

    /// What would be sent: the template's name and variables, and the text the party would read.
    static func render(template: TemplateMessage, text: String, to recipient: String) -> String {
        let variables = template.variables.enumerated().map { "{{\($0.offset + 1)}} \($0.element)" }.joined(separator: "\n")
        return "\n── template \(template.kind.rawValue) to \(recipient) ──\n\(text)\n\(variables)\n"
    }

    func send(template: TemplateMessage, id: String, text: String, to recipient: String,
              reference: String?) async throws(DeliveryError) -> String? {
        FileHandle.standardOutput.write(Data(Self.render(template: template, text: text, to: recipient).utf8))
        return nil
    }
}
