import FintrakCore
import FintrakPostgres
import Foundation

/// `EnvelopeCoding.encode(message)` for the hot path, written by hand: the same JSON (sorted keys, ISO 8601 dates
/// in whole seconds, nil fields left out, `/` escaped as JSONEncoder does) at a fraction of the cost.
/// `InboundJSONTests` checks it against `EnvelopeCoding` and fails when a field is added to the envelope.
enum InboundJSON {
    static func encode(_ message: InboundMessage) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: "\":".utf8)
        }
        if let conversation = message.conversation {
            key("conversation")
            out.append(UInt8(ascii: "{"))
            if let invoice = conversation.lastInvoiceID {
                out.append(contentsOf: "\"lastInvoiceID\":".utf8)
                string(invoice, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        key("correlationID")
        string(message.correlationID, into: &out)
        key("media")
        out.append(UInt8(ascii: "["))
        for (index, media) in message.media.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var fields: [(StaticString, String)] = []
            if let caption = media.caption { fields.append(("caption", caption)) }
            if let type = media.contentType { fields.append(("contentType", type)) }
            if let name = media.filename { fields.append(("filename", name)) }
            if let id = media.mediaID { fields.append(("mediaID", id)) }
            if let url = media.url { fields.append(("url", url)) }
            out.append(UInt8(ascii: "{"))
            for (position, (name, value)) in fields.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
                out.append(contentsOf: "\":".utf8)
                string(value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let name = message.profileName {
            key("profileName")
            string(name, into: &out)
        }
        key("provider")
        string(message.provider.rawValue, into: &out)
        key("providerMessageID")
        string(message.providerMessageID, into: &out)
        key("receivedAt")
        string(iso8601(message.receivedAt), into: &out)
        key("tenant")
        string(message.tenant, into: &out)
        if let text = message.text {
            key("text")
            string(text, into: &out)
        }
        key("version")
        out.append(contentsOf: String(message.version).utf8)
        out.append(UInt8(ascii: "}"))
        return Data(out)
    }

    /// A JSON string as JSONEncoder writes it: `"` `\` `/` and control characters escaped, the rest as UTF-8.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `2026-03-05T09:30:00Z`: UTC, whole seconds (what `.iso8601` writes and reads), from the Postgres wrapper's
    /// formatter (ISO 8601 UTC with microseconds, by integer arithmetic) without the fraction.
    static func iso8601(_ date: Date) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return String((whole.postgresText ?? "").prefix(19)) + "Z"
    }
}
