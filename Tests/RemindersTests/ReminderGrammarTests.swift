import FintrakCore
import Foundation
import Reminders
import Testing

/// The owner's reminder lines and the party's answers, in English and Hinglish.
@Suite struct ReminderGrammarTests {
    @Test(arguments: [
        ("my upi is shop@okaxis", ReminderCommand.setUPI("shop@okaxis")),
        ("My UPI id: Shop@OKAXIS", .setUPI("shop@okaxis")),
        ("mera upi gupta.kirana@ybl hai", .setUPI("gupta.kirana@ybl")),
        ("upi shop@okaxis", .setUPI("shop@okaxis")),
        ("my upi is shop okaxis", .invalidUPI("shop okaxis")),
        ("shop name Gupta Kirana", .setShopName("Gupta Kirana")),
        ("My shop name is Gupta Kirana Store", .setShopName("Gupta Kirana Store")),
        ("dukaan ka naam Sharma General Store hai", .setShopName("Sharma General Store")),
        ("Ramesh ka number 98765 43210", .setPhone(party: "Ramesh", phone: "+919876543210")),
        ("Ramesh's number is +91 98765-43210", .setPhone(party: "Ramesh", phone: "+919876543210")),
        ("number of Ramesh Kumar is 09876543210", .setPhone(party: "Ramesh Kumar", phone: "+919876543210")),
        ("Suresh bhai ka mobile 919876543210", .setPhone(party: "Suresh bhai", phone: "+919876543210")),
        ("Ramesh ka number 98765 4321", .invalidPhone(party: "Ramesh", written: "98765 4321")),
        ("remind Ramesh", .remind(.party("Ramesh"))),
        ("Ramesh ko remind karo", .remind(.party("Ramesh"))),
        ("Ramesh ko yaad dilao", .remind(.party("Ramesh"))),
        ("remind all", .remind(.everyone(above: nil))),
        ("remind all above 500", .remind(.everyone(above: 500))),
        ("remind everyone who owes more than 1,000", .remind(.everyone(above: 1000))),
        ("remind Ramesh every Monday", .schedule(.party("Ramesh"), .weekly(weekday: 1))),
        ("remind all on the 1st", .schedule(.everyone(above: nil), .monthly(day: 1))),
        ("remind all above 500 every friday", .schedule(.everyone(above: 500), .weekly(weekday: 5))),
        ("remind Suresh every month on the 15th", .schedule(.party("Suresh"), .monthly(day: 15))),
        ("stop reminders Ramesh", .stopReminders(party: "Ramesh")),
        ("stop reminding Ramesh", .stopReminders(party: "Ramesh")),
        ("stop all reminders", .stopReminders(party: nil)),
        ("digest on", .digest(true)),
        ("weekly digest off", .digest(false)),
        ("notify Ramesh on", .notify(party: "Ramesh", on: true)),
        ("notify Ramesh off", .notify(party: "Ramesh", on: false)),
    ])
    func ownerLines(_ text: String, _ expected: ReminderCommand) {
        #expect(ReminderCommandParser.parse(text) == expected)
    }

    @Test(arguments: [
        "Ramesh 500 udhaar", "how much did I spend at Reliance last month?", "Ramesh ka hisaab", "invoice number 45213",
        "how much did I pay by upi last month", "my upi payments last month", "remind", "hi", "stop", "what is my shop's total?", "Ramesh ne 200 diye",
    ])
    func otherLinesAreLeftAlone(_ text: String) {
        #expect(ReminderCommandParser.parse(text) == nil)
    }

    @Test(arguments: [
        ("STOP", PartyReply.stop), ("stop", .stop), ("Stop.", .stop), ("START", .start), ("start reminders", .start),
        ("OK 7QK", .confirm(code: "7QK")), ("ok 7qk", .confirm(code: "7QK")), ("NO 7QK", .dispute(code: "7QK")),
        ("nahi 7qk", .dispute(code: "7QK")), ("paid 500", .paid(500)), ("I paid ₹500", .paid(500)),
        ("maine 500 de diye", .paid(500)), ("paid 1,200 by upi", .paid(1200)),
    ])
    func partyReplies(_ text: String, _ expected: PartyReply) {
        #expect(PartyReplyParser.parse(text) == expected)
    }

    @Test(arguments: ["ok", "OK thanks", "no 7Q", "Ramesh paid 500", "paid", "paid 500 and 200", "stop reminders Ramesh", "no 1OL"])
    func otherMessagesAreNoPartyReply(_ text: String) {
        #expect(PartyReplyParser.parse(text) == nil)
    }

    @Test func codesComeFromTheAlphabetWithoutLookAlikes() {
        for seed in [UInt64(0), 1, 12_345, .max] {
            let code = NoticeCode.make(random: seed)
            #expect(code.count == 3 && NoticeCode.normalised(code.lowercased()) == code)
        }
        #expect(NoticeCode.normalised("0OI") == nil)
    }
}
