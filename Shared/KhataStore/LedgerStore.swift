import FintrakPostgres
import Foundation
import Khata

/// The khata in PostgreSQL, always inside a tenant transaction (`TenantDatabase`), so row-level security keeps
/// every statement to the sender's own parties and entries. Balances are sums the database computes from entries.
public struct LedgerStore {
    public let session: PostgresSession
    public let tenant: String

    public init(session: PostgresSession, tenant: String) {
        self.session = session
        self.tenant = tenant
    }

    // MARK: Parties

    /// The owner's parties, merged ones left out (their entries count for the party they became).
    public func parties() throws -> [KhataParty] {
        try session.query("SELECT id, name FROM ledger_parties WHERE merged_into IS NULL ORDER BY id").map(Self.party)
    }

    /// A new party; if one with the same name key exists (a race, or a merged one), that one.
    public func createParty(named name: String) throws -> KhataParty {
        let rows = try session.query("""
            INSERT INTO ledger_parties (tenant, name, name_key) VALUES ($1, $2, $3)
            ON CONFLICT (tenant, name_key) DO UPDATE SET name = ledger_parties.name
            RETURNING COALESCE(merged_into, id) AS id, name
            """, [tenant, String(name.prefix(100)), PartyMatcher.key(name)])
        return try Self.party(rows[0])
    }

    /// Points `alias` (and everything merged into it) at `party`: their entries now count for `party`.
    public func merge(_ alias: KhataParty, into party: KhataParty) throws {
        try session.execute("UPDATE ledger_parties SET merged_into = $1 WHERE id = $2 OR merged_into = $2",
                            [party.id, alias.id])
    }

    public func rename(_ party: KhataParty, to name: String) throws {
        try session.execute("UPDATE ledger_parties SET name = $1, name_key = $2 WHERE id = $3",
                            [String(name.prefix(100)), PartyMatcher.key(name), party.id])
    }

    public func setLimit(_ party: KhataParty, to limit: Decimal) throws {
        try session.execute("UPDATE ledger_parties SET credit_limit = $1 WHERE id = $2", [limit, party.id])
    }

    // MARK: Balances

    private static let balanceSQL = """
        SELECT c.id, c.name, c.credit_limit, COALESCE(SUM(e.amount), 0) AS balance
        FROM ledger_parties c
        LEFT JOIN ledger_parties p ON COALESCE(p.merged_into, p.id) = c.id
        LEFT JOIN ledger_entries e ON e.party_id = p.id
        WHERE c.merged_into IS NULL
        """

    public func balance(of party: KhataParty) throws -> PartyBalance {
        let rows = try session.query(Self.balanceSQL + " AND c.id = $1 GROUP BY c.id", [party.id])
        guard let row = rows.first else { return PartyBalance(party: party, balance: 0) }
        return try Self.partyBalance(row)
    }

    /// Every party with a balance, as the database sums its entries.
    public func balances() throws -> [PartyBalance] {
        try session.query(Self.balanceSQL + " GROUP BY c.id ORDER BY c.id").map(Self.partyBalance)
    }

    // MARK: Entries

    private static let entryColumns = """
        sequence, tenant, party_id, amount, kind, note, reverses, invoice_id::text AS invoice_id, recorded_at, mac
        """

    /// The entry written for a provider message, if one was: a redelivered message finds it instead of adding one.
    public func entry(forMessage messageID: String) throws -> ChainedEntry? {
        try session.query("SELECT \(Self.entryColumns) FROM ledger_entries WHERE provider_message_id = $1", [messageID])
            .first.map(Self.entry)
    }

