import FintrakCore
import Foundation
import Khata

/// What a party is reminded of: who, by which shop, how much, and the link that pays it.
public struct ReminderContent: Sendable, Hashable {
    public var partyName: String
    public var shopName: String
    public var amount: Decimal
    public var vpa: String

    public init(partyName: String, shopName: String, amount: Decimal, vpa: String) {
        self.partyName = partyName
        self.shopName = shopName
        self.amount = amount
        self.vpa = vpa
    }

    /// The UPI link for the whole amount due, to the shop's VPA.
    public var upiLink: String {
        UPILink.build(UPIPayment(vpa: vpa, payeeName: shopName, amount: amount, note: "Khata payment to \(shopName)"))
    }
}

/// A new entry as its party is told of it, with the code that answers it.
public struct EntryNoticeContent: Sendable, Hashable {
    public var shopName: String
    /// Positive: the party owes more (udhaar given); negative: less (a payment received).
    public var amount: Decimal
    /// The party's balance after the entry (positive: the party owes the shop).
    public var balance: Decimal
    public var code: String

    public init(shopName: String, amount: Decimal, balance: Decimal, code: String) {
        self.shopName = shopName
        self.amount = amount
        self.balance = balance
        self.code = code
    }
}

/// The words of reminders, notices and the answers about them. The templates' texts are the ones to register with
/// each provider (README); `variables` fill them in order.
public enum ReminderWording {
    /// The payment reminder template (category Utility): {{1}} the party's name, {{2}} the shop's name, {{3}} the
    /// amount due, {{4}} the UPI link.
    public static let reminderTemplate = """
        Hello {{1}}, this is a payment reminder from {{2}}. Amount due: {{3}}. Pay by UPI: {{4}} \
        Reply STOP to stop these reminders.
        """

    /// The entry notice template (category Utility): {{1}} the shop's name, {{2}} what was recorded, {{3}} the
    /// balance, {{4}} the code.
    public static let entryNoticeTemplate = """
        {{1}} recorded in your account: {{2}}. Balance: {{3}}. Reply OK {{4}} if this is right, NO {{4}} if not.
        """

    public static func text(of kind: TemplateKind) -> String {
        switch kind {
        case .paymentReminder: reminderTemplate
        case .entryNotice: entryNoticeTemplate
        }
    }

    /// A template's text with its variables filled in: what the party reads, and what console and records show.
    public static func render(_ template: TemplateMessage) -> String {
        var text = self.text(of: template.kind)
        for (index, value) in template.variables.enumerated().reversed() {
            text = text.replacingOccurrences(of: "{{\(index + 1)}}", with: value)
        }
        return text
    }

    public static func reminderTemplate(_ content: ReminderContent) -> TemplateMessage {
        TemplateMessage(kind: .paymentReminder, variables: [
            content.partyName, content.shopName, KhataReplies.money(content.amount), content.upiLink,
        ])
    }

    /// Free-form, for a party whose own message opened the 24-hour window.
    public static func reminderText(_ content: ReminderContent) -> String {
        """
        Namaste \(content.partyName), a reminder from \(content.shopName): \(KhataReplies.money(content.amount)) is due \
        on your khata. Pay by UPI: \(content.upiLink)
        Reply STOP to stop these reminders.
        """
    }

    public static func noticeTemplate(_ content: EntryNoticeContent) -> TemplateMessage {
        let what = content.amount > 0
            ? "\(KhataReplies.money(content.amount)) udhaar given to you"
            : "\(KhataReplies.money(content.amount)) received from you"
        let balance = content.balance > 0 ? "you owe \(KhataReplies.money(content.balance))"
            : content.balance < 0 ? "they owe you \(KhataReplies.money(content.balance))" : "settled"
        return TemplateMessage(kind: .entryNotice, variables: [content.shopName, what, balance, content.code])
    }

    // MARK: To the owner

    public static func upiSaved(_ vpa: String, shopName: String?) -> String {
        let next = shopName == nil ? " Now tell me your shop's name: \"shop name Gupta Kirana\"." : ""
        return "Saved your UPI id \(vpa). Reminders will carry a link that pays it.\(next)"
    }

    public static func invalidUPI(_ written: String) -> String {
        "\"\(written)\" is not a UPI id. A UPI id looks like yourname@okaxis: send \"my upi is yourname@okaxis\"."
    }

    public static func shopNameSaved(_ name: String, vpa: String?) -> String {
        let next = vpa == nil ? " Now your UPI id: \"my upi is yourname@okaxis\"." : ""
        return "Saved your shop's name: \(name).\(next)"
    }

    public static func phoneSaved(party: String, phone: String, isNew: Bool) -> String {
        (isNew ? "New party \(party). " : "") + "Saved \(party)'s number \(phone). Send \"remind \(party)\" to send a reminder."
    }

    public static func invalidPhone(party: String, written: String) -> String {
        "\"\(written)\" is not a phone number I can use for \(party). Send it like this: \"\(party) ka number 98765 43210\"."
    }

