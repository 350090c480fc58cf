import Conversation
import FintrakCore
import FintrakPostgres
import FintrakRedis
import FintrakStores
import Foundation
import Khata
import KhataStore
import Logging

/// Khata lines → replies: the pure parser decides what a line asks, this shell matches the owner's parties, writes
/// entries to the hash chain once per provider message id, and answers from balances the database sums.
struct KhataAnswerer: Sendable {
    /// What a khata line came to.
    enum Outcome: Sendable {
        /// The khata's whole reply.
        case reply(OutboundReply)
        /// The line only named a party: the invoice side answers too, with this balance line added.
        case mention(String)
    }

    let database: TenantDatabase
    let redis: RedisClient
    let chain: LedgerChain
    let files: GeneratedFiles
    let timeZone: TimeZone
    /// How long a numbered choice between parties waits for its answer.
    var choiceLifetimeSeconds = 600

    static func choiceKey(_ tenant: String) -> String { "khata-choice:\(tenant)" }

    /// A question put to the owner: which party a name meant.
    struct PendingChoice: Codable, Sendable {
        var intent: KhataIntent
        var phrase: String
        var candidates: [KhataParty]
    }

    /// What one transaction decided.
    enum Decision: Sendable {
        case answer(String, attachment: GeneratedFiles.File?)
        case choose(PendingChoice)
    }

    /// The khata's answer to a message, or nil when it is no khata line.
    func reply(to message: InboundMessage, logger: Logger) async throws -> Outcome? {
        let text = String((message.text ?? "").prefix(500))
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if let number = Int(trimmed), (1...20).contains(number),
           let pending = try await redis.get(Self.choiceKey(message.tenant)),
           let choice = try? EnvelopeCoding.decode(PendingChoice.self, from: Data(pending.utf8)) {
            _ = try await redis.delete(Self.choiceKey(message.tenant))
            guard number <= choice.candidates.count + 1 else {
                return .reply(OutboundReply(to: message, body: KhataReplies.choice(for: choice.phrase, among: choice.candidates)))
            }
            let chosen: PartyMatch = number <= choice.candidates.count
                ? .found(choice.candidates[number - 1]) : .new(PartyMatcher.displayName(choice.phrase))
            return try await answer(choice.intent, message: message, chosen: chosen, logger: logger)
        }
        switch KhataParser.read(text) {
        case .intent(let intent):
            return try await answer(intent, message: message, chosen: nil, logger: logger)
        case .names(let names):
            guard !names.isEmpty else { return nil }
            let line: String? = try await database.read(tenant: message.tenant) { session in
                let store = LedgerStore(session: session, tenant: message.tenant)
                let parties = try store.parties()
                guard let party = names.lazy.compactMap({ PartyMatcher.exact($0, among: parties) }).first else { return nil }
                return "Khata: " + KhataReplies.balance(party.name, try store.balance(of: party).balance)
            }
            return line.map(Outcome.mention)
        }
    }

    private func answer(_ intent: KhataIntent, message: InboundMessage, chosen: PartyMatch?, logger: Logger) async throws -> Outcome {
        let today = CalendarDay(message.receivedAt, in: timeZone)
        let decision = try await database.write(tenant: message.tenant) { [self] session in
            var handler = KhataCommandHandler(store: LedgerStore(session: session, tenant: message.tenant), chain: chain,
                                              message: message, today: today, timeZone: timeZone, chosen: chosen)
            return try handler.decide(intent)
        }
        switch decision {
        case .choose(let choice):
            let json = String(decoding: try EnvelopeCoding.encode(choice), as: UTF8.self)
            _ = try await redis.set(Self.choiceKey(message.tenant), json, expireSeconds: choiceLifetimeSeconds)
            return .reply(OutboundReply(to: message, body: KhataReplies.choice(for: choice.phrase, among: choice.candidates)))
        case .answer(let body, let file):
            // After a khata entry, "undo" means that entry, not the bill saved before it: intake sends "undo" to the
            // extractor only while the conversation remembers a bill.
            if message.conversation?.lastInvoiceID != nil, Self.writes(intent) {
                _ = try await redis.delete(ConversationStateKey.key(tenant: message.tenant))
            }
            var attachments: [ReplyAttachment] = []
            if let file {
                let files = self.files
                attachments = [try await database.write(tenant: message.tenant) { session in
                    files.store(file, tenant: message.tenant, session: session)
                }]
            }
            logger.info("khata line answered", metadata: ["intent": "\(Self.kind(intent))", "attachments": "\(attachments.count)"])
            return .reply(OutboundReply(to: message, body: body, attachments: attachments))
        }
    }

    /// Whether the intent adds to the chain.
    static func writes(_ intent: KhataIntent) -> Bool {
        switch intent {
        case .entry, .undo, .billOnCredit: true
        default: false
        }
    }

    /// "entry", "balance", …: what a line was, for logs.
    static func kind(_ intent: KhataIntent) -> String {
        switch intent {
        case .entry: "entry"
        case .balance: "balance"
        case .parties: "parties"
        case .total: "total"
        case .undo: "undo"
        case .rename: "rename"
        case .limit: "limit"
        case .cash: "cash"
        case .profit: "profit"
        case .billOnCredit: "bill_on_credit"
        }
    }
}
