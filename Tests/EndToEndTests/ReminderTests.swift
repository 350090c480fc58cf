import FintrakCore
import FintrakTestSupport
import Foundation
import Reminders
import Testing

/// Issue 14 against the project's fake providers: reminders as templates with a UPI link outside the 24-hour window
/// and as text inside it, STOP and START, the quiet hours, one a day, a schedule firing once with two schedulers,
/// and OK/NO codes attached to the right entry only.
@Suite struct ReminderTests {
    static let noon = ReminderStack.at("2031-03-04T12:00:00")

    /// Through each provider the owner writes on: the template configured for it, its variables in order, and a
    /// UPI link that parses back to the amount due.
    @Test(arguments: [(Provider.twilio, FakeWhatsApp.twilioReminderSID), (.meta, "payment_reminder"), (.gupshup, "gs-payment-reminder")])
    func aReminderToAPartyWhoNeverWroteIsATemplateWithAUPILink(provider: Provider, templateID: String) async throws {
        try await withReminderStack { stack in
            try await stack.setUp(owes: 1200, at: Self.noon, provider: provider)
            let confirmation = try await stack.ask("remind Ramesh", at: Self.noon, provider: provider)
            #expect(confirmation == "Reminder sent to Ramesh for ₹1,200 with your UPI link.")
            let sent = try #require(try await stack.partyReceives(1).first)
            #expect(sent.provider == provider.rawValue)
            let template = try #require(sent.template, "the reminder went as free-form text: \(sent.body)")
            #expect(template.id == templateID)
            #expect(template.language == (provider == .meta ? "en" : nil))
            #expect(Array(template.variables.prefix(3)) == ["Ramesh", "Gupta Kirana", "₹1,200"])
            let link = try #require(template.variables.last.flatMap(UPILink.parse), "no UPI link in \(template.variables)")
            #expect(link["am"] == "1200.00" && link["pa"] == "gupta.kirana@okaxis" && link["pn"] == "Gupta Kirana" && link["cu"] == "INR")
        }
    }

    @Test func aReminderInsideThePartysWindowIsText() async throws {
        try await withReminderStack { stack in
            try await stack.setUp(owes: 800, at: Self.noon)
            // Ramesh wrote an hour before: his "START" (nothing to resume) opens the window and gets the menu.
            let menu = try await stack.ask("START", from: stack.party, at: Self.noon.addingTimeInterval(-3600))
            #expect(menu.contains("Fintrak"))
            try await stack.ask("remind Ramesh", at: Self.noon)
            let reminder = try #require(try await stack.partyReceives(2).last)
            #expect(reminder.template == nil)
            #expect(reminder.body.contains("₹800") && reminder.body.contains("Gupta Kirana"))
            let link = try #require(reminder.body.split(separator: " ").first { $0.hasPrefix("upi://") }.flatMap { UPILink.parse(String($0)) })
            #expect(link["am"] == "800.00")
        }
    }

    @Test func stopEndsRemindersAndStartResumesThem() async throws {
        try await withReminderStack { stack in
            try await stack.setUp(owes: 500, at: Self.noon)
            let stopped = try await stack.ask("STOP", from: stack.party, at: Self.noon)
            #expect(stopped == ReminderWording.stoppedForParty)
            #expect(try await stack.count("SELECT count(*) AS n FROM ledger_parties WHERE phone = '\(stack.party)' AND reminders_stopped_at IS NOT NULL") == 1)
            let refused = try await stack.ask("remind Ramesh", at: Self.noon)
            #expect(refused == "Ramesh asked not to get reminders (STOP), so none was sent.")
            let started = try await stack.ask("START", from: stack.party, at: Self.noon)
            #expect(started == ReminderWording.startedForParty)
            #expect(try await stack.ask("remind Ramesh", at: Self.noon).hasPrefix("Reminder sent to Ramesh"))
            let received = try await stack.partyReceives(3)
            #expect(received.filter { $0.template?.variables.first == "Ramesh" || $0.body.contains("₹500 is due") }.count == 1)
        }
    }

