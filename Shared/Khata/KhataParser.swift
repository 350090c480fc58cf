import Foundation
import QuestionUnderstanding

/// Reads a khata line from the grammar of such sentences, not from a list of examples: a party (a run of words
/// Fintrak does not know, placed by the particles around it: "Ramesh ko", "Ramesh ne", "Ramesh se", "to Ramesh",
/// "from Ramesh"), an amount (digits, words, Hindi numbers), and what moved which way (the verb and who did it).
public enum KhataParser {
    /// What the line asks for, or nil when it is no khata line (an invoice question, a greeting).
    public static func parse(_ text: String) -> KhataIntent? {
        Sentence(text).intent()
    }

    /// What the line asks for or, when it is no khata line, the runs of unknown words in it (candidate party names,
    /// for lines that only name someone): both from one reading, since reading a sentence is most of the cost.
    public static func read(_ text: String) -> KhataReading {
        let sentence = Sentence(text)
        if let intent = sentence.intent() { return .intent(intent) }
        return .names(sentence.runs.map { sentence.phrase($0.range) })
    }
}

/// A line as the khata reads it.
public enum KhataReading: Equatable, Sendable {
    /// A khata line.
    case intent(KhataIntent)
    /// No khata line; the runs of unknown words it holds (possibly none).
    case names([String])
}

/// Where a name stands in its sentence.
enum PartyRole: Int, Comparable {
    /// Not placed by anything.
    case loose
    /// First in the sentence with no particle: "Ramesh 500 udhaar".
    case bare
    /// "Ramesh ka", "Suresh's", "balance of Ramesh".
    case possessor
    /// "Ramesh ne", "Ramesh paid", "by Ramesh": the party did it.
    case agent
    /// "Ramesh ko", "to Ramesh", "gave Ramesh", "owe Ramesh".
    case recipient
    /// "Ramesh se", "from Ramesh".
    case source

    static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .loose: 0
        case .bare: 1
        case .possessor: 2
        case .agent, .recipient, .source: 3
        }
    }
}

struct Run {
    var range: Range<Int>
    var role: PartyRole
    /// "300 ka doodh", "for milk": what the amount was for, not who.
    var isNote: Bool
}

struct Sentence {
    let words: [String]
    let meanings: [KhataWord?]
    let amount: (value: Decimal, range: Range<Int>)?
    let runs: [Run]
    let asksQuestion: Bool

    init(_ text: String) {
        let written = KhataTokenizer.words(text)
        words = written.map { $0.lowercased() }
        var amounts: [(value: Decimal, range: Range<Int>, money: Bool)] = []
        var index = 0
        while index < words.count {
            if let read = KhataAmount.read(words, from: index) {
                let range = index..<(index + read.count)
                let next = range.upperBound < words.count ? KhataLexicon.words[words[range.upperBound]] : nil
                if next != .quantity, !Self.countsNoMoney(words, range) { amounts.append((read.value, range, read.money)) }
                index = range.upperBound
            } else {
                index += 1
            }
        }
        let chosen = amounts.first(where: \.money) ?? amounts.first
        amount = chosen.map { ($0.value, $0.range) }
        let amountRange = chosen?.range ?? 0..<0
        let words = self.words
        // Misspellings are corrected in lower-case words (and the first word) only: "Kamal" is a name, not "kamai".
        var meanings = words.indices.map { index in
            amounts.contains(where: { $0.range.contains(index) }) ? .filler
                : KhataLexicon.meaning(of: words[index], correcting: index == 0 || written[index].first?.isUppercase != true)
        }
        // "credit card" is a way of paying, not credit.
        for index in meanings.indices.dropLast() where words[index] == "credit" && ["card", "cards"].contains(words[index + 1]) {
            meanings[index] = .filler
            meanings[index + 1] = .filler
        }
        // A capitalised word after a capitalised name is part of it: "Kamal Sales", "Mahalaxmi Suppliers".
        for index in meanings.indices.dropFirst() where meanings[index - 1] == nil
            && written[index].first?.isUppercase == true && written[index - 1].first?.isUppercase == true {
            switch meanings[index] {
            case .sale?, .expense?, .payable?, .receivable?, .suppliers?, .profit?, .balance?, .limit?, .credit?:
                meanings[index] = nil
            default: break
            }
        }
        self.meanings = meanings
        asksQuestion = text.contains("?") || meanings.contains(where: { $0 == .question || $0 == .who || $0 == .list })

        var runs: [Run] = []
        var start: Int?
        for index in 0...words.count {
            let content = index < words.count && meanings[index] == nil && !amountRange.contains(index)
            if content, start == nil { start = index }
            if !content, let first = start {
                runs.append(Self.place(first..<index, meanings: meanings, amountRange: amountRange))
                start = nil
            }
        }
        self.runs = runs
    }

