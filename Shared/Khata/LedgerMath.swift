import FintrakCore
import Foundation

/// A party's entries in order, each with the balance after it: what a statement lists.
public struct StatementLine: Sendable, Hashable {
    public var sequence: Int64
    public var date: Date
    public var amount: Decimal
    public var note: String?
    public var kind: String
    public var balance: Decimal

    public init(sequence: Int64, date: Date, amount: Decimal, note: String?, kind: String, balance: Decimal) {
        self.sequence = sequence
        self.date = date
        self.amount = amount
        self.note = note
        self.kind = kind
        self.balance = balance
    }
}

/// Exact ledger arithmetic on `Decimal`.
public enum LedgerMath {
    /// Each entry with the running balance after it, in sequence order.
    public static func runningBalances(_ entries: [ChainedEntry]) -> [StatementLine] {
        var balance: Decimal = 0
        return entries.sorted { $0.sequence < $1.sequence }.map { entry in
            balance += entry.amount
            return StatementLine(sequence: entry.sequence, date: entry.recordedAt, amount: entry.amount, note: entry.note,
                                 kind: entry.kind, balance: balance)
        }
    }

    /// Profit over a period: sales less bills less expenses.
    public static func profit(sales: Decimal, bills: Decimal, expenses: Decimal) -> Decimal {
        sales - bills - expenses
    }

    /// "500.00", "-1200.50": two decimals, no grouping, as the chain and the database write amounts.
    public static func text(_ amount: Decimal) -> String {
        let rounded = amount.rounded(scale: 2)
        let negative = rounded < 0
        let digits = NSDecimalNumber(decimal: negative ? -rounded : rounded).stringValue
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String((parts[1] + "00").prefix(2)) : "00"
        return (negative ? "-" : "") + String(parts[0]) + "." + fraction
    }
}
