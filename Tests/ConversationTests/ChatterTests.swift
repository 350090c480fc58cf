@testable import Conversation
import Testing

@Suite struct ChatterTests {
    @Test(arguments: [
        ("ok", Chatter.acknowledgement), ("OK 👍", .acknowledgement), ("👍", .acknowledgement), ("👍🏽", .acknowledgement),
        ("theek hai", .acknowledgement), ("Theek hai ji.", .acknowledgement), ("ठीक है", .acknowledgement),
        ("achha", .acknowledgement), ("great, very good!", .acknowledgement), ("done ✅", .acknowledgement),
        ("thanks", .thanks), ("Thank you!", .thanks), ("thank you so much 🙏", .thanks), ("shukriya", .thanks),
        ("dhanyavaad ji", .thanks), ("धन्यवाद", .thanks), ("🙏", .thanks), ("ok thanks", .thanks), ("thx bhai", .thanks),
        ("hi", .greeting), ("hello", .greeting), ("namaste", .greeting), ("नमस्ते जी", .greeting), ("good morning sir", .greeting),
        ("hello, thank you", .greeting), ("👋", .greeting),
    ])
    func aMessageOfOnlySmallTalkIsReadAsWhatItSays(text: String, expected: Chatter) {
        #expect(Chatter(text) == expected)
    }

    @Test(arguments: [
        "Ramesh 500 udhaar", "how much GST last month?", "you", "hai", "very much", "1", "10 👍", "ok Ramesh", "Super Bazaar",
        "undo", "edit total 1530", "STOP", "", "ok👍x",
    ])
    func anythingThatSaysMoreIsNotOnlySmallTalk(text: String) {
        #expect(Chatter(text) == nil)
    }

    /// Small talk around a khata line or a question is set aside; what is left is the message as written.
    @Test(arguments: [
        ("ok Ramesh 500 udhaar", "Ramesh 500 udhaar"), ("Theek hai, Ramesh ne 200 diye", "Ramesh ne 200 diye"),
        ("thanks, how much GST last month?", "how much GST last month?"), ("Hi! top 3 suppliers this year", "top 3 suppliers this year"),
        ("Ramesh 500 udhaar, thank you ji", "Ramesh 500 udhaar,"), ("👍 Ramesh ka hisaab 🙏", "Ramesh ka hisaab"),
        ("ok ji Suresh ko 300 diye", "Suresh ko 300 diye"),
    ])
    func smallTalkAtTheEdgesIsSetAside(text: String, rest: String) {
        #expect(Chatter.read(text)?.rest == rest)
    }

    /// Words that are small talk only on their own stay where they could be a name, a period or part of the books.
    @Test(arguments: [
        "Super Bazaar me kitna kharch", "how much did I spend this morning", "Good Foods total this year", "Ramesh ka 300 baaki hai",
        "hisaab of Ramesh ok", "so how much GST", "all bills this month", "how much at Hi-Tech",
    ])
    func wordsThatMayBelongToTheMessageStay(text: String) {
        #expect(Chatter.read(text) == nil)
    }

    @Test func theReplyFitsTheConversation() {
        #expect(Chatter.greeting.reply(afterBill: false) == MenuCommand.menu)
        #expect(Chatter.acknowledgement.reply(afterBill: true).contains("bill is saved"))
        #expect(!Chatter.acknowledgement.reply(afterBill: false).contains("saved"))
        #expect(Chatter.thanks.reply(afterBill: false).hasPrefix("You're welcome"))
        #expect(!Chatter.thanks.reply(afterBill: false).contains("understand"))
    }
}
