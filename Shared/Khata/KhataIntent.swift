import Foundation

/// Which way value moved between the owner and a party.
public enum LedgerDirection: String, Sendable, Hashable, Codable {
    /// The owner gave (credit, goods, a payment to a supplier): the party owes more, or the owner owes less.
    case youGave
    /// The owner got (a payment, goods on credit): the party owes less, or the owner owes more.
    case youGot

    /// The entry's amount as stored: positive when the party owes the owner more.
    public func signed(_ amount: Decimal) -> Decimal { self == .youGave ? amount : -amount }
}

/// Receivables (parties who owe the owner) or payables (parties the owner owes).
public enum LedgerSide: String, Sendable, Hashable, Codable {
    case receivable, payable
}

/// The stretch of days a profit covers.
public enum ProfitPeriod: String, Sendable, Hashable, Codable {
    case today, thisMonth, lastMonth, thisYear
}

/// Cash book lines: money in from sales, money out on expenses.
public enum CashKind: String, Sendable, Hashable, Codable {
    case sale, expense
}

/// What a khata line asks for, with party names as the owner wrote them (matched to the owner's parties later).
public enum KhataIntent: Sendable, Hashable, Codable {
    /// "Ramesh 500 udhaar", "Ramesh ne 200 diye", "Paid 2000 to Mahalaxmi Suppliers".
    case entry(party: String, amount: Decimal, direction: LedgerDirection, note: String?)
    /// "Ramesh ka hisaab" (with the statement), "What is Suresh's balance?".
    case balance(party: String, statement: Bool)
    /// "Who owes me money?", "sab ka udhaar" (nil: both sides).
    case parties(LedgerSide?)
    /// "total udhaar kitna hai?", "what do I owe in all?".
    case total(LedgerSide)
    /// "undo": reverse the owner's last entry.
    case undo
    /// "Ramesh Kumar is Ramesh": `alias` is another name for `party`.
    case rename(alias: String, party: String)
    /// "limit Ramesh 5000".
    case limit(party: String, amount: Decimal)
    /// "aaj 5000 ki bikri", "kharcha 300 chai-pani".
    case cash(CashKind, amount: Decimal, note: String?)
    /// "is mahine ka munafa?".
    case profit(ProfitPeriod)
    /// "udhaar" on its own: the bill just saved was bought on credit.
    case billOnCredit
}
