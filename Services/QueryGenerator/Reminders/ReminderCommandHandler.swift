import FintrakCore
import Foundation
import Khata
import KhataStore
import ReminderStore
import Reminders

/// One owner's reminder line carried out inside one tenant transaction: what to answer, and the reminders to publish
/// once it commits.
struct ReminderCommandHandler {
    let dispatch: ReminderDispatch
    let message: InboundMessage

    var store: ReminderStore { dispatch.store }
    var ledger: LedgerStore { dispatch.ledger }
    var zone: TimeZone { dispatch.zone }

    /// A name looked up among the owner's parties: the party, or what to answer instead (unknown, or which one?).
    enum PartyLookup {
        case found(KhataParty)
        case answer(String)
    }

    /// `phrase` among the owner's parties; a new one is made when `create` says so.
    func party(_ phrase: String, create: Bool = false) throws -> PartyLookup {
        switch PartyMatcher.match(phrase, among: try ledger.parties()) {
        case .found(let party): return .found(party)
        case .new(let name) where create: return .found(try ledger.createParty(named: name))
        case .new: return .answer(ReminderWording.unknownParty(phrase))
        case .ambiguous(let candidates): return .answer(KhataReplies.choice(for: phrase, among: candidates))
        }
    }

    func decide(_ command: ReminderCommand) throws -> (answer: String, reminders: [OutboundReply]) {
        let now = message.receivedAt
        switch command {
        case .setUPI(let vpa):
            try store.setUPI(vpa)
            return (ReminderWording.upiSaved(vpa, shopName: try store.settings().shopName), [])
        case .invalidUPI(let written):
            return (ReminderWording.invalidUPI(written), [])
        case .setShopName(let name):
            try store.setShopName(name)
            return (ReminderWording.shopNameSaved(name, vpa: try store.settings().vpa), [])
        case .setPhone(let phrase, let phone):
            let isNew = if case .new = PartyMatcher.match(phrase, among: try ledger.parties()) { true } else { false }
            switch try party(phrase, create: true) {
            case .found(let found):
                try store.setPhone(found, to: phone)
                return (ReminderWording.phoneSaved(party: found.name, phone: phone, isNew: isNew), [])
            case .answer(let reply): return (reply, [])
            }
        case .invalidPhone(let phrase, let written):
            return (ReminderWording.invalidPhone(party: phrase, written: written), [])
        case .remind(let target):
            let settings = try store.settings()
            guard let vpa = settings.vpa, let shopName = settings.shopName else { return (ReminderWording.needsSettings, []) }
            let chosen: [PartyBalance]
            var threshold: Decimal?
            switch target {
            case .party(let phrase):
                switch try party(phrase) {
                case .found(let found): chosen = [try ledger.balance(of: found)]
                case .answer(let reply): return (reply, [])
                }
            case .everyone(let above):
                threshold = above
                chosen = try ledger.balances().filter { $0.balance > (above ?? 0) }
            }
            let done = try dispatch.remind(chosen, vpa: vpa, shopName: shopName, provider: message.provider, now: now,
                                           source: message.providerMessageID)
            let everyone = if case .everyone = target { true } else { false }
            return (ReminderWording.outcomes(done.outcomes.map { ($0.name, $0.amount, $0.decision) }, threshold: threshold,
                                             everyone: everyone, zone: zone), done.replies)
        case .schedule(let target, let schedule):
            var found: KhataParty?
            if case .party(let phrase) = target {
                switch try party(phrase) {
                case .found(let party): found = party
                case .answer(let reply): return (reply, [])
                }
            }
            try store.addSchedule(target, party: found, schedule, provider: message.provider,
                                  nextDue: schedule.nextDue(after: now, in: zone))
            let settings = try store.settings()
            let missing = settings.vpa == nil || settings.shopName == nil ? "\n" + ReminderWording.needsSettings : ""
            let named: ReminderTarget = found.map { .party($0.name) } ?? target
            return (ReminderWording.scheduled(named, schedule) + missing, [])
        case .stopReminders(let phrase):
            var found: KhataParty?
            if let phrase {
                switch try party(phrase) {
                case .found(let party): found = party
                case .answer(let reply): return (reply, [])
                }
            }
            return (ReminderWording.stopped(party: found?.name, count: try store.stopSchedules(for: found)), [])
        case .digest(let on):
            try store.setDigest(on, provider: message.provider,
                                nextDue: ReminderSchedule.weekly(weekday: 1).nextDue(after: now, in: zone))
            return (ReminderWording.digest(on), [])
        case .notify(let phrase, let on):
            switch try party(phrase) {
            case .found(let found):
                try store.setNotify(found, on)
                return (ReminderWording.notify(party: found.name, on: on, hasPhone: try store.contact(of: found).phone != nil), [])
            case .answer(let reply): return (reply, [])
            }
        }
    }
}
