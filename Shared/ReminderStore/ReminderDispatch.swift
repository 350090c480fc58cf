import FintrakCore
import FintrakPostgres
import Foundation
import Khata
import KhataStore
import Reminders

/// What one party's reminder came to, for the owner's answer.
public struct ReminderOutcome: Sendable {
    public var name: String
    public var amount: Decimal
    public var decision: ReminderDecision
}

/// Reminders decided, recorded and built inside one tenant transaction: the rules (`ReminderRules`) on the party's
/// row, one `reminders` row per party per business day, and the message — a template outside the party's 24-hour
/// window, text inside it. The caller publishes the replies after the commit (`ReminderQueue`).
public struct ReminderDispatch {
    public let store: ReminderStore
    public let ledger: LedgerStore
    public let zone: TimeZone

    public init(session: PostgresSession, tenant: String, zone: TimeZone) {
        store = ReminderStore(session: session, tenant: tenant)
        ledger = LedgerStore(session: session, tenant: tenant)
        self.zone = zone
    }

    var tenant: String { store.tenant }

    public static func replyID(tenant: String, partyID: Int64, day: CalendarDay) -> String {
        "reminder:\(tenant):\(partyID):\(day)"
    }

    /// Reminds each of `parties` now (or holds it past the quiet hours). `source` is the message or schedule that
    /// asked, for traces. Needs the shop's UPI id and name (`settings`).
    public func remind(_ parties: [PartyBalance], vpa: String, shopName: String, provider: Provider, now: Date,
                       source: String, scheduleID: Int64? = nil) throws -> (outcomes: [ReminderOutcome], replies: [OutboundReply]) {
        var outcomes: [ReminderOutcome] = []
        var replies: [OutboundReply] = []
        let sendAt = QuietHours.sendingTime(for: now, in: zone)
        let day = CalendarDay(sendAt, in: zone)
        for party in parties {
            let contact = try store.contact(of: party.party)
            let existing = try store.reminder(partyID: party.party.id, day: day)
            if let existing, existing.status == "queued" {
                // Decided before and perhaps never published (the broker failed): the same reply again, which the
                // responder sends once by its id.
                replies.append(reply(existing, party: party.party.name, shopName: shopName, vpa: vpa, contact: contact,
                                     now: now, source: source))
                outcomes.append(ReminderOutcome(name: party.party.name, amount: existing.amount, decision: .send))
                continue
            }
            if let existing, existing.status == "held" {
                outcomes.append(ReminderOutcome(name: party.party.name, amount: party.balance, decision: .hold(until: existing.dueAt)))
                continue
            }
            let candidate = ReminderCandidate(balance: party.balance, phone: contact.phone, stopped: contact.stopped,
                                              remindedToday: existing != nil)
            var decision = ReminderRules.decide(candidate, now: now, zone: zone)
            if let phone = contact.phone {
                let windowOpen = CustomerServiceWindow.isOpen(lastInbound: contact.lastInbound, at: now)
                var row = ReminderRow(partyID: party.party.id, phone: phone, day: day, amount: party.balance,
                                      provider: provider, status: "queued", dueAt: sendAt,
                                      replyID: Self.replyID(tenant: tenant, partyID: party.party.id, day: day),
                                      asTemplate: !windowOpen, scheduleID: scheduleID)
                switch decision {
                case .send:
                    if try store.insertReminder(row) {
                        replies.append(reply(row, party: party.party.name, shopName: shopName, vpa: vpa, contact: contact,
                                             now: now, source: source))
                    } else {
                        decision = .skip(.alreadyToday)
                    }
                case .hold:
                    row.status = "held"
                    row.asTemplate = nil
                    if !(try store.insertReminder(row)) { decision = .skip(.alreadyToday) }
                case .skip:
                    break
                }
            }
            outcomes.append(ReminderOutcome(name: party.party.name, amount: party.balance, decision: decision))
        }
        return (outcomes, replies)
    }

    /// The message for a reminder row: text while the party's own message keeps the window open, else the template.
    func reply(_ row: ReminderRow, party: String, shopName: String, vpa: String, contact: PartyContact, now: Date,
               source: String) -> OutboundReply {
        let content = ReminderContent(partyName: party, shopName: shopName, amount: row.amount, vpa: vpa)
        let windowOpen = row.asTemplate.map { !$0 } ?? CustomerServiceWindow.isOpen(lastInbound: contact.lastInbound, at: now)
        let template = windowOpen ? nil : ReminderWording.reminderTemplate(content)
        return OutboundReply(replyID: row.replyID, correlationID: row.replyID, tenant: tenant, provider: row.provider,
                             inReplyTo: source, body: template.map(ReminderWording.render) ?? ReminderWording.reminderText(content),
                             recipient: row.phone, template: template)
    }

