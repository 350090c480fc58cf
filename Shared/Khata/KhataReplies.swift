import FintrakCore
import Foundation

/// A party with its balance as the database summed it (positive: the party owes the owner).
public struct PartyBalance: Sendable, Hashable {
    public var party: KhataParty
    public var balance: Decimal
    public var creditLimit: Decimal?

    public init(party: KhataParty, balance: Decimal, creditLimit: Decimal? = nil) {
        self.party = party
        self.balance = balance
        self.creditLimit = creditLimit
    }
}

/// The khata's replies, in plain words with ₹ amounts, saying who owes whom.
public enum KhataReplies {
    /// "₹1,200", "₹99.50": an amount without its sign, and without ".00".
    public static func money(_ amount: Decimal) -> String {
        MoneyFormat.format(amount < 0 ? -amount : amount).replacingOccurrences(of: ".00", with: "")
    }

    /// "Ramesh owes you ₹300", "You owe Mahalaxmi Suppliers ₹3,000", "Ramesh and you are settled (₹0)".
    public static func balance(_ name: String, _ balance: Decimal) -> String {
        if balance > 0 { return "\(name) owes you \(money(balance))." }
        if balance < 0 { return "You owe \(name) \(money(balance))." }
        return "\(name) and you are settled (₹0)."
    }

    /// The reply to a new entry: what moved, the balance now, and a warning past the credit limit.
    public static func entry(party: PartyBalance, isNew: Bool, amount: Decimal, direction: LedgerDirection,
                             note: String?, credit: Bool) -> String {
        let what = note.map { " (\($0))" } ?? ""
        let movement: String
        switch (direction, isNew) {
        case (.youGave, true): movement = "New party \(party.party.name) – \(money(amount))\(credit ? " udhaar" : "") given\(what)."
        case (.youGot, true): movement = "New party \(party.party.name) – you got \(money(amount)) from them\(what)."
        case (.youGave, false): movement = "You gave \(party.party.name) \(money(amount))\(credit ? " udhaar" : "")\(what)."
        case (.youGot, false): movement = "You got \(money(amount)) from \(party.party.name)\(what)."
        }
        var lines = [movement, balance(party.party.name, party.balance)]
        if let warning = limitWarning(party) { lines.append(warning) }
        lines.append("Wrong? Reply \"undo\".")
        return lines.joined(separator: "\n")
    }

    /// "⚠️ Over the credit limit: …" when a party owes more than its limit.
    public static func limitWarning(_ party: PartyBalance) -> String? {
        guard let limit = party.creditLimit, party.balance > limit else { return nil }
        return "⚠️ Over the credit limit of \(money(limit)) for \(party.party.name) by \(money(party.balance - limit))."
    }

    public static func partyBalance(_ party: PartyBalance, code: VerificationCode?, entries: Int) -> String {
        var lines = [balance(party.party.name, party.balance)]
        if let code { lines.append("Statement attached: \(entries) entr\(entries == 1 ? "y" : "ies"), verification code \(code).") }
        if let warning = limitWarning(party) { lines.append(warning) }
        return lines.joined(separator: "\n")
    }

