import FintrakCore
import FintrakPostgres
import Foundation
import Khata
import Reminders

/// A party as reminders need it: how to reach them and whether they may be written to.
public struct PartyContact: Sendable, Hashable {
    public var phone: String?
    public var notify: Bool
    public var stopped: Bool
    /// The party's own last message to this number: WhatsApp's 24-hour window.
    public var lastInbound: Date?
}

/// The shop as reminders name it.
public struct ShopSettings: Sendable, Hashable {
    public var vpa: String?
    public var shopName: String?
}

/// An open "paid 500" claim from a party, waiting for the owner's "yes".
public struct PaymentClaim: Sendable, Hashable {
    public var id: Int64
    public var partyID: Int64
    public var amount: Decimal
}

/// Reminders' rows in PostgreSQL, always inside a tenant transaction (`TenantDatabase`), like `LedgerStore`.
public struct ReminderStore {
    public let session: PostgresSession
    public let tenant: String

    public init(session: PostgresSession, tenant: String) {
        self.session = session
        self.tenant = tenant
    }

    // MARK: Settings

    public func settings() throws -> ShopSettings {
        guard let row = try session.query("SELECT upi_id, shop_name FROM reminder_settings").first else {
            return ShopSettings()
        }
        return ShopSettings(vpa: try row.decode("upi_id", as: String?.self), shopName: try row.decode("shop_name", as: String?.self))
    }

    public func setUPI(_ vpa: String) throws {
        try session.execute("""
            INSERT INTO reminder_settings (tenant, upi_id) VALUES ($1, $2)
            ON CONFLICT (tenant) DO UPDATE SET upi_id = excluded.upi_id, updated_at = now()
            """, [tenant, vpa])
    }

    public func setShopName(_ name: String) throws {
        try session.execute("""
            INSERT INTO reminder_settings (tenant, shop_name) VALUES ($1, $2)
            ON CONFLICT (tenant) DO UPDATE SET shop_name = excluded.shop_name, updated_at = now()
            """, [tenant, String(name.prefix(100))])
    }

    // MARK: Parties

    public func contact(of party: KhataParty) throws -> PartyContact {
        guard let row = try session.query("""
            SELECT phone, notify, reminders_stopped_at IS NOT NULL AS stopped, last_inbound_at FROM ledger_parties WHERE id = $1
            """, [party.id]).first
        else { return PartyContact(phone: nil, notify: false, stopped: false, lastInbound: nil) }
        return PartyContact(phone: try row.decode("phone", as: String?.self), notify: try row.decode("notify"),
                            stopped: try row.decode("stopped"), lastInbound: try row.decode("last_inbound_at", as: Date?.self))
    }

    public func setPhone(_ party: KhataParty, to phone: String) throws {
        try session.execute("UPDATE ledger_parties SET phone = $1 WHERE id = $2", [phone, party.id])
    }

    public func setNotify(_ party: KhataParty, _ on: Bool) throws {
        try session.execute("UPDATE ledger_parties SET notify = $1 WHERE id = $2", [on, party.id])
    }

    // MARK: Reminders

    /// The reminder row for a party on a business day, if one was decided.
    func reminder(partyID: Int64, day: CalendarDay) throws -> ReminderRow? {
        try session.query("SELECT \(ReminderRow.columns) FROM reminders WHERE party_id = $1 AND business_day = $2::date",
                          [partyID, day.description]).first.map(ReminderRow.init)
    }

    func reminder(id: Int64) throws -> ReminderRow? {
        try session.query("SELECT \(ReminderRow.columns) FROM reminders WHERE id = $1", [id]).first.map(ReminderRow.init)
    }

    /// Records a reminder decided for `day`; false when the party already has one that day.
    func insertReminder(_ row: ReminderRow) throws -> Bool {
        try session.execute("""
            INSERT INTO reminders (tenant, party_id, phone, business_day, amount, provider, status, due_at, reply_id,
                                   as_template, schedule_id)
            VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (tenant, party_id, business_day) DO NOTHING
            """, [tenant, row.partyID, row.phone, row.day.description, row.amount, row.provider.rawValue, row.status,
                  row.dueAt, row.replyID, row.asTemplate, row.scheduleID]) == 1
    }

    func updateReminder(id: Int64, status: String, amount: Decimal, dueAt: Date, asTemplate: Bool?) throws {
        try session.execute("UPDATE reminders SET status = $2, amount = $3, due_at = $4, as_template = $5 WHERE id = $1",
                            [id, status, amount, dueAt, asTemplate])
    }