    /// A number that says when, how long or how many rather than how much: "30th September", "Sept 2026", "in 2026",
    /// "pichle 3 din", "2 hafte", "top 3" (the question side reads these, and "3" is no amount of money).
    static func countsNoMoney(_ words: [String], _ range: Range<Int>) -> Bool {
        let after = words[safe: range.upperBound], before = words[safe: range.lowerBound - 1]
        if let after, ["st", "nd", "rd", "th"].contains(after) { return true }
        if let before, ["top", "sabse"].contains(before) { return true }
        if [after, before].contains(where: { $0.map(Lexicon.isMonthName) == true }) { return true }
        if case .unit? = after.flatMap({ Lexicon.words[$0] }) { return true }
        // "in 2026", "since 2025": a year after a word that places it.
        guard range.count == 1, let year = Int(words[range.lowerBound]), Period.readableYears.contains(year),
              let before, let placing = Lexicon.words[before] else { return false }
        return [Word.within, .since, .of, .from, .until, .to].contains(placing)
    }

    private static func place(_ range: Range<Int>, meanings: [KhataWord?], amountRange: Range<Int>) -> Run {
        let previous = range.lowerBound > 0 ? meanings[range.lowerBound - 1] : nil
        let next = range.upperBound < meanings.count ? meanings[range.upperBound] : nil
        let beforePrevious = range.lowerBound > 1 ? range.lowerBound - 2 : nil
        if previous == .forWhat
            || (previous == .possessive && beforePrevious.map(amountRange.contains) == true) {
            return Run(range: range, role: .loose, isNote: true)
        }
        let role: PartyRole
        switch (previous, next) {
        case (_, .ko?), (.to?, _): role = .recipient
        case (_, .ne?), (.by?, _): role = .agent
        case (_, .se?), (.from?, _): role = .source
        case (_, .possessive?), (.of?, _): role = .possessor
        case (.give(english: true)?, _), (.owe?, _): role = .recipient
        default:
            let leading = meanings[..<range.lowerBound].allSatisfy { meaning in
                switch meaning {
                case .filler?, .today?, .speaker?: true
                default: false
                }
            }
            // "Ramesh paid 500", "Ramesh owes me 500": an English verb after the name makes it the subject.
            let following = meanings[range.upperBound...].first { $0 != .filler }
            switch following {
            case .give(english: true)??, .take(english: true)??, .owe??: role = .agent
            default: role = leading ? .bare : .loose
            }
        }
        return Run(range: range, role: role, isNote: false)
    }

    func phrase(_ range: Range<Int>) -> String {
        words[range].joined(separator: " ")
    }

    func has(_ meaning: KhataWord) -> Bool { meanings.contains(meaning) }

    func has(where test: (KhataWord) -> Bool) -> Bool { meanings.contains { $0.map(test) ?? false } }

    /// The run that names the party: the best placed one.
    var party: Run? {
        runs.filter { !$0.isNote }.max { $0.role < $1.role }
    }

    /// Every other run: what the entry was for.
    func note(excluding party: Run?) -> String? {
        let rest = runs.filter { $0.range != party?.range }.map { phrase($0.range) }
        return rest.isEmpty ? nil : rest.joined(separator: " ")
    }

    func intent() -> KhataIntent? {
        guard !words.isEmpty else { return nil }
        if let command = undo ?? rename { return command }
        if has(.limit), let amount, let party { return .limit(party: phrase(party.range), amount: amount.value) }
        if has(.profit) { return .profit(period) }
        if !asksQuestion, let amount, let entry = entry(amount: amount.value) { return entry }
        if !asksQuestion, let amount, let cash = cash(amount: amount.value) { return cash }
        return question
    }

    /// "undo", "undo last entry", "galti ho gayi, cancel karo": nothing but undo words and fillers.
    private var undo: KhataIntent? {
        let allowed: Set<String> = ["entry", "ho", "gayi", "gaya", "wo", "woh", "vo", "ye", "yeh", "one", "it", "wali"]
        guard has(.undo), amount == nil, words.count <= 6,
              runs.allSatisfy({ words[$0.range].allSatisfy(allowed.contains) })
        else { return nil }
        return .undo
    }

    /// "Ramesh Kumar is Ramesh", "Ramesh Kumar = Ramesh", "rename Ramesh to Ramesh Kumar", "merge Ramesh Kumar into
    /// Ramesh", "Ramesh aur Ramesh Kumar same hai".
    private var rename: KhataIntent? {
        guard amount == nil else { return nil }
        let names = runs.map { phrase($0.range) }
        guard names.count == 2 else { return nil }
        if has(.rename) { return .rename(alias: names[1], party: names[0]) }
        if has(.merge) { return .rename(alias: names[0], party: names[1]) }
        if has(.same) || has(.debit) { return .rename(alias: names[1], party: names[0]) }    // "A ka naam B karo"
        let between = meanings[runs[0].range.upperBound..<runs[1].range.lowerBound]
        if between.count == 1, between.first == .isWord, !asksQuestion, runs[0].range.lowerBound == 0 {
            return .rename(alias: names[0], party: names[1])
        }
        return nil
    }

