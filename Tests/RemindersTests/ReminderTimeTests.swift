import FintrakCore
import Foundation
import Reminders
import Testing

/// Schedules, quiet hours (21:00–09:00 business time), the 24-hour window and the one-a-day rules.
@Suite struct ReminderTimeTests {
    let india = TimeZone(identifier: "Asia/Kolkata")!

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func weeklyFiresOnTheNextSuchDayAtTen() {
        // 2026-12-06 is a Sunday.
        #expect(ReminderSchedule.weekly(weekday: 1).nextDue(after: at("2026-12-06T20:00:00+05:30"), in: india)
            == at("2026-12-07T10:00:00+05:30"))
        // On a Monday before ten it is today; at ten or later, next week.
        #expect(ReminderSchedule.weekly(weekday: 1).nextDue(after: at("2026-12-07T09:59:00+05:30"), in: india)
            == at("2026-12-07T10:00:00+05:30"))
        #expect(ReminderSchedule.weekly(weekday: 1).nextDue(after: at("2026-12-07T10:00:00+05:30"), in: india)
            == at("2026-12-14T10:00:00+05:30"))
    }

    @Test func monthlyFiresOnThatDayOrTheMonthsLast() {
        #expect(ReminderSchedule.monthly(day: 1).nextDue(after: at("2026-12-06T12:00:00+05:30"), in: india)
            == at("2027-01-01T10:00:00+05:30"))
        #expect(ReminderSchedule.monthly(day: 31).nextDue(after: at("2027-02-01T12:00:00+05:30"), in: india)
            == at("2027-02-28T10:00:00+05:30"))
    }

    @Test func quietHoursHoldUntilNine() {
        #expect(QuietHours.isQuiet(at("2026-12-06T21:00:00+05:30"), in: india))
        #expect(QuietHours.isQuiet(at("2026-12-07T08:59:00+05:30"), in: india))
        #expect(!QuietHours.isQuiet(at("2026-12-07T09:00:00+05:30"), in: india))
        #expect(!QuietHours.isQuiet(at("2026-12-07T20:59:00+05:30"), in: india))
        #expect(QuietHours.sendingTime(for: at("2026-12-06T22:30:00+05:30"), in: india) == at("2026-12-07T09:00:00+05:30"))
        #expect(QuietHours.sendingTime(for: at("2026-12-07T02:00:00+05:30"), in: india) == at("2026-12-07T09:00:00+05:30"))
        let noon = at("2026-12-07T12:00:00+05:30")
        #expect(QuietHours.sendingTime(for: noon, in: india) == noon)
        // Business time, not the server's: 22:00 UTC is 03:30 in India.
        #expect(QuietHours.isQuiet(at("2026-12-06T22:00:00Z"), in: india))
    }

    @Test func theWindowIsTwentyFourHoursFromThePartysOwnMessage() {
        let now = at("2026-12-07T12:00:00+05:30")
        #expect(CustomerServiceWindow.isOpen(lastInbound: now.addingTimeInterval(-23 * 3600), at: now))
        #expect(!CustomerServiceWindow.isOpen(lastInbound: now.addingTimeInterval(-25 * 3600), at: now))
        #expect(!CustomerServiceWindow.isOpen(lastInbound: nil, at: now))
    }

    @Test func theRulesDecideSendHoldOrSkip() {
        let noon = at("2026-12-07T12:00:00+05:30")
        let late = at("2026-12-07T22:00:00+05:30")
        let owing = ReminderCandidate(balance: 500, phone: "+919876543210", stopped: false, remindedToday: false)
        #expect(ReminderRules.decide(owing, now: noon, zone: india) == .send)
        #expect(ReminderRules.decide(owing, now: late, zone: india) == .hold(until: at("2026-12-08T09:00:00+05:30")))
        var other = owing
        other.balance = 0
        #expect(ReminderRules.decide(other, now: noon, zone: india) == .skip(.nothingDue))
        other = owing
        other.phone = nil
        #expect(ReminderRules.decide(other, now: noon, zone: india) == .skip(.noPhone))
        other = owing
        other.stopped = true
        #expect(ReminderRules.decide(other, now: noon, zone: india) == .skip(.stopped))
        other = owing
        other.remindedToday = true
        #expect(ReminderRules.decide(other, now: noon, zone: india) == .skip(.alreadyToday))
    }
}