    /// Receivables, payables or both, largest first, each side with its total.
    public static func parties(_ balances: [PartyBalance], side: LedgerSide?) -> String {
        let sides: [LedgerSide] = side.map { [$0] } ?? [.receivable, .payable]
        var sections: [String] = []
        for side in sides {
            let rows = balances.filter { side == .receivable ? $0.balance > 0 : $0.balance < 0 }
                .sorted { abs($0.balance) > abs($1.balance) }
            let sum = rows.reduce(Decimal(0)) { $0 + abs($1.balance) }
            if rows.isEmpty {
                sections.append(side == .receivable ? "Nobody owes you anything right now." : "You owe nobody anything right now.")
                continue
            }
            let head = side == .receivable
                ? "Who owes you – \(money(sum)) from \(count(rows.count)):"
                : "Whom you owe – \(money(sum)) to \(count(rows.count)):"
            sections.append(([head] + rows.map { "• \($0.party.name) \(money($0.balance))" }).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// The asked side's total first, the other side after it.
    public static func total(_ balances: [PartyBalance], side: LedgerSide) -> String {
        func line(_ side: LedgerSide) -> String {
            let rows = balances.filter { side == .receivable ? $0.balance > 0 : $0.balance < 0 }
            let sum = rows.reduce(Decimal(0)) { $0 + abs($1.balance) }
            return side == .receivable
                ? "Total udhaar to collect: \(money(sum)) from \(count(rows.count))."
                : "You owe \(money(sum)) in all, to \(count(rows.count))."
        }
        return [line(side), line(side == .receivable ? .payable : .receivable)].joined(separator: "\n")
    }

    static func count(_ parties: Int) -> String { parties == 1 ? "1 party" : "\(parties) parties" }

    public static func reversed(party: PartyBalance, amount: Decimal) -> String {
        let undone = amount > 0 ? "you gave \(party.party.name) \(money(amount))" : "you got \(money(amount)) from \(party.party.name)"
        return "Undone: \(undone) (kept in the history as a reversal).\n" + balance(party.party.name, party.balance)
    }

    public static let nothingToUndo = "There is no khata entry to undo."

    /// A numbered choice between parties that fit a name, and a new party under that name.
    public static func choice(for phrase: String, among parties: [KhataParty]) -> String {
        var lines = ["Which \(PartyMatcher.displayName(phrase))? Reply with a number:"]
        for (index, party) in parties.enumerated() { lines.append("\(index + 1). \(party.name)") }
        lines.append("\(parties.count + 1). New party \(PartyMatcher.displayName(phrase))")
        return lines.joined(separator: "\n")
    }

    public static func unknownParty(_ phrase: String, known: [KhataParty]) -> String {
        let names = known.prefix(8).map(\.name).joined(separator: ", ")
        return "There is no \(PartyMatcher.displayName(phrase)) in your khata"
            + (known.isEmpty ? " yet. Add one like \"\(PartyMatcher.displayName(phrase)) 500 udhaar\"." : ". Your parties: \(names).")
    }

    public static func merged(alias: String, into party: PartyBalance) -> String {
        "\(alias) and \(party.party.name) are now one account.\n" + balance(party.party.name, party.balance)
    }

    public static func renamed(from old: String, to new: String) -> String {
        "Renamed \(old) to \(new)."
    }

    public static func limitSet(_ party: PartyBalance, limit: Decimal) -> String {
        var lines = ["Credit limit for \(party.party.name): \(money(limit)).", balance(party.party.name, party.balance)]
        if let warning = limitWarning(party) { lines.append(warning) }
        return lines.joined(separator: "\n")
    }

    public static func cash(_ kind: CashKind, amount: Decimal, note: String?) -> String {
        let what = note.map { " (\($0))" } ?? ""
        return kind == .sale
            ? "Sale of \(money(amount))\(what) written in your cash book."
            : "Expense of \(money(amount))\(what) written in your cash book."
    }

    /// Profit with its parts: sales − bills − expenses.
    public static func profit(_ period: ProfitPeriod, sales: Decimal, bills: Decimal, expenses: Decimal) -> String {
        let profit = LedgerMath.profit(sales: sales, bills: bills, expenses: expenses)
        let label = switch period {
        case .today: "today"
        case .thisMonth: "this month"
        case .lastMonth: "last month"
        case .thisYear: "this year"
        }
        return [
            profit < 0 ? "Loss \(label): \(money(profit))" : "Profit \(label): \(money(profit))",
            "Sales \(money(sales)) − bills \(money(bills)) − expenses \(money(expenses))",
        ].joined(separator: "\n")
    }

    public static func billOnCredit(payee: String, total: Decimal, party: PartyBalance) -> String {
        "Bill from \(payee) for \(money(total)) added to your khata on credit.\n" + balance(party.party.name, party.balance)
    }

    /// Under a saved bill's confirmation when its caption said it was bought on credit.
    public static func billOnCreditNote(payee: String, total: Decimal) -> String {
        "Khata: \(money(total)) on credit from \(payee) – you owe it to them."
    }

    public static let noBillForCredit =
        "Which bill was on credit? Send the bill's photo, then reply \"udhaar\" to its confirmation."
}