    /// A movement of money or goods with a party: which way it went, from the verb and who did it.
    private func entry(amount: Decimal) -> KhataIntent? {
        guard let party, let direction = direction(role: party.role) else { return nil }
        return .entry(party: phrase(party.range), amount: amount, direction: direction, note: note(excluding: party))
    }

    /// The grammar of direction. Events: the speaker giving makes the party owe more (+); the party giving makes
    /// it owe less (−). Obligations run the other way: "dene hain" (I must give) is what the owner owes.
    func direction(role: PartyRole) -> LedgerDirection? {
        let credit = has(.credit)
        if has(.deposit) && !credit { return .youGot }
        if has(.debit) { return .youGave }
        if has(.owe) {
            // "Ramesh owes me 500" / "owed by Ramesh": the party owes; "I owe Ramesh", "owe Sharma Traders 3000": the owner.
            return role == .agent || role == .bare && !has(.speaker) || role == .possessor ? .youGave : .youGot
        }
        if has(.mustGive(byParty: true)) { return .youGave }
        if has(.mustGive(byParty: false)) { return role == .agent ? .youGave : .youGot }
        if has(.mustTake) { return role == .agent ? .youGot : .youGave }
        if has(.receive) { return role == .recipient ? .youGave : .youGot }
        // Hinglish past tense needs "ne" on its subject, so without it the speaker is the one who gave or took;
        // "le gaya" needs none, and English verbs have their subject in front.
        let wentOff = words.contains { ["gaya", "gayi", "gaye"].contains($0) }
        let partyActed = role == .agent || (role == .bare && wentOff)
        if has(where: { if case .give = $0 { true } else { false } }) {
            if role == .source { return .youGot }
            return partyActed ? .youGot : .youGave
        }
        if has(where: { if case .take = $0 { true } else { false } }) {
            if role == .recipient { return .youGave }
            return partyActed ? .youGave : .youGot
        }
        if credit || has(.pending) {
            // "Ramesh 500 udhaar", "Ramesh ka 500 baaki": the party owes; "Ramesh se 500 udhaar": the owner borrowed.
            return role == .source ? .youGot : .youGave
        }
        return nil
    }

    /// "aaj 5000 ki bikri", "sale 5000 cash", "kharcha 300 chai-pani", "sold goods for 5000".
    private func cash(amount: Decimal) -> KhataIntent? {
        let soldWord = words.contains { ["sold", "becha", "beche", "bechi", "bikа"].contains($0) }
        let kind: CashKind? = has(.expense) ? .expense : (has(.sale) || soldWord) ? .sale : nil
        guard let kind else { return nil }
        return .cash(kind, amount: amount, note: note(excluding: nil))
    }

    /// Balances, lists and totals.
    private var question: KhataIntent? {
        let ledgerWord = has(.credit) || has(.owe) || has(.pending) || has(.receivable) || has(.payable)
            || has(where: { if case .balance = $0 { true } else { false } })
            || has(where: { if case .mustGive = $0 { true } else { false } }) || has(.mustTake)
        guard ledgerWord, !has(.invoiceWord) else { return nil }
        // "kaun kaun udhaar le ke baitha hai": who asks about every party, whatever else is written.
        if let party, !has(.everyone), !has(.who) {
            return .balance(party: phrase(party.range), statement: has(.balance(statement: true)))
        }
        if amount != nil { return nil }
        let side = self.side
        let wantsTotal = has(.total) || (has(.question) && !has(.who) && !has(.list))
        if wantsTotal { return .total(side ?? .receivable) }
        if has(.credit), !asksQuestion, runs.isEmpty, !has(.everyone), words.count <= 4 { return .billOnCredit }
        return .parties(side)
    }

    /// Which side a list or total is about: "owes me", "lena", "receivable" / "I owe", "dena", "payable".
    private var side: LedgerSide? {
        if has(.receivable) || has(.mustTake) || has(.mustGive(byParty: true)) { return .receivable }
        if has(.payable) || has(.suppliers) || has(.mustGive(byParty: false)) { return .payable }
        if has(.owe) {
            if let owe = meanings.firstIndex(of: .owe) {
                let after = meanings[(owe + 1)...].first { $0 != .filler }
                if after == .speakerObject { return .receivable }
                if meanings[..<owe].contains(.speaker) { return .payable }
            }
            return has(.who) ? .receivable : .payable
        }
        if has(.credit) || has(.pending) {
            return has(.everyone) && !has(.total) && !has(.question) ? nil : .receivable
        }
        return nil
    }

    /// "aaj" → today, "pichle mahine" → last month, "is saal" → this year, otherwise this month.
    private var period: ProfitPeriod {
        if has(.today) { return .today }
        if has(.year) { return .thisYear }
        if has(.last) { return .lastMonth }
        return .thisMonth
    }
}
