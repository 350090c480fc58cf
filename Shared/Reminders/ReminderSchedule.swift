import FintrakCore
import Foundation
import QuestionUnderstanding

/// When a standing reminder repeats: "every Monday", "on the 1st" (of every month).
public enum ReminderSchedule: Sendable, Hashable, Codable {
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    case weekly(weekday: Int)
    /// Day of the month, 1…31; a month without that day fires on its last day.
    case monthly(day: Int)

    /// The hour (business time) a scheduled reminder goes out: after the quiet hours, in the working morning.
    public static let hour = 10

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "every Monday", "on the 1st of every month".
    public var description: String {
        switch self {
        case .weekly(let weekday): "every \(Self.weekdayNames[min(max(weekday, 1), 7) - 1])"
        case .monthly(let day): "on the \(Self.ordinal(day)) of every month"
        }
    }

    static func ordinal(_ day: Int) -> String {
        let suffix = (11...13).contains(day % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][day % 10] ?? "th"
        return "\(day)\(suffix)"
    }

    /// The first time this schedule fires strictly after `instant`, at `hour`:00 business time.
    public func nextDue(after instant: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let today = CalendarDay(instant, in: zone)
        // At most 62 days ahead holds the next of any weekly or monthly occurrence.
        for offset in 0...62 {
            let day = today.adding(days: offset)
            guard fires(on: day), let at = calendar.date(from: DateComponents(
                year: day.year, month: day.month, day: day.day, hour: Self.hour)), at > instant
            else { continue }
            return at
        }
        return instant.addingTimeInterval(7 * 86_400)
    }

    func fires(on day: CalendarDay) -> Bool {
        switch self {
        case .weekly(let weekday):
            return day.weekdayFromMonday + 1 == weekday
        case .monthly(let wanted):
            return day.day == min(wanted, CalendarDay.daysIn(year: day.year, month: day.month))
        }
    }
}

/// No reminder reaches a party between 21:00 and 09:00 business time: one decided then is held until 09:00.
public enum QuietHours {
    public static let starts = 21
    public static let ends = 9

    public static func isQuiet(_ instant: Date, in zone: TimeZone) -> Bool {
        let hour = hourOfDay(instant, in: zone)
        return hour >= starts || hour < ends
    }

    /// `instant` itself outside the quiet hours; otherwise the 09:00 that ends them.
    public static func sendingTime(for instant: Date, in zone: TimeZone) -> Date {
        guard isQuiet(instant, in: zone) else { return instant }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = CalendarDay(instant, in: zone)
        if hourOfDay(instant, in: zone) >= starts { day = day.adding(days: 1) }
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: ends)) ?? instant
    }

    static func hourOfDay(_ instant: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.component(.hour, from: instant)
    }
}

/// WhatsApp lets a business write free-form text to someone only within 24 hours of that person's last message;
/// outside it, only an approved template may start the conversation.
public enum CustomerServiceWindow {
    public static let length: TimeInterval = 24 * 3600

    public static func isOpen(lastInbound: Date?, at instant: Date) -> Bool {
        guard let lastInbound else { return false }
        let age = instant.timeIntervalSince(lastInbound)
        return age >= 0 && age < length
    }
}
