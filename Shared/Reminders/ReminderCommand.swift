import FintrakCore
import Foundation
import Khata

/// Who a reminder is for: one party by the name the owner wrote, or everyone who owes (more than a threshold).
public enum ReminderTarget: Sendable, Hashable, Codable {
    case party(String)
    case everyone(above: Decimal?)
}

/// An owner's reminder line: settings, a party's phone, reminders now or on a schedule, digests, notices.
public enum ReminderCommand: Sendable, Hashable {
    /// "my upi is shop@okaxis".
    case setUPI(String)
    /// "my upi is shop okaxis": not a UPI id; the owner is told what one looks like.
    case invalidUPI(String)
    /// "shop name Gupta Kirana".
    case setShopName(String)
    /// "Ramesh ka number 98765 43210" (the number in E.164).
    case setPhone(party: String, phone: String)
    /// "Ramesh ka number 12345": not a phone number.
    case invalidPhone(party: String, written: String)
    /// "remind Ramesh", "remind all above 500".
    case remind(ReminderTarget)
    /// "remind Ramesh every Monday", "remind all on the 1st".
    case schedule(ReminderTarget, ReminderSchedule)
    /// "stop reminders Ramesh" (nil: every standing reminder).
    case stopReminders(party: String?)
    /// "digest on", "digest off".
    case digest(Bool)
    /// "notify Ramesh on": Ramesh gets each new entry to confirm.
    case notify(party: String, on: Bool)
}

/// The grammar of reminder lines, in English and Hinglish. Anything it does not recognise is left to the khata and
/// the question parser.
public enum ReminderCommandParser {
    static let everyoneWords: Set<String> = ["all", "everyone", "everybody", "sab", "sabko", "sabhi", "saare", "sare"]
    static let remindWords: Set<String> = ["remind", "reminder", "reminders", "yaad"]
    static let stopWords: Set<String> = ["stop", "cancel", "band", "off", "bandh"]
    static let aboveWords: Set<String> = ["above", "over", "more", "than", ">", "zyada", "jyada", "upar", "from"]
    /// Words around a reminder request that are not a name.
    static let remindFillers: Set<String> = [
        "remind", "reminder", "reminders", "reminding", "send", "a", "to", "ko", "karo", "kar", "do", "de", "dilao", "dila",
        "yaad", "bhejo", "please", "pls", "plz", "for", "of", "ke", "ka", "ki", "the", "payment", "who", "owe", "owes",
        "me", "mujhe", "jo", "jinka", "hai", "hain", "baaki", "due",
    ]
    static let weekdays: [String: Int] = [
        "monday": 1, "mon": 1, "somvar": 1, "somwar": 1, "tuesday": 2, "tue": 2, "mangalvar": 2, "mangalwar": 2,
        "wednesday": 3, "wed": 3, "budhvar": 3, "budhwar": 3, "thursday": 4, "thu": 4, "guruvar": 4, "guruwar": 4,
        "friday": 5, "fri": 5, "shukravar": 5, "shukrawar": 5, "saturday": 6, "sat": 6, "shanivar": 6, "shaniwar": 6,
        "sunday": 7, "sun": 7, "ravivar": 7, "raviwar": 7, "itvaar": 7, "itwar": 7,
    ]