    public static let needsSettings = """
        Before I send reminders I need your UPI id and your shop's name: "my upi is yourname@okaxis" and \
        "shop name Gupta Kirana".
        """

    public static func unknownParty(_ phrase: String) -> String {
        "There is no \(phrase) in your khata."
    }

    /// One line per outcome of a reminder request.
    public static func outcomes(_ outcomes: [(name: String, amount: Decimal, decision: ReminderDecision)],
                                threshold: Decimal?, everyone: Bool, zone: TimeZone) -> String {
        if everyone, !outcomes.contains(where: { $0.decision != .skip(.nothingDue) }) {
            return threshold.map { "Nobody owes you more than \(KhataReplies.money($0))." } ?? "Nobody owes you anything right now."
        }
        var lines: [String] = []
        for (name, amount, decision) in outcomes {
            switch decision {
            case .send:
                lines.append("Reminder sent to \(name) for \(KhataReplies.money(amount)) with your UPI link.")
            case .hold(let until):
                lines.append("It's quiet hours, so \(name)'s reminder for \(KhataReplies.money(amount)) goes at \(clock(until, zone)).")
            case .skip(.noPhone):
                lines.append("I don't have \(name)'s number yet: send \"\(name) ka number 98765 43210\".")
            case .skip(.stopped):
                lines.append("\(name) asked not to get reminders (STOP), so none was sent.")
            case .skip(.alreadyToday):
                lines.append("\(name) already got a reminder today; one a day at most.")
            case .skip(.nothingDue):
                if !everyone { lines.append("\(name) owes you nothing, so there is nothing to remind.") }
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func scheduled(_ target: ReminderTarget, _ schedule: ReminderSchedule) -> String {
        let who: String
        switch target {
        case .party(let name): who = name
        case .everyone(let above?): who = "everyone who owes you more than \(KhataReplies.money(above))"
        case .everyone(nil): who = "everyone who owes you"
        }
        return "I'll remind \(who) \(schedule.description), at \(ReminderSchedule.hour):00."
    }

    public static func stopped(party: String?, count: Int) -> String {
        guard count > 0 else {
            return party.map { "There were no standing reminders for \($0)." } ?? "There were no standing reminders."
        }
        return party.map { "Stopped the standing reminders for \($0)." } ?? "Stopped all \(count) standing reminders."
    }

    public static func digest(_ on: Bool) -> String {
        on ? "Weekly digest on: every Monday at \(ReminderSchedule.hour):00 you get who owes you (top 10) and what came in that week."
            : "Weekly digest off."
    }

    public static func notify(party: String, on: Bool, hasPhone: Bool) -> String {
        guard on else { return "\(party) won't be sent new entries any more." }
        let number = hasPhone ? "" : " First I need their number: \"\(party) ka number 98765 43210\"."
        return "\(party) will be sent each new entry to confirm with a code (OK or NO).\(number)"
    }

    /// The weekly digest: who owes the most, and what came in.
    public static func digestText(owing: [(name: String, amount: Decimal)], receivedThisWeek: Decimal, payments: Int) -> String {
        var lines = ["Your weekly khata digest"]
        if owing.isEmpty {
            lines.append("Nobody owes you anything.")
        } else {
            lines.append("Who owes you (top \(owing.count)):")
            lines += owing.enumerated().map { "\($0.offset + 1). \($0.element.name) \(KhataReplies.money($0.element.amount))" }
        }
        lines.append(payments == 0 ? "Nothing came in this week."
                     : "Came in this week: \(KhataReplies.money(receivedThisWeek)) from \(payments) payment\(payments == 1 ? "" : "s").")
        return lines.joined(separator: "\n")
    }

    public static func disputed(party: String, amount: Decimal, sequence: Int64) -> String {
        "\(party) replied NO to entry #\(sequence) (\(KhataReplies.money(amount))): they say it is not right. Check it with them."
    }

    public static func paymentClaim(party: String, amount: Decimal) -> String {
        "\(party) says he paid \(KhataReplies.money(amount)) – reply 'yes' to record it."
    }

    public static func claimRecorded(party: String, amount: Decimal, balance: PartyBalance) -> String {
        "Recorded: you got \(KhataReplies.money(amount)) from \(party). " + KhataReplies.balance(balance.party.name, balance.balance)
    }

    // MARK: To the party

    public static let stoppedForParty = "You won't get payment reminders from this number any more. Send START to get them again."
    public static let startedForParty = "Payment reminders are on again. Send STOP to stop them."
    public static let unknownCode = "Sorry, I couldn't find an entry with that code. Please check the code in the message."
    public static let confirmedForParty = "Thank you, noted that the entry is right."

    public static func disputedForParty(shop: String) -> String {
        "Thank you, I've told \(shop) that the entry is not right."
    }

    public static func claimForParty(shop: String) -> String {
        "Thank you, I've told \(shop). They will confirm your payment."
    }

    static func clock(_ instant: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