    /// Appends an entry to the tenant's chain: locked per tenant so sequence numbers and MACs follow one another.
    @discardableResult
    public func append(partyID: Int64, amount: Decimal, kind: String = "entry", note: String?, reverses: Int64? = nil,
                       invoiceID: UUID? = nil, messageID: String?, chain: LedgerChain, now: Date = Date()) throws -> ChainedEntry {
        try session.execute("SELECT pg_advisory_xact_lock(hashtextextended('ledger:' || $1, 0))", [tenant])
        let head = try session.query("SELECT \(Self.entryColumns) FROM ledger_entries ORDER BY sequence DESC LIMIT 1")
            .first.map(Self.entry)
        let draft = ChainedEntry(
            sequence: (head?.sequence ?? 0) + 1, tenant: tenant, partyID: partyID, amount: amount.rounded(scale: 2),
            kind: kind, note: note.map { String($0.prefix(200)) }, reverses: reverses,
            invoiceID: invoiceID?.uuidString.lowercased(),
            recordedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
        let sealed = chain.sealed(draft, after: head)
        try session.execute("""
            INSERT INTO ledger_entries (tenant, party_id, amount, note, provider_message_id, sequence, kind, reverses,
                                        invoice_id, recorded_at, mac)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid, $10, $11)
            """, [tenant, sealed.partyID, sealed.amount, sealed.note, messageID, sealed.sequence, sealed.kind,
                  sealed.reverses, sealed.invoiceID, sealed.recordedAt, sealed.mac])
        return sealed
    }

    /// The whole chain, in order.
    public func chain() throws -> [ChainedEntry] {
        try session.query("SELECT \(Self.entryColumns) FROM ledger_entries ORDER BY sequence").map(Self.entry)
    }

    /// The chain head as a statement prints it.
    public func headCode() throws -> VerificationCode? {
        try session.query("SELECT \(Self.entryColumns) FROM ledger_entries ORDER BY sequence DESC LIMIT 1")
            .first.map(Self.entry).map(VerificationCode.init(head:))
    }

    /// A party's entries (and those of parties merged into it), in order.
    public func entries(of party: KhataParty) throws -> [ChainedEntry] {
        try session.query("""
            SELECT \(Self.entryColumns) FROM ledger_entries
            WHERE party_id IN (SELECT id FROM ledger_parties WHERE id = $1 OR merged_into = $1) ORDER BY sequence
            """, [party.id]).map(Self.entry)
    }

    /// A party's statement: every entry with its running balance, the balance and the chain head's code.
    public func statement(of party: KhataParty, printedAt: Date, timeZone: TimeZone) throws -> (statement: Statement, entries: Int) {
        let entries = try entries(of: party)
        let statement = Statement(party: party.name, tenant: tenant, lines: LedgerMath.runningBalances(entries),
                                  balance: try balance(of: party).balance, code: try headCode(), printedAt: printedAt,
                                  timeZone: timeZone)
        return (statement, entries.count)
    }

    /// The newest entry that is no reversal and has not been reversed: what "undo" takes back.
    public func lastUndoable() throws -> ChainedEntry? {
        try session.query("""
            SELECT \(Self.entryColumns) FROM ledger_entries e
            WHERE kind <> 'reversal'
              AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.sequence)
            ORDER BY sequence DESC LIMIT 1
            """).first.map(Self.entry)
    }

    /// The party an entry belongs to now (after merges).
    public func party(ofEntry entry: ChainedEntry) throws -> KhataParty? {
        try session.query("""
            SELECT c.id, c.name FROM ledger_parties p JOIN ledger_parties c ON c.id = COALESCE(p.merged_into, p.id)
            WHERE p.id = $1
            """, [entry.partyID]).first.map(Self.party)
    }

    /// A bill bought on credit: its total is owed to its payee (a party matched or made from the payee's name),
    /// linked to the invoice, once per invoice. Returns the party.
    @discardableResult
    public func oweForBill(payee: String, total: Decimal, invoiceID: UUID, messageID: String?, chain: LedgerChain,
                           now: Date = Date()) throws -> KhataParty {
        let party: KhataParty
        switch PartyMatcher.match(payee, among: try parties()) {
        case .found(let found): party = found
        case .new, .ambiguous: party = try createParty(named: payee)
        }
        let linked = try session.query("SELECT 1 FROM ledger_entries WHERE invoice_id = $1 AND kind = 'bill'", [invoiceID])
        if linked.isEmpty, total > 0 {
            try append(partyID: party.id, amount: -total, kind: "bill", note: "bill from \(payee)", invoiceID: invoiceID,
                       messageID: messageID, chain: chain, now: now)
        }
        return party
    }

    // MARK: Cash book and profit

    @discardableResult
    public func addCash(_ kind: CashKind, amount: Decimal, note: String?, day: String, messageID: String?) throws -> Bool {
        try session.execute("""
            INSERT INTO cash_entries (tenant, kind, amount, note, entry_date, provider_message_id)
            VALUES ($1, $2, $3, $4, $5::date, $6)
            ON CONFLICT (tenant, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
            """, [tenant, kind.rawValue, amount.rounded(scale: 2), note.map { String($0.prefix(200)) }, day, messageID]) == 1
    }

    /// Sales, bills and expenses from `first` to `last` (ISO dates, both included).
    public func profitParts(from first: String, to last: String) throws -> (sales: Decimal, bills: Decimal, expenses: Decimal) {
        let rows = try session.query("""
            SELECT
              (SELECT COALESCE(SUM(amount), 0) FROM cash_entries WHERE kind = 'sale' AND entry_date BETWEEN $1::date AND $2::date) AS sales,
              (SELECT COALESCE(SUM(amount), 0) FROM cash_entries WHERE kind = 'expense' AND entry_date BETWEEN $1::date AND $2::date) AS expenses,
              (SELECT COALESCE(SUM(total_amount), 0) FROM invoices WHERE status = 'active' AND invoice_date BETWEEN $1::date AND $2::date) AS bills
            """, [first, last])
        return (try rows[0].decode("sales"), try rows[0].decode("bills"), try rows[0].decode("expenses"))
    }

    // MARK: Rows

    static func party(_ row: PostgresRow) throws -> KhataParty {
        KhataParty(id: try row.decode("id"), name: try row.decode("name"))
    }

    static func partyBalance(_ row: PostgresRow) throws -> PartyBalance {
        PartyBalance(party: try party(row), balance: try row.decode("balance"),
                     creditLimit: try row.decode("credit_limit", as: Decimal?.self))
    }

    static func entry(_ row: PostgresRow) throws -> ChainedEntry {
        ChainedEntry(sequence: try row.decode("sequence"), tenant: try row.decode("tenant"),
                     partyID: try row.decode("party_id"), amount: try row.decode("amount"), kind: try row.decode("kind"),
                     note: try row.decode("note", as: String?.self), reverses: try row.decode("reverses", as: Int64?.self),
                     invoiceID: try row.decode("invoice_id", as: String?.self), recordedAt: try row.decode("recorded_at"),
                     mac: try row.decode("mac"))
    }
}