    /// After the broker confirmed the reminder: it is on its way (the responder sends it once, by its reply id).
    func markSent(replyIDs: [String]) throws {
        for id in replyIDs {
            try session.execute("UPDATE reminders SET status = 'sent', sent_at = now() WHERE reply_id = $1 AND status = 'queued'", [id])
        }
    }

    // MARK: Schedules

    /// A standing reminder; returns when it first fires.
    public func addSchedule(_ target: ReminderTarget, party: KhataParty?, _ schedule: ReminderSchedule, provider: Provider,
                            nextDue: Date) throws {
        let (weekday, monthDay) = Self.columns(schedule)
        var threshold: Decimal?
        if case .everyone(let above) = target { threshold = above }
        // A new rule for the same party (or for everyone) replaces the old one.
        if let party {
            try session.execute("UPDATE reminder_schedules SET active = false WHERE active AND party_id = $1", [party.id])
        } else {
            try session.execute("UPDATE reminder_schedules SET active = false WHERE active AND kind = 'everyone'")
        }
        try session.execute("""
            INSERT INTO reminder_schedules (tenant, kind, party_id, threshold, weekday, month_day, provider, next_due)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [tenant, party == nil ? "everyone" : "party", party?.id, threshold, weekday, monthDay, provider.rawValue, nextDue])
    }

    /// Ends the standing reminders for `party` (nil: all of them, the digest aside); returns how many.
    public func stopSchedules(for party: KhataParty?) throws -> Int {
        if let party {
            return try session.execute("UPDATE reminder_schedules SET active = false WHERE active AND party_id = $1", [party.id])
        }
        return try session.execute("UPDATE reminder_schedules SET active = false WHERE active AND kind <> 'digest'")
    }

    /// Turns the weekly digest on (first due `nextDue`) or off.
    public func setDigest(_ on: Bool, provider: Provider, nextDue: Date) throws {
        try session.execute("UPDATE reminder_schedules SET active = false WHERE active AND kind = 'digest'")
        guard on else { return }
        try session.execute("""
            INSERT INTO reminder_schedules (tenant, kind, weekday, provider, next_due) VALUES ($1, 'digest', 1, $2, $3)
            """, [tenant, provider.rawValue, nextDue])
    }

    func schedule(id: Int64) throws -> ScheduleRow? {
        try session.query("""
            SELECT id, kind, party_id, threshold, weekday, month_day, provider, next_due FROM reminder_schedules
            WHERE id = $1 AND active
            """, [id]).first.map(ScheduleRow.init)
    }

    func advance(scheduleID: Int64, to nextDue: Date) throws {
        try session.execute("UPDATE reminder_schedules SET next_due = $2 WHERE id = $1", [scheduleID, nextDue])
    }

    static func columns(_ schedule: ReminderSchedule) -> (weekday: Int?, monthDay: Int?) {
        switch schedule {
        case .weekly(let weekday): (weekday, nil)
        case .monthly(let day): (nil, day)
        }
    }

    // MARK: Notices and claims

    /// A notice of entry `sequence` to `phone` with `code`; false when the code is taken for that phone (draw
    /// another) or the entry already has a notice.
    /// The provider the owner's latest reply went out on: where a notice of an entry made off the chat (on the web
    /// page) goes, as the owner's own messages do.
    func ownerProvider() throws -> Provider? {
        try session.query("""
            SELECT provider FROM outbound_messages WHERE tenant = $1 AND sent_to IS NULL ORDER BY created_at DESC LIMIT 1
            """, [tenant]).first.flatMap { Provider(rawValue: try $0.decode("provider")) }
    }

    func insertNotice(sequence: Int64, partyID: Int64, phone: String, code: String, amount: Decimal) throws -> Bool {
        try session.execute("""
            INSERT INTO entry_notices (tenant, entry_sequence, party_id, phone, code, amount) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            """, [tenant, sequence, partyID, phone, code, amount]) == 1
    }

    func notice(sequence: Int64) throws -> (code: String, phone: String)? {
        guard let row = try session.query("SELECT code, phone FROM entry_notices WHERE entry_sequence = $1", [sequence]).first
        else { return nil }
        return (try row.decode("code"), try row.decode("phone"))
    }

    /// The newest open claim of the last week.
    public func openClaim() throws -> PaymentClaim? {
        try session.query("""
            SELECT id, party_id, amount FROM payment_claims
            WHERE status = 'open' AND created_at > now() - interval '7 days' ORDER BY created_at DESC LIMIT 1
            """).first.map { PaymentClaim(id: try $0.decode("id"), partyID: try $0.decode("party_id"), amount: try $0.decode("amount")) }
    }

    public func closeClaim(_ claim: PaymentClaim) throws {
        try session.execute("UPDATE payment_claims SET status = 'recorded' WHERE id = $1", [claim.id])
    }

    /// Payments that came in from `since`: entries that lowered what a customer (a party who owes, or is settled) owes.
    func receivedSince(_ since: Date) throws -> (amount: Decimal, count: Int) {
        let row = try session.query("""
            SELECT COALESCE(-SUM(e.amount), 0) AS amount, count(*) AS n
            FROM ledger_entries e JOIN ledger_parties p ON p.id = e.party_id
            WHERE e.amount < 0 AND e.kind = 'entry' AND e.recorded_at >= $1
              AND (SELECT COALESCE(SUM(b.amount), 0) FROM ledger_entries b JOIN ledger_parties q ON q.id = b.party_id
                   WHERE COALESCE(q.merged_into, q.id) = COALESCE(p.merged_into, p.id)) >= 0
            """, [since]).returnedRow()
        return (try row.decode("amount"), try row.decode("n"))
    }
}

/// One `reminders` row.
struct ReminderRow: Sendable {
    static let columns = "id, party_id, phone, business_day::text AS business_day, amount, provider, status, due_at, reply_id, as_template, schedule_id"

    var id: Int64?
    var partyID: Int64
    var phone: String
    var day: CalendarDay
    var amount: Decimal
    var provider: Provider
    /// 'held' (quiet hours), 'queued' (published or about to be), 'sent' (the broker has it).
    var status: String
    var dueAt: Date
    var replyID: String
    var asTemplate: Bool?
    var scheduleID: Int64?

    init(id: Int64? = nil, partyID: Int64, phone: String, day: CalendarDay, amount: Decimal, provider: Provider,
         status: String, dueAt: Date, replyID: String, asTemplate: Bool?, scheduleID: Int64?) {
        self.id = id
        self.partyID = partyID
        self.phone = phone
        self.day = day
        self.amount = amount
        self.provider = provider
        self.status = status
        self.dueAt = dueAt
        self.replyID = replyID
        self.asTemplate = asTemplate
        self.scheduleID = scheduleID
    }

    init(_ row: PostgresRow) throws {
        let dayText: String = try row.decode("business_day")
        let providerText: String = try row.decode("provider")
        guard let day = CalendarDay(iso: dayText), let provider = Provider(rawValue: providerText) else {
            throw PostgresError(message: "reminders row with day \(dayText) and provider \(providerText)")
        }
        self.init(id: try row.decode("id"), partyID: try row.decode("party_id"), phone: try row.decode("phone"), day: day,
                  amount: try row.decode("amount"), provider: provider, status: try row.decode("status"),
                  dueAt: try row.decode("due_at"), replyID: try row.decode("reply_id"),
                  asTemplate: try row.decode("as_template", as: Bool?.self), scheduleID: try row.decode("schedule_id", as: Int64?.self))
    }
}

/// One active `reminder_schedules` row.
struct ScheduleRow: Sendable {
    var id: Int64
    var kind: String
    var partyID: Int64?
    var threshold: Decimal?
    var schedule: ReminderSchedule
    var provider: Provider
    var nextDue: Date

    init(_ row: PostgresRow) throws {
        let weekday = try row.decode("weekday", as: Int?.self)
        let monthDay = try row.decode("month_day", as: Int?.self)
        let providerText: String = try row.decode("provider")
        guard let provider = Provider(rawValue: providerText) else {
            throw PostgresError(message: "reminder_schedules row with provider \(providerText)")
        }
        id = try row.decode("id")
        kind = try row.decode("kind")
        partyID = try row.decode("party_id", as: Int64?.self)
        threshold = try row.decode("threshold", as: Decimal?.self)
        schedule = weekday.map { .weekly(weekday: $0) } ?? .monthly(day: monthDay ?? 1)
        self.provider = provider
        nextDue = try row.decode("next_due")
    }
}
