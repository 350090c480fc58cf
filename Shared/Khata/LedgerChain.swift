import Crypto
import FintrakCore
import Foundation

/// One khata entry as the hash chain sees it. The party is named by its id, so renaming or merging a party
/// changes no MAC; every other field is covered.
public struct ChainedEntry: Sendable, Hashable {
    /// 1, 2, 3… per tenant, in the order the entries were written.
    public var sequence: Int64
    public var tenant: String
    public var partyID: Int64
    /// Positive: the party owes the owner more.
    public var amount: Decimal
    /// "entry", "reversal" or "bill".
    public var kind: String
    public var note: String?
    /// The sequence number of the entry a reversal undoes.
    public var reverses: Int64?
    public var invoiceID: String?
    /// Whole seconds, as stored.
    public var recordedAt: Date
    /// Hex HMAC-SHA256 over the canonical content and the previous entry's MAC.
    public var mac: String

    public init(sequence: Int64, tenant: String, partyID: Int64, amount: Decimal, kind: String, note: String?,
                reverses: Int64?, invoiceID: String?, recordedAt: Date, mac: String = "") {
        self.sequence = sequence
        self.tenant = tenant
        self.partyID = partyID
        self.amount = amount
        self.kind = kind
        self.note = note
        self.reverses = reverses
        self.invoiceID = invoiceID
        self.recordedAt = recordedAt
        self.mac = mac
    }
}

/// The tamper-evident chain over a tenant's khata: each entry's MAC covers its content and the previous entry's
/// MAC, keyed by a server secret, so an edited, inserted or deleted entry breaks every MAC after it, and deleting
/// the newest entries is caught by a statement's verification code (the chain head when it was printed).
public struct LedgerChain: Sendable {
    /// The MAC before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    private let key: SymmetricKey

    public init(signingKey: String) {
        key = SymmetricKey(data: Data(signingKey.utf8))
    }

    /// Fields joined with their lengths in front, so no two different entries read the same.
    static func canonical(_ entry: ChainedEntry) -> String {
        let fields = [
            "fintrak-ledger-v1", entry.tenant, String(entry.sequence), String(entry.partyID),
            LedgerMath.text(entry.amount), entry.kind, entry.note ?? "\u{0}", entry.reverses.map(String.init) ?? "\u{0}",
            entry.invoiceID?.lowercased() ?? "\u{0}", String(Int64(entry.recordedAt.timeIntervalSince1970.rounded(.down))),
        ]
        return fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The MAC of `entry` following `previousMAC`.
    public func mac(of entry: ChainedEntry, previousMAC: String) -> String {
        let message = Data((Self.canonical(entry) + "|" + previousMAC).utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: key).hexString
    }

    /// `entry` with its MAC set, following `previous` (nil: the first entry).
    public func sealed(_ entry: ChainedEntry, after previous: ChainedEntry?) -> ChainedEntry {
        var sealed = entry
        sealed.mac = mac(of: entry, previousMAC: previous?.mac ?? Self.genesis)
        return sealed
    }

    /// What checking a chain found.
    public enum Finding: Sendable, Hashable, CustomStringConvertible {
        case intact(entries: Int, head: VerificationCode?)
        /// The entry numbered `sequence` is missing (an entry was deleted out of the middle).
        case missing(sequence: Int64)
        /// The entry numbered `sequence` does not match its MAC: it, or one before it, was changed.
        case altered(sequence: Int64)
        /// The statement's code names an entry the chain does not have, or has with another MAC.
        case codeMismatch(VerificationCode, found: String)

        public var isIntact: Bool { if case .intact = self { true } else { false } }

        public var description: String {
            switch self {
            case .intact(let entries, let head):
                "chain intact: \(entries) entries" + (head.map { ", head \($0)" } ?? "")
            case .missing(let sequence): "entry \(sequence) is missing: entries were deleted"
            case .altered(let sequence): "entry \(sequence) does not match its MAC: it (or the chain before it) was changed"
            case .codeMismatch(let code, let found): "verification code \(code) does not match the chain: \(found)"
            }
        }
    }

    /// Recomputes every MAC in sequence order and reports the first break; with `code`, also checks that the
    /// entry the code names is still there with the same MAC.
    public func verify(_ entries: [ChainedEntry], code: VerificationCode? = nil) -> Finding {
        var previous = Self.genesis
        for (offset, entry) in entries.sorted(by: { $0.sequence < $1.sequence }).enumerated() {
            let expected = Int64(offset) + 1
            if entry.sequence != expected { return .missing(sequence: expected) }
            if mac(of: entry, previousMAC: previous) != entry.mac { return .altered(sequence: entry.sequence) }
            previous = entry.mac
        }
        let head = entries.max { $0.sequence < $1.sequence }.map(VerificationCode.init(head:))
        if let code {
            guard let named = entries.first(where: { $0.sequence == code.sequence }) else {
                return .codeMismatch(code, found: "entry \(code.sequence) is gone (the chain ends at \(entries.count))")
            }
            if VerificationCode(head: named) != code {
                return .codeMismatch(code, found: "entry \(code.sequence) now reads \(VerificationCode(head: named))")
            }
        }
        return .intact(entries: entries.count, head: head)
    }
}

/// The chain head printed on a statement: the newest entry's number and the start of its MAC ("12-3FA91C2B").
public struct VerificationCode: Sendable, Hashable, CustomStringConvertible {
    public var sequence: Int64
    public var macPrefix: String

    public init(head: ChainedEntry) {
        sequence = head.sequence
        macPrefix = String(head.mac.prefix(8)).uppercased()
    }

    /// Parses "12-3FA91C2B" (case and spaces do not matter).
    public init?(_ text: String) {
        let parts = text.uppercased().filter { !$0.isWhitespace }.split(separator: "-")
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0, parts[1].count == 8,
              parts[1].allSatisfy(\.isHexDigit) else { return nil }
        self.sequence = sequence
        macPrefix = String(parts[1])
    }

    public var description: String { "\(sequence)-\(macPrefix)" }
}