    @Test func quietHoursHoldTheReminderUntilNineAndOneADayHolds() async throws {
        try await withReminderStack { stack in
            let evening = ReminderStack.at("2031-03-04T22:30:00")
            try await stack.setUp(owes: 700, at: evening)
            let held = try await stack.ask("remind Ramesh", at: evening)
            #expect(held == "It's quiet hours, so Ramesh's reminder for ₹700 goes at 9:00.")
            let early = try await stack.runDue(at: ReminderStack.at("2031-03-05T08:59:00"))
            #expect(early.status == 0 && early.stdout.contains("sent 0 message(s)"), "\(early.stdout) \(early.stderr)")
            let morning = try await stack.runDue(at: ReminderStack.at("2031-03-05T09:00:00"))
            #expect(morning.status == 0 && morning.stdout.contains("sent 1 message(s)"), "\(morning.stdout) \(morning.stderr)")
            #expect(morning.stdout.contains(stack.party) && morning.stdout.contains("template payment_reminder"))
            let sent = try await stack.partyReceives(1)
            #expect(sent.count == 1 && sent[0].template?.variables.prefix(3) == ["Ramesh", "Gupta Kirana", "₹700"])
            let again = try await stack.ask("remind Ramesh", at: ReminderStack.at("2031-03-05T11:00:00"))
            #expect(again == "Ramesh already got a reminder today; one a day at most.")
        }
    }

    @Test func aScheduleFiresOnceWithTwoSchedulersAndOnceAfterADowntime() async throws {
        try await withReminderStack { stack in
            let sunday = ReminderStack.at("2031-03-02T12:00:00")
            try await stack.setUp(owes: 900, at: sunday)
            let scheduled = try await stack.ask("remind Ramesh every Monday", at: sunday)
            #expect(scheduled == "I'll remind Ramesh every Monday, at 10:00.")
            let monday = ReminderStack.at("2031-03-03T10:01:00")
            async let first = stack.runDue(at: monday)
            async let second = stack.runDue(at: monday)
            let runs = try await [first, second]
            #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
            let lines = runs.flatMap { $0.stdout.split(separator: "\n") }.filter { $0.hasPrefix("reminder:") }
            #expect(lines.count == 1, "both schedulers sent: \(runs.map(\.stdout))")
            _ = try await stack.partyReceives(1)
            // Down for two Mondays: the schedule is due once when it comes back, and only once.
            let back = ReminderStack.at("2031-03-18T15:00:00")
            let late = try await stack.runDue(at: back)
            #expect(late.stdout.contains("sent 1 message(s)"), "\(late.stdout) \(late.stderr)")
            let rerun = try await stack.runDue(at: back)
            #expect(rerun.stdout.contains("sent 0 message(s)"), "\(rerun.stdout)")
            let received = try await stack.partyReceives(2)
            try await Task.sleep(for: .milliseconds(500))  // a third would have had time to arrive
            #expect(stack.fake.sent(to: stack.party).count == received.count && received.count == 2)
        }
    }

