import Foundation

/// Why a party gets no reminder now.
public enum SkipReason: String, Sendable, Hashable, Codable {
    case noPhone, stopped, alreadyToday, nothingDue
}

/// What happens to one party's reminder.
public enum ReminderDecision: Sendable, Hashable {
    case send
    /// Quiet hours: kept until then.
    case hold(until: Date)
    case skip(SkipReason)
}

/// A party as the reminder rules see it.
public struct ReminderCandidate: Sendable, Hashable {
    public var balance: Decimal
    public var phone: String?
    public var stopped: Bool
    public var remindedToday: Bool

    public init(balance: Decimal, phone: String?, stopped: Bool, remindedToday: Bool) {
        self.balance = balance
        self.phone = phone
        self.stopped = stopped
        self.remindedToday = remindedToday
    }
}

/// The manners of reminders: only to someone who owes, has a number and has not said STOP; at most one a day;
/// never in the quiet hours (held until they end).
public enum ReminderRules {
    public static func decide(_ candidate: ReminderCandidate, now: Date, zone: TimeZone) -> ReminderDecision {
        guard candidate.balance > 0 else { return .skip(.nothingDue) }
        guard candidate.phone != nil else { return .skip(.noPhone) }
        guard !candidate.stopped else { return .skip(.stopped) }
        guard !candidate.remindedToday else { return .skip(.alreadyToday) }
        let at = QuietHours.sendingTime(for: now, in: zone)
        return at == now ? .send : .hold(until: at)
    }
}
