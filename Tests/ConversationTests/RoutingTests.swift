@testable import Conversation
import FintrakCore
import Foundation
import Testing

private let photo = MediaAttachment(url: "https://x/1", contentType: "image/jpeg")
private let pdf = MediaAttachment(url: "https://x/2", contentType: "application/pdf", filename: "bill.pdf")

@Suite struct RoutingTests {
    @Test(arguments: ["hi", "Hi", " MENU ", "help", "Hello", "hi!"])
    func greetingsGoToTheQuestionSideAndKeepTheState(text: String) {
        let decision = Routing.decide(text: text, media: [], state: ConversationState(lastInvoiceID: "abc"))
        #expect(decision == RoutingDecision(destination: .questions, stateChange: .keep))
    }

    @Test func onlyExitForgetsTheState() {
        for choice in ["1", "2", "3"] { #expect(Routing.stateChange(text: choice, media: []) == .keep) }
        #expect(Routing.stateChange(text: "0", media: []) == .clear)
        #expect(Routing.stateChange(text: "0.", media: []) == .clear)
        #expect(Routing.decide(text: "0", media: [], state: ConversationState(lastInvoiceID: "abc")).destination == .questions)
        #expect(Routing.stateChange(text: "how much did I spend", media: []) == .keep)
        #expect(Routing.stateChange(text: "10", media: []) == .keep)
    }

    @Test func billsGoToTheInvoiceQueueWhateverTheMenuSaid() {
        for media in [[photo], [pdf], [MediaAttachment(mediaID: "123")]] {
            let decision = Routing.decide(text: "fuel", media: media, state: ConversationState())
            #expect(decision == RoutingDecision(destination: .invoices, stateChange: .keep))
        }
        // A caption that happens to be a menu word does not move the menu.
        #expect(Routing.stateChange(text: "1", media: [photo]) == .keep)
    }

    @Test func otherMediaIsNotABill() {
        let voice = MediaAttachment(mediaID: "9", contentType: "audio/ogg; codecs=opus")
        let sticker = MediaAttachment(mediaID: "8", contentType: "image/webp")
        let sheet = MediaAttachment(url: "https://x/3", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        for media in [voice, sticker, sheet] {
            #expect(!Routing.isBill(media))
            #expect(Routing.destination(text: nil, media: [media], state: nil) == .questions)
        }
        #expect(Routing.isBill(MediaAttachment(url: "https://x/4", contentType: "application/octet-stream", filename: "Bill.PDF")))
    }

    @Test func editsGoToTheExtractorOnlyWhenThereIsAnInvoiceToEdit() {
        let pending = ConversationState(lastInvoiceID: "abc")
        for text in ["edit total 1530", "undo", "Undo.", "change date 05/03/2026", "fix payee Sharma Traders"] {
            #expect(Routing.destination(text: text, media: [], state: pending) == .invoices)
            #expect(Routing.destination(text: text, media: [], state: nil) == .questions)
        }
        #expect(Routing.destination(text: "how much did I spend", media: [], state: pending) == .questions)
        #expect(Routing.stateChange(text: "undo", media: []) == .keep)
    }
}