    /// A held (or never confirmed) reminder whose time has come: built with what the party owes now, or dropped
    /// when they owe nothing, said STOP or lost their number. Still in the quiet hours: held on.
    func release(reminderID: Int64, now: Date) throws -> OutboundReply? {
        guard let row = try store.reminder(id: reminderID), row.status == "held" || row.status == "queued" else { return nil }
        if QuietHours.isQuiet(now, in: zone) {
            try store.updateReminder(id: reminderID, status: "held", amount: row.amount,
                                     dueAt: QuietHours.sendingTime(for: now, in: zone), asTemplate: nil)
            return nil
        }
        let settings = try store.settings()
        let party = KhataParty(id: row.partyID, name: "")
        let balance = try ledger.balance(of: party)
        let contact = try store.contact(of: party)
        guard let vpa = settings.vpa, let shopName = settings.shopName, balance.balance > 0, !contact.stopped,
              let phone = contact.phone
        else {
            try store.updateReminder(id: reminderID, status: "skipped", amount: row.amount, dueAt: row.dueAt, asTemplate: nil)
            return nil
        }
        var due = row
        due.amount = balance.balance
        due.phone = phone
        due.asTemplate = row.status == "queued" ? row.asTemplate
            : !CustomerServiceWindow.isOpen(lastInbound: contact.lastInbound, at: now)
        try store.updateReminder(id: reminderID, status: "queued", amount: due.amount, dueAt: now, asTemplate: due.asTemplate)
        return reply(due, party: balance.party.name, shopName: shopName, vpa: vpa, contact: contact, now: now,
                     source: "reminder:\(reminderID)")
    }

    /// A standing reminder or digest that came due: its messages, and the schedule moved to its next time.
    func fire(scheduleID: Int64, now: Date) throws -> [OutboundReply] {
        guard let schedule = try store.schedule(id: scheduleID) else { return [] }
        try store.advance(scheduleID: scheduleID, to: schedule.schedule.nextDue(after: now, in: zone))
        let source = "schedule:\(scheduleID)"
        if schedule.kind == "digest" { return [try digest(provider: schedule.provider, now: now, source: source)] }
        let settings = try store.settings()
        guard let vpa = settings.vpa, let shopName = settings.shopName else { return [] }
        let balances = try ledger.balances()
        let chosen = schedule.partyID.map { id in balances.filter { $0.party.id == id } }
            ?? balances.filter { $0.balance > (schedule.threshold ?? 0) }
        return try remind(chosen, vpa: vpa, shopName: shopName, provider: schedule.provider, now: now, source: source,
                          scheduleID: scheduleID).replies
    }

    /// The owner's weekly digest: the ten who owe most, and what came in over the last seven days.
    func digest(provider: Provider, now: Date, source: String) throws -> OutboundReply {
        let owing = try ledger.balances().filter { $0.balance > 0 }.sorted { $0.balance > $1.balance }.prefix(10)
        let received = try store.receivedSince(now.addingTimeInterval(-7 * 86_400))
        let body = ReminderWording.digestText(owing: owing.map { ($0.party.name, $0.balance) },
                                              receivedThisWeek: received.amount, payments: received.count)
        let id = "digest:\(tenant):\(CalendarDay(now, in: zone))"
        return OutboundReply(replyID: id, correlationID: id, tenant: tenant, provider: provider, inReplyTo: source, body: body)
    }

    /// The notice of the entry written for `messageID`, when its party has a number, is to be notified and has not
    /// said STOP: the entry and a fresh code (`random` draws it), as a template unless the party's window is open.
    /// A redelivered message finds its notice and sends the same one. `provider` nil (an entry made on the web page):
    /// the one the owner's latest reply went out on.
    public func notice(forMessage messageID: String, provider: Provider?, now: Date,
                       random: () -> UInt64) throws -> OutboundReply? {
        guard let entry = try ledger.entry(forMessage: messageID), entry.kind == "entry",
              let party = try ledger.party(ofEntry: entry)
        else { return nil }
        guard let provider = try provider ?? store.ownerProvider() else { return nil }
        let contact = try store.contact(of: party)
        guard contact.notify, !contact.stopped, let phone = contact.phone else { return nil }
        var code = try store.notice(sequence: entry.sequence)?.code
        for _ in 0..<8 where code == nil {
            let drawn = NoticeCode.make(random: random())
            if try store.insertNotice(sequence: entry.sequence, partyID: party.id, phone: phone, code: drawn, amount: entry.amount) {
                code = drawn
            }
        }
        guard let code else { return nil }
        let content = EntryNoticeContent(shopName: try store.settings().shopName ?? "Your shop", amount: entry.amount,
                                         balance: try ledger.balance(of: party).balance, code: code)
        let template = ReminderWording.noticeTemplate(content)
        let windowOpen = CustomerServiceWindow.isOpen(lastInbound: contact.lastInbound, at: now)
        let id = "notice:\(tenant):\(entry.sequence)"
        return OutboundReply(replyID: id, correlationID: id, tenant: tenant, provider: provider, inReplyTo: messageID,
                             body: ReminderWording.render(template), recipient: phone, template: windowOpen ? nil : template)
    }
}
