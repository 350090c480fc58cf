import FintrakCore
import FintrakDocuments
import FintrakPostgres
import FintrakStores
import Foundation
import Khata
import KhataStore

/// One khata intent carried out inside one tenant transaction.
struct KhataCommandHandler {
    let store: LedgerStore
    let chain: LedgerChain
    let message: InboundMessage
    let today: CalendarDay
    let timeZone: TimeZone
    /// The owner's answer to a numbered choice, for the intent that asked it.
    let chosen: PartyMatch?

    typealias Decision = KhataAnswerer.Decision

    mutating func decide(_ intent: KhataIntent) throws -> Decision {
        switch intent {
        case .entry(let phrase, let amount, let direction, let note):
            if let done = try store.entry(forMessage: message.providerMessageID), let party = try store.party(ofEntry: done) {
                return answer(KhataReplies.entry(party: try store.balance(of: party), isNew: false, amount: amount,
                                                 direction: direction, note: note, credit: false))
            }
            let match = try resolve(phrase)
            let party: KhataParty
            let isNew: Bool
            switch match {
            case .found(let found): (party, isNew) = (found, false)
            case .new(let name): (party, isNew) = (try store.createParty(named: name), true)
            case .ambiguous(let candidates): return .choose(.init(intent: intent, phrase: phrase, candidates: candidates))
            }
            try store.append(partyID: party.id, amount: direction.signed(amount), note: note,
                             messageID: message.providerMessageID, chain: chain, now: message.receivedAt)
            return answer(KhataReplies.entry(party: try store.balance(of: party), isNew: isNew, amount: amount,
                                             direction: direction, note: note, credit: isNew && direction == .youGave))

        case .balance(let phrase, let wantsStatement):
            let party: KhataParty
            switch try resolve(phrase) {
            case .found(let found): party = found
            case .ambiguous(let candidates): return .choose(.init(intent: intent, phrase: phrase, candidates: candidates))
            case .new: return answer(KhataReplies.unknownParty(phrase, known: try store.parties()))
            }
            let balance = try store.balance(of: party)
            guard wantsStatement else { return answer(KhataReplies.partyBalance(balance, code: nil, entries: 0)) }
            let (statement, entries) = try store.statement(of: party, printedAt: message.receivedAt, timeZone: timeZone)
            let file = GeneratedFiles.File(filename: StatementPDF.filename(party: party), contentType: StatementPDF.contentType,
                                           bytes: try StatementPDF.pdf(for: statement))
            return .answer(KhataReplies.partyBalance(balance, code: try store.headCode(), entries: entries), attachment: file)

        case .parties(let side):
            return answer(KhataReplies.parties(try store.balances(), side: side))

        case .total(let side):
            return answer(KhataReplies.total(try store.balances(), side: side))

        case .undo:
            return try undo()

        case .rename(let alias, let phrase):
            return try rename(alias: alias, phrase: phrase)

        case .limit(let phrase, let limit):
            let party: KhataParty
            switch try resolve(phrase) {
            case .found(let found): party = found
            case .new(let name): party = try store.createParty(named: name)
            case .ambiguous(let candidates): return .choose(.init(intent: intent, phrase: phrase, candidates: candidates))
            }
            try store.setLimit(party, to: limit)
            return answer(KhataReplies.limitSet(try store.balance(of: party), limit: limit))

        case .cash(let kind, let amount, let note):
            try store.addCash(kind, amount: amount, note: note, day: today.description, messageID: message.providerMessageID)
            return answer(KhataReplies.cash(kind, amount: amount, note: note))

        case .profit(let period):
            let days = period.days(today: today)
            let parts = try store.profitParts(from: days.first, to: days.last)
            return answer(KhataReplies.profit(period, sales: parts.sales, bills: parts.bills, expenses: parts.expenses))

        case .billOnCredit:
            return try billOnCredit()
        }
    }

    private func answer(_ text: String) -> Decision { .answer(text, attachment: nil) }

    /// The owner's choice when there was one, else the name matched against the owner's parties.
    private func resolve(_ phrase: String) throws -> PartyMatch {
        if let chosen { return chosen }
        return PartyMatcher.match(phrase, among: try store.parties())
    }

    /// Reverses the newest entry not yet reversed, with a reversal entry (a redelivered "undo" finds its reversal).
    private func undo() throws -> Decision {
        if let done = try store.entry(forMessage: message.providerMessageID), let party = try store.party(ofEntry: done) {
            return answer(KhataReplies.reversed(party: try store.balance(of: party), amount: -done.amount))
        }
        guard let last = try store.lastUndoable(), let party = try store.party(ofEntry: last) else {
            return answer(KhataReplies.nothingToUndo)
        }
        try store.append(partyID: last.partyID, amount: -last.amount, kind: "reversal", note: "undo of entry \(last.sequence)",
                         reverses: last.sequence, messageID: message.providerMessageID, chain: chain, now: message.receivedAt)
        return answer(KhataReplies.reversed(party: try store.balance(of: party), amount: last.amount))
    }

    /// "A is B": both known → A's entries join B; only one known → it takes the other name.
    private func rename(alias: String, phrase: String) throws -> Decision {
        let parties = try store.parties()
        let aliasParty = PartyMatcher.exact(alias, among: parties)
        let party = PartyMatcher.exact(phrase, among: parties)
        switch (aliasParty, party) {
        case let (from?, into?) where from != into:
            try store.merge(from, into: into)
            return answer(KhataReplies.merged(alias: from.name, into: try store.balance(of: into)))
        case (nil, let known?):
            let name = PartyMatcher.displayName(alias)
            try store.rename(known, to: name)
            return answer(KhataReplies.renamed(from: known.name, to: name))
        case (let known?, nil):
            let name = PartyMatcher.displayName(phrase)
            try store.rename(known, to: name)
            return answer(KhataReplies.renamed(from: known.name, to: name))
        default:
            return answer(KhataReplies.unknownParty(phrase, known: parties))
        }
    }

    /// "udhaar" after a bill was saved: the bill's total is now owed to its payee, linked to the invoice.
    private func billOnCredit() throws -> Decision {
        guard let id = message.conversation?.lastInvoiceID.flatMap(UUID.init(uuidString:)),
              let bill = try store.session.query(
                "SELECT payee_name, total_amount FROM invoices WHERE id = $1 AND status = 'active'", [id]).first
        else { return answer(KhataReplies.noBillForCredit) }
        let payee: String = try bill.decode("payee_name")
        let total: Decimal = try bill.decode("total_amount")
        let party = try store.oweForBill(payee: payee, total: total, invoiceID: id, messageID: message.providerMessageID,
                                         chain: chain, now: message.receivedAt)
        return answer(KhataReplies.billOnCredit(payee: payee, total: total, party: try store.balance(of: party)))
    }
}
