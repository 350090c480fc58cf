import FintrakCore
import Testing
@testable import MessageLayout

/// Splitting long replies and laying them out per provider: pure, no servers.
@Suite struct MessagePlanTests {
    @Test func aTextThatFitsIsLeftAlone() {
        #expect(MessageSplitter.split("Namaste!\nTotal ₹1,530.00", limit: 1600) == ["Namaste!\nTotal ₹1,530.00"])
        let exactly = String(repeating: "a", count: 1600)
        #expect(MessageSplitter.split(exactly, limit: 1600) == [exactly])
    }

    @Test func longTextIsCutAtLineBoundariesIntoNumberedParts() {
        let lines = (1...120).map { "\($0). Reliance Fresh, 12 Mar 2026, ₹1,234.50" }
        let text = lines.joined(separator: "\n")
        let parts = MessageSplitter.split(text, limit: 1600)
        #expect(parts.count == 4)
        for (index, part) in parts.enumerated() {
            #expect(part.utf16.count <= 1600)
            #expect(part.hasPrefix("(\(index + 1)/\(parts.count)) "))
        }
        // Every line arrives whole, in order, and nothing else was added.
        let rejoined = parts.map { $0.drop { $0 != " " }.dropFirst() }.joined(separator: "\n")
        #expect(rejoined == text)
    }

    @Test func blankLinesAtACutAreDroppedButKeptInside() {
        let text = "intro\n\n" + String(repeating: "x", count: 30) + "\n\n\n" + String(repeating: "y", count: 30)
        let parts = MessageSplitter.split(text, limit: 45)
        #expect(parts == ["(1/2) intro\n\n" + String(repeating: "x", count: 30), "(2/2) " + String(repeating: "y", count: 30)])
    }

    @Test func aSingleOverlongLineIsCutBetweenWords() {
        let words = (1...400).map { "word\($0)" }
        let text = words.joined(separator: " ")
        let parts = MessageSplitter.split(text, limit: 1600)
        #expect(parts.count == 2)
        #expect(parts.allSatisfy { $0.utf16.count <= 1600 })
        let bodies = parts.map { String($0.drop { $0 != " " }.dropFirst()) }
        // No word was cut: every piece starts and ends on a whole word.
        #expect(bodies.joined(separator: " ") == text)
        #expect(bodies.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
    }

    @Test func aWordLongerThanAPartIsCutBetweenCharactersNeverInsideOne() {
        // A family emoji is one character of 8 UTF-16 units; "नि" one of 2 scalars, "e\u{301}" (é) one of 2.
        let family = "👨‍👩‍👧"
        let conjunct = "नि" + "e\u{301}"
        let word = String(repeating: family + conjunct, count: 50)
        let parts = MessageSplitter.split(word, limit: 50)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf16.count <= 50 })
        let bodies = parts.map { String($0.drop { $0 != " " }.dropFirst()) }
        #expect(bodies.joined() == word)
        for body in bodies {
            #expect(body.allSatisfy { $0 == Character(family) || $0 == Character("नि") || $0 == Character("e\u{301}") })
        }
    }

    @Test func theMarkerWidensWhenThereAreTenOrMoreParts() {
        let text = (1...30).map { "line \($0) " + String(repeating: "z", count: 20) }.joined(separator: "\n")
        let parts = MessageSplitter.split(text, limit: 60)
        #expect(parts.count >= 10)
        #expect(parts.allSatisfy { $0.utf16.count <= 60 })
        #expect(parts[0].hasPrefix("(1/\(parts.count)) "))
        #expect(parts.last!.hasPrefix("(\(parts.count)/\(parts.count)) "))
    }

    static let sheet = ReplyAttachment(url: "https://intake.test/media/t1", filename: "invoices.xlsx",
                                       contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    static let chart = ReplyAttachment(url: "https://intake.test/media/t2", filename: "chart.png", contentType: "image/png")

    static func reply(_ body: String, _ attachments: [ReplyAttachment] = []) -> OutboundReply {
        OutboundReply(replyID: "twilio:SM1:0", correlationID: "c", tenant: "+919812345678", provider: .twilio,
                      inReplyTo: "SM1", body: body, attachments: attachments)
    }

    @Test func twilioCarriesTheFirstFileWithTheLastTextPartAndFurtherFilesAlone() {
        let long = (1...100).map { "row \($0): " + String(repeating: "r", count: 30) }.joined(separator: "\n")
        let messages = MessageLayout.twilio.messages(for: Self.reply(long, [Self.sheet, Self.chart]))
        #expect(messages.count == 4)
        #expect(messages[0].media.isEmpty && messages[1].media.isEmpty)
        #expect(messages[2].text.hasPrefix("(3/3) ") && messages[2].media == [Self.sheet])
        #expect(messages[3] == OutgoingMessage(text: "", media: [Self.chart]))

        #expect(MessageLayout.twilio.messages(for: Self.reply("12 invoices", [Self.sheet]))
            == [OutgoingMessage(text: "12 invoices", media: [Self.sheet])])
        #expect(MessageLayout.twilio.messages(for: Self.reply("", [Self.sheet])) == [OutgoingMessage(text: "", media: [Self.sheet])])
    }

    @Test func whatsappProvidersSendTheTextThenOneMessagePerFile() {
        let messages = MessageLayout.whatsapp.messages(for: Self.reply("Your statement", [Self.sheet, Self.chart]))
        #expect(messages == [OutgoingMessage(text: "Your statement"), OutgoingMessage(text: "", media: [Self.sheet]),
                             OutgoingMessage(text: "", media: [Self.chart])])
        let long = String(repeating: "a b c d\n", count: 1000)
        #expect(MessageLayout.whatsapp.messages(for: Self.reply(long)).allSatisfy { $0.text.utf16.count <= 4096 })
    }

    @Test func theConsolePrintsEverythingAtOnceAndNothingIsNothing() {
        let long = String(repeating: "x\n", count: 5000)
        #expect(MessageLayout.console.messages(for: Self.reply(long, [Self.sheet, Self.chart]))
            == [OutgoingMessage(text: long, media: [Self.sheet, Self.chart])])
        #expect(MessageLayout.console.messages(for: Self.reply("")).isEmpty)
        #expect(MessageLayout.twilio.messages(for: Self.reply("")).isEmpty)
        #expect(MessageLayout.whatsapp.messages(for: Self.reply("")).isEmpty)
    }
}