    public static func parse(_ text: String) -> ReminderCommand? {
        guard text.utf8.count <= 300 else { return nil }
        let written = text.split(whereSeparator: \.isWhitespace).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",!?;\"()[]{}*"))
        }.filter { !$0.isEmpty }
        let words = written.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }
        guard let first = words.first else { return nil }
        return upi(words, written) ?? shopName(words, written) ?? phone(words, written) ?? digest(words)
            ?? notify(words, written, first: first) ?? reminder(words, written)
    }

    // MARK: Settings

    /// "my upi is shop@okaxis", "upi id: shop@okaxis", "mera upi shop@okaxis hai", "set upi shop@okaxis".
    static func upi(_ words: [String], _ written: [String]) -> ReminderCommand? {
        var index = 0
        if ["my", "mera", "meri", "set", "our"].contains(words[index]) { index += 1 }
        guard index < words.count, ["upi", "vpa"].contains(words[index]) else { return nil }
        index += 1
        let opening = index
        while index < words.count, ["id", "is", "=", "address", "hai"].contains(words[index]) { index += 1 }
        let rest = written[index...].filter { !["hai", "is"].contains($0.lowercased()) }
        guard let candidate = rest.first.map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }) else { return nil }
        // A question about UPI payments ("my upi payments last month") is no setting: without an '@' only "my upi is …"
        // with a word or two after it is taken for a (mistyped) UPI id.
        guard candidate.contains("@") || (index > opening && rest.count <= 2) else { return nil }
        return rest.count == 1 && UPILink.isValidVPA(candidate) ? .setUPI(candidate.lowercased())
            : .invalidUPI(rest.joined(separator: " "))
    }

    /// "shop name Gupta Kirana", "my shop is Gupta Kirana", "dukaan ka naam Gupta Kirana".
    static func shopName(_ words: [String], _ written: [String]) -> ReminderCommand? {
        let openings: [[String]] = [
            ["shop", "name"], ["my", "shop", "name"], ["my", "shop", "name", "is"], ["shop", "name", "is"],
            ["my", "shop", "is"], ["business", "name"], ["business", "name", "is"], ["my", "business", "name", "is"],
            ["dukaan", "ka", "naam"], ["dukan", "ka", "naam"], ["shop", "ka", "naam"], ["meri", "dukaan", "ka", "naam"],
            ["meri", "dukan", "ka", "naam"],
        ]
        guard let opening = openings.filter({ words.starts(with: $0) }).max(by: { $0.count < $1.count }) else { return nil }
        var name = Array(written.dropFirst(opening.count))
        if name.first?.lowercased() == "is" || name.first == "=" { name.removeFirst() }
        if name.last?.lowercased() == "hai" { name.removeLast() }
        let joined = name.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".: "))
        guard !joined.isEmpty, joined.count <= 60 else { return nil }
        return .setShopName(joined)
    }

    /// "Ramesh ka number 98765 43210", "Ramesh's number is +91 98765 43210", "number of Ramesh is 9876543210",
    /// "Ramesh phone 09876543210".
    static func phone(_ words: [String], _ written: [String]) -> ReminderCommand? {
        guard let keyword = words.firstIndex(where: { ["number", "no", "phone", "mobile", "whatsapp", "num"].contains($0) })
        else { return nil }
        let isDigits: (String) -> Bool = { word in
            word.contains(where: \.isNumber) && word.allSatisfy { $0.isNumber || "+-().".contains($0) }
        }
        var nameWords: [String]
        var numberStart = keyword + 1
        if keyword == 0 || (keyword == 1 && ["my", "the"].contains(words[0])) {
            // "number of Ramesh is 98765 43210"
            guard numberStart < words.count, words[numberStart] == "of" else { return nil }
            let name = written[(numberStart + 1)...].prefix { !isDigits($0) && $0.lowercased() != "is" }
            nameWords = Array(name)
            numberStart += 1 + name.count
        } else {
            nameWords = Array(written[..<keyword])
            if let last = nameWords.last?.lowercased(), ["ka", "ki", "ke", "of", "'s"].contains(last) { nameWords.removeLast() }
            if let last = nameWords.last, last.lowercased().hasSuffix("'s") || last.hasSuffix("’s") {
                nameWords[nameWords.count - 1] = String(last.dropLast(2))
            }
        }
        while numberStart < words.count, ["is", "hai", "=", "-"].contains(words[numberStart]) { numberStart += 1 }
        var digits = Array(written[min(numberStart, written.count)...])
        if digits.last?.lowercased() == "hai" { digits.removeLast() }
        let notNames: Set<String> = ["invoice", "bill", "gst", "gstin", "order", "account", "receipt", "my", "your"]
        guard !nameWords.isEmpty, nameWords.count <= 4, !digits.isEmpty, digits.allSatisfy(isDigits),
              !nameWords.contains(where: { $0.contains(where: \.isNumber) || notNames.contains($0.lowercased()) }),
              digits.joined().filter(\.isNumber).count >= 5
        else { return nil }
        let party = nameWords.joined(separator: " ")
        let number = digits.joined(separator: " ")
        // Without a country code only an Indian mobile number will do: ten digits, perhaps after 0 or 91.
        let digitsOnly = number.filter(\.isNumber)
        let indian = digitsOnly.count == 10 || (digitsOnly.count == 11 && digitsOnly.hasPrefix("0"))
            || (digitsOnly.count == 12 && digitsOnly.hasPrefix("91"))
        guard let e164 = PhoneNumber.e164(number), number.hasPrefix("+") || indian, !e164.hasPrefix("+91") || e164.count == 13 else {
            return .invalidPhone(party: party, written: number)
        }
        return .setPhone(party: party, phone: e164)
    }

    /// "digest on", "weekly digest off", "digest band karo".
    static func digest(_ words: [String]) -> ReminderCommand? {
        guard words.contains("digest"), words.count <= 4 else { return nil }
        let rest = Set(words).subtracting(["digest", "weekly", "the", "karo", "kar", "do", "please", "turn", "mera"])
        if rest.isSubset(of: ["on", "start", "chalu", "shuru", "yes"]), !rest.isEmpty { return .digest(true) }
        if rest.isSubset(of: ["off", "stop", "band", "bandh", "no"]), !rest.isEmpty { return .digest(false) }
        return nil
    }

    /// "notify Ramesh on", "notify Ramesh off", "notify Ramesh" (on).
    static func notify(_ words: [String], _ written: [String], first: String) -> ReminderCommand? {
        guard ["notify", "notifications", "notification"].contains(first), words.count >= 2 else { return nil }
        var name = Array(written.dropFirst())
        var on = true
        if let last = name.last?.lowercased(), ["on", "off", "band", "chalu"].contains(last) {
            on = last == "on" || last == "chalu"
            name.removeLast()
        }
        if name.first?.lowercased() == "for" { name.removeFirst() }
        guard !name.isEmpty, name.count <= 4 else { return nil }
        return .notify(party: name.joined(separator: " "), on: on)
    }

    // MARK: Reminders

    /// "remind Ramesh", "Ramesh ko remind karo", "remind all above 500 every Monday", "stop reminders Ramesh".
    static func reminder(_ words: [String], _ written: [String]) -> ReminderCommand? {
        guard words.contains(where: remindWords.contains) || words.contains("reminding") else { return nil }
        if words.contains("yaad"), !words.contains(where: { ["dilao", "dila", "dilana"].contains($0) }) { return nil }
        var used = Set<Int>()
        let schedule = self.schedule(words, used: &used)
        let stopping = words.contains(where: stopWords.contains)
        var threshold: Decimal?
        for (index, word) in words.enumerated() where aboveWords.contains(word) && !used.contains(index) {
            used.insert(index)
            var next = index + 1
            while next < words.count, aboveWords.contains(words[next]) {
                used.insert(next)
                next += 1
            }
            if let read = KhataAmount.read(words, from: next) {
                threshold = read.value
                used.formUnion(next..<(next + read.count))
            }
        }
        var everyone = false
        var name: [String] = []
        for (index, word) in words.enumerated() where !used.contains(index) {
            if everyoneWords.contains(word) {
                everyone = true
            } else if !remindFillers.contains(word) && !stopWords.contains(word) && !["every", "on", "har"].contains(word) {
                guard KhataAmount.read(words, from: index) == nil else { return nil }
                name.append(written[index])
            }
        }
        let party = name.joined(separator: " ")
        if stopping {
            guard schedule == nil, name.count <= 4 else { return nil }
            return .stopReminders(party: everyone || party.isEmpty ? nil : party)
        }
        guard name.count <= 4, everyone != !party.isEmpty else { return nil }
        let target: ReminderTarget = everyone ? .everyone(above: threshold) : .party(party)
        return schedule.map { .schedule(target, $0) } ?? .remind(target)
    }

    /// "every Monday", "har somvar", "weekly" (Monday), "on the 1st", "every month on the 5th", "monthly" (the 1st).
    static func schedule(_ words: [String], used: inout Set<Int>) -> ReminderSchedule? {
        for (index, word) in words.enumerated() {
            if let weekday = weekdays[word] ?? weekdays[String(word.dropLast())], word.count > 3 || index > 0 {
                used.insert(index)
                if index > 0, ["every", "har", "on"].contains(words[index - 1]) { used.insert(index - 1) }
                return .weekly(weekday: weekday)
            }
        }
        for (index, word) in words.enumerated() {
            if let day = dayOfMonth(word), index > 0,
               ["on", "the", "every", "har", "of"].contains(words[index - 1]) || words.contains("month") || words.contains("mahine") {
                used.insert(index)
                for other in words.indices where ["on", "the", "every", "month", "of", "har", "mahine", "ko", "tarikh"].contains(words[other]) {
                    used.insert(other)
                }
                return .monthly(day: day)
            }
        }
        if let index = words.firstIndex(of: "weekly") {
            used.insert(index)
            return .weekly(weekday: 1)
        }
        if let index = words.firstIndex(of: "monthly") {
            used.insert(index)
            return .monthly(day: 1)
        }
        return nil
    }

    /// "1st", "2nd", "15th", "31" → the day of the month.
    static func dayOfMonth(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(2)) }
        guard let day = Int(digits), (1...31).contains(day), digits.count <= 2 else { return nil }
        return day
    }
}
