import FintrakCore
import Foundation

/// A party's statement as text in rows and columns, ready to draw: every entry with the running balance, the
/// total and the verification code. Drawing it (cairo, PDF) is the shell's job.
public struct Statement: Sendable, Hashable {
    public var title: String
    public var subtitle: [String]
    public static let columns = ["#", "Date", "Details", "You gave", "You got", "Balance"]
    public var rows: [[String]]
    public var footer: [String]

    public init(party: String, tenant: String, lines: [StatementLine], balance: Decimal, code: VerificationCode?,
                printedAt: Date, timeZone: TimeZone) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_IN")
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd MMM yyyy"
        title = "Khata statement – \(party)"
        subtitle = ["Business \(tenant) · printed \(formatter.string(from: printedAt))"]
        rows = lines.map { line in
            let details = [line.kind == "reversal" ? "Undo" : line.kind == "bill" ? "Bill on credit" : nil, line.note]
                .compactMap { $0 }.joined(separator: " – ")
            return [
                String(line.sequence), formatter.string(from: line.date), details,
                line.amount > 0 ? KhataReplies.money(line.amount) : "", line.amount < 0 ? KhataReplies.money(line.amount) : "",
                Self.signed(line.balance),
            ]
        }
        footer = [
            "Total: " + KhataReplies.balance(party, balance),
            "Verification code: \(code?.description ?? "none (no entries yet)")",
            "The code is the khata's chain head when this was printed: fintrak verify-ledger checks it.",
        ]
    }

    /// "₹300 due from them" / "₹3,000 you owe" / "₹0": the running balance in words a shopkeeper reads.
    static func signed(_ balance: Decimal) -> String {
        balance > 0 ? "\(KhataReplies.money(balance)) due" : balance < 0 ? "\(KhataReplies.money(balance)) you owe" : "₹0"
    }
}

extension ProfitPeriod {
    /// The first and last day the period covers, as ISO dates, counted from `today`.
    public func days(today: CalendarDay) -> (first: String, last: String) {
        func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
            String(format: "%04d-%02d-%02d", year, month, day)
        }
        let todayText = iso(today.year, today.month, today.day)
        switch self {
        case .today: return (todayText, todayText)
        case .thisMonth: return (iso(today.year, today.month, 1), todayText)
        case .thisYear: return (iso(today.year, 1, 1), todayText)
        case .lastMonth:
            let (year, month) = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
            let first = CivilCalendar.daysSinceEpoch(year: year, month: month, day: 1)
            let next = CivilCalendar.daysSinceEpoch(year: today.year, month: today.month, day: 1)
            let last = CivilCalendar.date(fromDays: max(first, next - 1))
            return (iso(year, month, 1), iso(last.year, last.month, last.day))
        }
    }
}
