import FintrakCore
import Foundation
import Reminders
import Testing

/// Templates carry their variables in order and render to what the party reads.
@Suite struct ReminderWordingTests {
    let content = ReminderContent(partyName: "Ramesh", shopName: "Gupta Kirana", amount: 1200, vpa: "shop@okaxis")

    @Test func theReminderTemplateCarriesNameShopAmountAndLink() throws {
        let template = ReminderWording.reminderTemplate(content)
        #expect(template.kind == .paymentReminder)
        #expect(template.variables.count == 4)
        #expect(Array(template.variables.prefix(3)) == ["Ramesh", "Gupta Kirana", "₹1,200"])
        #expect(try #require(UPILink.parse(template.variables[3]))["am"] == "1200.00")
        let text = ReminderWording.render(template)
        #expect(text.hasPrefix("Hello Ramesh, this is a payment reminder from Gupta Kirana. Amount due: ₹1,200."))
        #expect(!text.contains("{{"))
    }

    @Test func theFreeFormReminderHasTheSameFacts() {
        let text = ReminderWording.reminderText(content)
        #expect(text.contains("Ramesh") && text.contains("Gupta Kirana") && text.contains("₹1,200") && text.contains(content.upiLink))
        #expect(text.contains("STOP"))
    }

    @Test func theNoticeNamesTheEntryAndItsCode() {
        let template = ReminderWording.noticeTemplate(EntryNoticeContent(shopName: "Gupta Kirana", amount: 500, balance: 700, code: "7QK"))
        #expect(template.variables == ["Gupta Kirana", "₹500 udhaar given to you", "you owe ₹700", "7QK"])
        #expect(ReminderWording.render(template).hasSuffix("Reply OK 7QK if this is right, NO 7QK if not."))
    }

    @Test func theDigestListsWhoOwesAndWhatCameIn() {
        let text = ReminderWording.digestText(owing: [("Ramesh", 1200), ("Suresh", 300)], receivedThisWeek: 800, payments: 2)
        #expect(text == """
            Your weekly khata digest
            Who owes you (top 2):
            1. Ramesh ₹1,200
            2. Suresh ₹300
            Came in this week: ₹800 from 2 payments.
            """)
    }
}
