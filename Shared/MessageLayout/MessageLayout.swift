import FintrakCore

/// One message as a provider takes it: some text, and the files that go with it.
package struct OutgoingMessage: Sendable, Hashable {
    package var text: String
    package var media: [ReplyAttachment] = []

    package init(text: String, media: [ReplyAttachment] = []) {
        self.text = text
        self.media = media
    }
}

/// How one provider wants a reply cut into messages. Pure: the same reply always gives the same messages,
/// which is what lets each of them keep its own stable id across redeliveries.
package struct MessageLayout: Sendable, Hashable {
    /// The longest text one message may carry (nil: no limit), measured in UTF-16 code units, which is never
    /// fewer than the characters or code points a provider counts.
    package var textLimit: Int?
    /// Twilio: the first file rides on the last text part, as `MediaUrl`. Gupshup and the Cloud API send the
    /// text first and then one file message per attachment.
    package var mediaWithText: Bool
    /// The console prints everything at once.
    package var everythingInOne: Bool = false

    /// Twilio caps `Body` at 1600 characters (PROTOCOLS.md) and WhatsApp through Twilio takes one media file
    /// per message (Twilio's WhatsApp media docs), so a second file goes as a message of its own.
    package static let twilio = MessageLayout(textLimit: 1600, mediaWithText: true)
    /// WhatsApp caps a text message at 4096 characters (Cloud API `text.body`; Gupshup passes it on).
    package static let whatsapp = MessageLayout(textLimit: 4096, mediaWithText: false)
    package static let console = MessageLayout(textLimit: nil, mediaWithText: true, everythingInOne: true)

    /// The messages for `reply`, in the order they go out. Empty when there is nothing to send.
    package func messages(for reply: OutboundReply) -> [OutgoingMessage] {
        let body = reply.body
        if everythingInOne {
            return body.isEmpty && reply.attachments.isEmpty ? [] : [OutgoingMessage(text: body, media: reply.attachments)]
        }
        var messages = body.isEmpty ? [] : MessageSplitter.split(body, limit: textLimit ?? .max)
            .map { OutgoingMessage(text: $0) }
        var files = reply.attachments[...]
        if mediaWithText, !messages.isEmpty, let first = files.popFirst() {
            messages[messages.count - 1].media = [first]
        }
        messages += files.map { OutgoingMessage(text: "", media: [$0]) }
        return messages
    }

    package init(textLimit: Int? = nil, mediaWithText: Bool, everythingInOne: Bool = false) {
        self.textLimit = textLimit
        self.mediaWithText = mediaWithText
        self.everythingInOne = everythingInOne
    }
}

/// Cuts a long text into numbered parts that each fit a provider's limit.
package enum MessageSplitter {
    /// `text` itself when it fits; otherwise parts of at most `limit` UTF-16 code units, each starting with
    /// "(i/n) ". Cuts fall between lines where possible, then between words, and never inside a character
    /// (a grapheme cluster such as an emoji with its modifiers or a Devanagari conjunct stays whole).
    package static func split(_ text: String, limit: Int) -> [String] {
        guard text.utf16.count > limit else { return [text] }
        // The marker's width depends on how many parts there are: assume one digit, and widen until it holds.
        var digits = 1
        while true {
            let markerWidth = 2 * digits + 4  // "(" digits "/" digits ") "
            let parts = pack(text, capacity: max(limit - markerWidth, 1))
            guard String(parts.count).count > digits else {
                return parts.enumerated().map { "(\($0.offset + 1)/\(parts.count)) \($0.element)" }
            }
            digits += 1
        }
    }

    /// Greedy: whole lines while they fit, a line too long for one part cut at spaces, a word too long cut
    /// between characters. Blank lines at the edges of a part are dropped.
    package static func pack(_ text: String, capacity: Int) -> [String] {
        var parts: [String] = []
        var lines: [Substring] = []
        var size = 0  // of `lines` joined by "\n"

        func flush() {
            let part = lines.joined(separator: "\n").trimmingNewlines()
            if !part.isEmpty { parts.append(part) }
            lines = []
            size = 0
        }

        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let width = line.utf16.count
            let added = (lines.isEmpty ? 0 : 1) + width
            if size + added <= capacity {
                lines.append(line)
                size += added
                continue
            }
            flush()
            if width <= capacity {
                lines = [line]
                size = width
                continue
            }
            let pieces = words(line, capacity: capacity)
            parts += pieces.dropLast()
            if let last = pieces.last {
                lines = [Substring(last)]
                size = last.utf16.count
            }
        }
        flush()
        return parts
    }

    /// A line longer than `capacity`, cut between words (the space at a cut is dropped).
    private static func words(_ line: Substring, capacity: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            let added = (current.isEmpty ? 0 : 1) + word.utf16.count
            if current.utf16.count + added <= capacity {
                current += current.isEmpty ? String(word) : " " + word
                continue
            }
            if !current.isEmpty { pieces.append(current) }
            current = ""
            if word.utf16.count <= capacity {
                current = String(word)
                continue
            }
            // One word longer than a part: cut between characters.
            for character in word {
                if !current.isEmpty, current.utf16.count + character.utf16.count > capacity {
                    pieces.append(current)
                    current = ""
                }
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}

extension StringProtocol {
    fileprivate func trimmingNewlines() -> String {
        var text = Substring(self)
        while text.first?.isNewline == true { text.removeFirst() }
        while text.last?.isNewline == true { text.removeLast() }
        return String(text)
    }
}
