import Conversation
import FintrakCore
import FintrakPostgres
import FintrakStores
import Foundation
import Khata
import KhataStore
import Logging
import ReminderStore
import Reminders

/// Reminder lines: a party's answer from their own phone (STOP, START, OK/NO with a code, "paid 500"), the owner's
/// settings and reminders ("my upi is …", "remind Ramesh", "remind all on the 1st"), the owner's "yes" to a claimed
/// payment, and the notice a party gets of a new entry. The rules are pure (`Reminders`); this is the shell.
struct ReminderAnswerer: Sendable {
    let database: TenantDatabase
    /// For `party_reply`, the one way a party's message reaches across tenants (schema.sql).
    let pool: PostgresPool
    let queue: ReminderQueue
    let chain: LedgerChain
    let zone: TimeZone

    /// The replies to `message` when it is a reminder line, or nil when it is something else.
    func replies(to message: InboundMessage, logger: Logger) async throws -> [OutboundReply]? {
        let text = String((message.text ?? "").prefix(300))
        if let answer = PartyReplyParser.parse(text), let replies = try await partyAnswer(answer, message: message) {
            logger.info("party reply answered", metadata: ["kind": "\(answer.kind)"])
            return replies
        }
        if let command = ReminderCommandParser.parse(text) {
            return [OutboundReply(to: message, body: try await ownerCommand(command, message: message, logger: logger))]
        }
        if ["yes", "haan", "ha", "han", "yes record", "record it"].contains(MessageWords.words(text).joined(separator: " ")),
           let body = try await confirmClaim(message) {
            return [OutboundReply(to: message, body: body)]
        }
        return nil
    }

    // MARK: The party's answers

    /// Nil when the sender turns out not to be the party this needs (their "START", "ok thx" or "paid 500" is then an
    /// ordinary message, answered as any other). A wrong code gets an answer that names nothing.
    private func partyAnswer(_ answer: PartyReply, message: InboundMessage) async throws -> [OutboundReply]? {
        var code: String?
        var claimed: Decimal?
        switch answer {
        case .confirm(let found), .dispute(let found): code = found
        case .paid(let amount): claimed = amount
        case .stop, .start: break
        }
        let rows = try await pool.query("""
            SELECT outcome, tenant, party_name, shop_name, entry_sequence, amount FROM party_reply($1, $2, $3, $4, $5, $6)
            """, [message.tenant, answer.kind, code, claimed, message.providerMessageID, message.receivedAt])
        guard let row = rows.first else { return nil }
        let outcome: String = try row.decode("outcome")
        let owner = try row.decode("tenant", as: String?.self)
        let party = try row.decode("party_name", as: String?.self) ?? "Your customer"
        let shop = try row.decode("shop_name", as: String?.self) ?? "the shop"
        let amount = try row.decode("amount", as: Decimal?.self) ?? 0
        func toOwner(_ body: String) -> OutboundReply? {
            owner.map {
                OutboundReply(replyID: "party-reply:\(message.provider.rawValue):\(message.providerMessageID)",
                              correlationID: message.correlationID, tenant: $0, provider: message.provider,
                              inReplyTo: message.providerMessageID, body: body)
            }
        }
        switch (answer, outcome) {
        case (.stop, _):
            return [OutboundReply(to: message, body: ReminderWording.stoppedForParty)]
        case (.start, "started"):
            return [OutboundReply(to: message, body: ReminderWording.startedForParty)]
        case (.confirm, "answered"):
            return [OutboundReply(to: message, body: ReminderWording.confirmedForParty)]
        case (.dispute, "answered"):
            let sequence = try row.decode("entry_sequence", as: Int64?.self) ?? 0
            return [OutboundReply(to: message, body: ReminderWording.disputedForParty(shop: shop))]
                + [toOwner(ReminderWording.disputed(party: party, amount: amount, sequence: sequence))].compactMap { $0 }
        case (.confirm, "unknown"), (.dispute, "unknown"):
            return [OutboundReply(to: message, body: ReminderWording.unknownCode)]
        case (.paid, "claimed"):
            return [OutboundReply(to: message, body: ReminderWording.claimForParty(shop: shop))]
                + [toOwner(ReminderWording.paymentClaim(party: party, amount: amount))].compactMap { $0 }
        default:
            return nil
        }
    }

    // MARK: The owner's lines

    private func ownerCommand(_ command: ReminderCommand, message: InboundMessage, logger: Logger) async throws -> String {
        let zone = self.zone
        let (body, replies) = try await database.write(tenant: message.tenant) { session in
            try ReminderCommandHandler(dispatch: ReminderDispatch(session: session, tenant: message.tenant, zone: zone),
                                       message: message).decide(command)
        }
        try await queue.publish(replies, tenant: message.tenant)
        logger.info("reminder line answered", metadata: ["reminders": "\(replies.count)"])
        return body
    }

    /// "yes" to the newest open payment claim: the payment is recorded in the khata as the owner's own entry.
    private func confirmClaim(_ message: InboundMessage) async throws -> String? {
        let chain = self.chain
        return try await database.write(tenant: message.tenant) { session in
            let store = ReminderStore(session: session, tenant: message.tenant)
            let ledger = LedgerStore(session: session, tenant: message.tenant)
            guard let claim = try store.openClaim() else { return nil }
            let party = try ledger.balance(of: KhataParty(id: claim.partyID, name: "")).party
            try ledger.append(partyID: claim.partyID, amount: LedgerDirection.youGot.signed(claim.amount),
                              note: "payment \(party.name) reported, confirmed", messageID: message.providerMessageID,
                              chain: chain, now: message.receivedAt)
            try store.closeClaim(claim)
            return ReminderWording.claimRecorded(party: party.name, amount: claim.amount, balance: try ledger.balance(of: party))
        }
    }

    // MARK: Entry notices

    /// After the khata wrote an entry for `message`: when its party is to be notified, the notice with its code.
    func notice(after message: InboundMessage, logger: Logger) async throws {
        if try await queue.sendNotice(forMessage: message.providerMessageID, tenant: message.tenant, provider: message.provider,
                                      now: message.receivedAt, zone: zone) {
            logger.info("entry notice sent")
        }
    }
}