    @Test func okAndNoCodesAttachToTheirEntryOnly() async throws {
        try await withReminderStack { stack in
            try await stack.setUp(owes: 300, at: Self.noon)
            #expect(try await stack.ask("notify Ramesh on", at: Self.noon).hasPrefix("Ramesh will be sent each new entry"))
            try await stack.ask("Ramesh 500 udhaar", at: Self.noon)
            let notice = try #require(try await stack.partyReceives(1).last?.template)
            #expect(notice.id == FakeWhatsApp.twilioNoticeSID)
            #expect(notice.variables.prefix(3) == ["Gupta Kirana", "₹500 udhaar given to you", "you owe ₹800"])
            let code = try #require(notice.variables.last)
            try await stack.ask("Ramesh 100 udhaar", at: Self.noon)
            let secondCode = try #require(try await stack.partyReceives(2).last?.template?.variables.last)
            #expect(secondCode != code)

            // A stranger with the right code is answered as for any other message, Ramesh with a wrong one is told
            // there is no such entry, and nothing changes; neither answer names an entry, a shop or an amount of
            // theirs. The code is random and may read as a question ("AAJ" is "today"), so the stranger may be told
            // about their own books: those hold nothing, so every amount in the answer is zero.
            let stranger = ServiceEnvironment.uniqueTenant()
            let toStranger = try await stack.ask("OK \(code)", from: stranger, at: Self.noon)
            let amounts = toStranger.matches(of: /₹[0-9][0-9,.]*/).map { String($0.output) }
            #expect(!toStranger.contains("Gupta") && !toStranger.contains("Ramesh"), "\(toStranger)")
            #expect(amounts.allSatisfy { $0 == "₹0" || $0 == "₹0.00" }, "\(toStranger)")
            let wrong = NoticeCode.alphabet.map(String.init).first { "\($0)\($0)\($0)" != code && "\($0)\($0)\($0)" != secondCode }!
            #expect(try await stack.ask("NO \(wrong)\(wrong)\(wrong)", from: stack.party, at: Self.noon) == ReminderWording.unknownCode)
            #expect(try await stack.count("SELECT count(*) AS n FROM entry_notices WHERE tenant = '\(stack.shop)' AND answer IS NOT NULL") == 0)

            let ownerBefore = stack.fake.sent(to: stack.shop).count
            #expect(try await stack.ask("NO \(code.lowercased())", from: stack.party, at: Self.noon) == ReminderWording.disputedForParty(shop: "Gupta Kirana"))
            let told = try await eventually { stack.fake.sent(to: stack.shop).count > ownerBefore }
            #expect(told && stack.fake.sent(to: stack.shop).last?.body.contains("Ramesh replied NO to entry") == true)
            #expect(try await stack.ask("OK \(secondCode)", from: stack.party, at: Self.noon) == ReminderWording.confirmedForParty)
            #expect(try await stack.count("""
                SELECT count(*) AS n FROM entry_notices WHERE tenant = '\(stack.shop)'
                  AND ((code = '\(code)' AND answer = 'no') OR (code = '\(secondCode)' AND answer = 'ok'))
                """) == 2)
        }
    }

    @Test func aPartysPaidIsAClaimTheOwnerConfirms() async throws {
        try await withReminderStack { stack in
            try await stack.setUp(owes: 1000, at: Self.noon)
            try await stack.ask("remind Ramesh", at: Self.noon)
            _ = try await stack.partyReceives(1)
            let ownerBefore = stack.fake.sent(to: stack.shop).count
            #expect(try await stack.ask("paid 500", from: stack.party, at: Self.noon) == ReminderWording.claimForParty(shop: "Gupta Kirana"))
            let told = try await eventually { stack.fake.sent(to: stack.shop).count > ownerBefore }
            #expect(told && stack.fake.sent(to: stack.shop).last?.body == "Ramesh says he paid ₹500 – reply 'yes' to record it.")
            #expect(try await stack.ask("Ramesh ka balance?", at: Self.noon).contains("₹1,000"))
            #expect(try await stack.ask("yes", at: Self.noon) == "Recorded: you got ₹500 from Ramesh. Ramesh owes you ₹500.")
        }
    }
}

/// "remind all above 500", the weekly digest, and a standing reminder stopped.
@Suite struct ReminderListTests {
    @Test func remindAllAboveAThresholdRemindsOnlyThoseWhoOweMore() async throws {
        try await withReminderStack { stack in
            let noon = ReminderTests.noon
            try await stack.setUp(owes: 1200, at: noon)
            let suresh = "97" + String(format: "%08d", Int.random(in: 0..<100_000_000))
            try await stack.ask("Suresh 300 udhaar", at: noon)
            try await stack.ask("Suresh ka number \(suresh)", at: noon)
            try await stack.ask("Mohan 900 udhaar", at: noon)
            let answer = try await stack.ask("remind all above 500", at: noon)
            #expect(answer == """
                Reminder sent to Ramesh for ₹1,200 with your UPI link.
                I don't have Mohan's number yet: send "Mohan ka number 98765 43210".
                """)
            _ = try await stack.partyReceives(1)
            #expect(stack.fake.sent(to: "+91" + suresh).isEmpty)
        }
    }

    @Test func theDigestComesOnMondayAndAStoppedScheduleDoesNot() async throws {
        try await withReminderStack { stack in
            let sunday = ReminderStack.at("2031-03-09T12:00:00")
            try await stack.setUp(owes: 900, at: sunday)
            try await stack.ask("Ramesh ne 100 diye", at: sunday)
            #expect(try await stack.ask("digest on", at: sunday).hasPrefix("Weekly digest on"))
            try await stack.ask("remind Ramesh every Monday", at: sunday)
            #expect(try await stack.ask("stop reminders Ramesh", at: sunday) == "Stopped the standing reminders for Ramesh.")
            let ownerBefore = stack.fake.sent(to: stack.shop).count
            let monday = try await stack.runDue(at: ReminderStack.at("2031-03-10T10:00:00"))
            #expect(monday.stdout.contains("sent 1 message(s)") && monday.stdout.contains("digest:"), "\(monday.stdout) \(monday.stderr)")
            let arrived = try await eventually { stack.fake.sent(to: stack.shop).count > ownerBefore }
            #expect(arrived)
            #expect(stack.fake.sent(to: stack.shop).last?.body == """
                Your weekly khata digest
                Who owes you (top 1):
                1. Ramesh ₹800
                Came in this week: ₹100 from 1 payment.
                """)
            #expect(stack.fake.sent(to: stack.party).isEmpty)
        }
    }
}
