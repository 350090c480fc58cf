import FintrakCore

/// Text → QueryPlan, offline and deterministic: the tenant's own payee and category names, the English and
/// Hinglish words for measures, periods and payment methods, and "today" in the business's time zone.
package struct QuestionParser: Sendable {
    package let today: CalendarDay
    package let vocabulary: Vocabulary

    /// - Parameters:
    ///   - today: the business's date, which "last month" and "this year" count from.
    ///   - vocabulary: the sender's own payees and categories, which names are matched against.
    package init(today: CalendarDay, vocabulary: Vocabulary) {
        self.today = today
        self.vocabulary = vocabulary
    }

    package func understand(_ text: String) -> Understanding {
        var analysis = Analysis(tokens: Tokenizer.tokens(text), today: today, vocabulary: vocabulary)
        return analysis.run()
    }
}

/// One question on its way to a plan: which token plays which part.
private struct Analysis {
    enum Role: Equatable {
        case free, period(Int), payee(Int), category, method, amount
    }

    var tokens: [Token]
    let today: CalendarDay
    let vocabulary: Vocabulary
    var roles: [Role]
    var payeeSpans: [NameFilter] = []
    var categories: [NameFilter] = []
    var unknownCategory: String?
    var methods: [PaymentMethod] = []
    var periods: [PeriodParser.Match] = []
    var amounts: [AmountParser.Match] = []

    init(tokens: [Token], today: CalendarDay, vocabulary: Vocabulary) {
        self.tokens = tokens
        self.today = today
        self.vocabulary = vocabulary
        roles = Array(repeating: .free, count: tokens.count)
    }

    mutating func run() -> Understanding {
        if let date = tokens.first(where: { $0.kind == .unreadableDate }) { return .unreadableDate(date.text) }
        dropDictatedPunctuation()
        joinSplitWords()
        splitRunTogetherWords()
        findNames()
        correctSpelling()
        readPayeeNounsAsNames()
        findAmounts()
        findPeriods()
        findPaymentMethods()
        keepVersusBetweenSides()
        let mentionsOthers = tokens.contains { $0.word == .others || $0.kind == .phone }
        if has(.ledger) || has(.advice) || has(.amountScale) || namesAnUnknownDay || !asksSomething { return .notUnderstood(mentionsOthers: mentionsOthers) }
        guard var plan = plan() else { return .notUnderstood(mentionsOthers: mentionsOthers) }
        plan.mentionsOthers = mentionsOthers
        if let category = unknownCategory {
            return .unknownName(kind: .category, phrase: category, known: vocabulary.categories.map(\.name))
        }
        if let phrase = unknownPayee() {
            return .unknownName(kind: .payee, phrase: phrase, known: vocabulary.payees.map(\.name))
        }
        return .plan(plan)
    }

    // MARK: Words run together, and what a message must have to be a question

    /// "comma", "question mark", "full stop": punctuation that voice typing wrote out as words.
    private mutating func dropDictatedPunctuation() {
        let marks: [[String]] = [["comma"], ["question", "mark"], ["full", "stop"], ["exclamation", "mark"]]
        var i = 0
        while i < tokens.count {
            if let mark = marks.first(where: { i + $0.count <= tokens.count && tokens[i..<(i + $0.count)].map(\.text) == $0 }) {
                tokens.removeSubrange(i..<(i + mark.count))
                roles.removeSubrange(i..<(i + mark.count))
            } else {
                i += 1
            }
        }
    }

    /// "octo ber": a word that voice typing split in two, joined when together they are a word Fintrak knows.
    private mutating func joinSplitWords() {
        var i = 0
        while i + 1 < tokens.count {
            let (first, second) = (tokens[i], tokens[i + 1])
            if first.kind == .word, second.kind == .word, first.word == nil, second.word == nil,
               let word = Lexicon.words[first.text + second.text], word != .filler {
                tokens[i] = Token(text: first.text + second.text, kind: .word, word: word)
                tokens.remove(at: i + 1)
                roles.remove(at: i + 1)
            }
            i += 1
        }
    }

    /// "medicine supplier ko", "Cipla distributor ka bill": a word Fintrak does not know before a noun for a payee
    /// names one payee (answered as a name not in the books), it does not ask for every supplier.
    private mutating func readPayeeNounsAsNames() {
        let pronouns: Set<String> = ["who", "whom", "kisko", "kise", "kisse"]
        for i in tokens.indices.dropLast() where isUnknown(i) && roles[i + 1] == .free && tokens[i + 1].word == .payee
            && !pronouns.contains(tokens[i + 1].text) {
            tokens[i + 1].word = nil
        }
    }

    /// "pichlemahine", "kitnakharcha", "lastmonth": an unknown word that is two known words without the space,
    /// unless it is (a misspelling of) a name in the books or one known word misspelt.
    private mutating func splitRunTogetherWords() {
        guard tokens.contains(where: { $0.kind == .word && $0.word == nil }) else { return }
        tokens = tokens.flatMap { token -> [Token] in
            // One slip from a known word is that word; two known words beat two slips ("ismahine" is not "mahine").
            let slips = Lexicon.corrected(token.text).map { Fuzzy.distance($0, token.text) } ?? .max
            guard token.kind == .word, token.word == nil, slips > 1,
                  !Vocabulary.isCategoryWord(token.text), let (first, second) = Lexicon.runTogether(token.text),
                  vocabulary.payees(matching: [token.text]).isEmpty,
                  vocabulary.categories(matching: token.text, fuzzy: true).isEmpty else { return [token] }
            return [first, second].map { Token(text: $0, kind: .word, word: Lexicon.words[$0]) }
        }
        roles = Array(repeating: .free, count: tokens.count)
    }

    /// A lone "v" is "versus" only between two things compared ("cash v upi", "is mahine v pichle mahine");
    /// elsewhere it is a letter ("OK A3V", a reply code).
    private mutating func keepVersusBetweenSides() {
        for i in tokens.indices where roles[i] == .free && tokens[i].text == "v" {
            if roles[safe: i - 1] ?? .free == .free || roles[safe: i + 1] ?? .free == .free { tokens[i].word = nil }
        }
    }

    /// "since Diwali", "Holi ke baad", "Eid se pehle": a day Fintrak cannot place; any answer would be for other days.
    private var namesAnUnknownDay: Bool {
        let opensPeriod: Set<Word> = [.since, .after, .before]
        let closesPeriod: Set<Word> = [.after, .ago, .tak]
        return tokens.indices.contains { i in
            guard isUnknown(i) else { return false }
            var next = i + 1
            if word(next) == .ka || word(next) == .se { next += 1 }
            // "Diwali se ab tak": from that day until now.
            let untilNow = word(i + 1) == .se && periods.contains { $0.period == nil && $0.tokens.lowerBound == i + 2 }
            return opensPeriod.contains(word(i - 1) ?? .filler) || closesPeriod.contains(word(next) ?? .filler) || untilNow
        }
    }

    /// A question asks something and is mostly words Fintrak knows: "OK KAM" (a reply code) is not "the smallest
    /// bill", "kal milte hai" is not "yesterday's total". Without a word that asks (a measure, "kitna", "bill"), only
    /// names and periods alone make a question ("dmart last month"); unknown words never outnumber known ones.
    /// Unknown words where a name goes ("at blorf") are answered as unknown names instead.
    private var asksSomething: Bool {
        // "kam" or "zyada" alone says how much but not of what ("KAM" is a reply code once "OK" is set aside).
        let degrees: Set<Word> = [.most, .least, .sabse]
        let asked = tokens.indices.filter { roles[$0] == .free && tokens[$0].word?.asks == true }.compactMap { tokens[$0].word }
        if !asked.isEmpty, asked.allSatisfy(degrees.contains), roles.allSatisfy({ $0 == .free }) { return false }
        let named = unknownPayeeSpan(beforeBillWord: false)
        // Digits that count nothing ("OK AJ3") are as unknown as a word.
        let count = countIndex(near: Self.countingWords)
        let unknown = tokens.indices.filter { i in
            isUnknown(i) && named?.contains(i) != true || roles[i] == .free && tokens[i].digits != nil && i != count
        }.count
        guard unknown > 0 else { return true }
        let placed = roles.filter { $0 != .free }.count
        return !asked.isEmpty && unknown < asked.count + placed
    }

    // MARK: Names from the tenant's books

    /// Payees and categories first, so a name made of ordinary words ("More Supermarket") is read as a name.
    private mutating func findNames() {
        var i = 0
        while i < tokens.count {
            if Self.paymentPhrases.contains([tokens[i].text, tokens[safe: i + 1]?.text ?? ""]) {
                // "phone pe" is UPI, not a phone bill.
                roles[i] = .method
                roles[i + 1] = .method
                if !methods.contains(.upi) { methods.append(.upi) }
                i += 2
                continue
            }
            if let (length, names) = payeeSpan(at: i) ?? namedInSlot(at: i) ?? nameInDevanagari(at: i) {
                claimPayee(i..<(i + length), names)
                i += length
                continue
            }
            let token = tokens[i]
            if token.kind == .word, token.word == nil || Vocabulary.isCategoryWord(token.text) {
                let names = vocabulary.categories(matching: token.text)
                if !names.isEmpty {
                    roles[i] = .category
                    categories.append(NameFilter(phrase: token.text, names: names))
                    // The rest of a name of several words: "stock purchase".
                    while let next = tokens[safe: i + 1], vocabulary.categories.contains(where: {
                        names.contains($0.name) && $0.words.contains(next.text)
                    }) {
                        i += 1
                        roles[i] = .category
                    }
                } else if Vocabulary.isCategoryWord(token.text), token.word == nil {
                    unknownCategory = unknownCategory ?? token.text
                    roles[i] = .category
                }
            }
            i += 1
        }
    }

    /// Two to four words that together are (part of) a payee's name, or one unknown word that is.
    private func payeeSpan(at i: Int) -> (Int, [String])? {
        for length in stride(from: min(4, tokens.count - i), through: 1, by: -1) {
            let span = tokens[i..<(i + length)]
            guard span.allSatisfy({ $0.kind == .word }) else { continue }
            let words = span.map(\.text)
            let hasUnknownWord = span.contains { $0.word == nil && !Vocabulary.isCategoryWord($0.text) }
            if length == 1 && (!hasUnknownWord || words[0].count < 3) { continue }
            if !hasUnknownWord && !words.allSatisfy(vocabulary.payeeWords.contains) { continue }
            let names = vocabulary.payees(matching: words, strict: true)
            guard !names.isEmpty else { continue }
            // Ordinary words only count when they are whole words of the name: "more supermarket", never "all time".
            let wholeWords = span.allSatisfy { token in
                vocabulary.payees.contains { $0.words.contains(token.text) && names.contains($0.name) }
            }
            if hasUnknownWord || wholeWords { return (length, names) }
        }
        return nil
    }

    /// An ordinary word that is a whole word of a payee's name, where a name is expected: "at More", "More se".
    private func namedInSlot(at i: Int) -> (Int, [String])? {
        let token = tokens[i]
        guard token.kind == .word, token.text.count >= 3, let word = token.word, word != .filler else { return nil }
        let before: Set<Word> = [.at, .to, .from, .with]
        let after: Set<Word> = [.ko, .se, .ka, .at, .bill]
        guard before.contains(tokens[safe: i - 1]?.word ?? .filler) || after.contains(tokens[safe: i + 1]?.word ?? .filler)
        else { return nil }
        let names = vocabulary.payees.filter { $0.words.contains(token.text) }.map(\.name)
        return names.isEmpty ? nil : (1, names)
    }

    /// One to three words Fintrak does not know, written in Devanagari, that sound like a payee's name: "डीमार्ट".
    private func nameInDevanagari(at i: Int) -> (Int, [String])? {
        for length in stride(from: min(3, tokens.count - i), through: 1, by: -1) {
            let span = tokens[i..<(i + length)]
            guard span.allSatisfy({ $0.kind == .word && $0.word == nil && Transliteration.isDevanagari($0.text) }),
                  span.first!.text.unicodeScalars.count >= 3 else { continue }
            let names = vocabulary.payees(writtenInDevanagari: span.map(\.text))
            if !names.isEmpty { return (length, names) }
        }
        return nil
    }

    private mutating func claimPayee(_ range: Range<Int>, _ names: [String]) {
        let phrase = tokens[range].map(\.text).joined(separator: " ")
        // Adjacent pieces of one name ("reliance digitl") make one filter.
        if let last = payeeSpans.indices.last, range.lowerBound > 0, roles[range.lowerBound - 1] == .payee(last) {
            payeeSpans[last].phrase += " " + phrase
            let common = payeeSpans[last].names.filter(names.contains)
            if !common.isEmpty { payeeSpans[last].names = common }
            for index in range { roles[index] = .payee(last) }
            return
        }
        payeeSpans.append(NameFilter(phrase: phrase, names: names))
        for index in range { roles[index] = .payee(payeeSpans.count - 1) }
    }

    /// Unknown words: first a misspelt word Fintrak knows, then a misspelt payee or category.
    private mutating func correctSpelling() {
        for i in tokens.indices where roles[i] == .free && tokens[i].kind == .word && tokens[i].word == nil {
            let text = tokens[i].text
            // A near miss of a filler word stays unknown: "holi" is a name for a day, not "hoti"; so does one of an
            // amount, which would refuse the question: "Bazaar" is a shop's name, not "hazaar".
            if let word = Lexicon.meaning(of: text), word != .filler, word != .amountScale {
                tokens[i].word = word
            } else if text.count >= 4, case let names = vocabulary.payees(matching: [text]), !names.isEmpty {
                claimPayee(i..<(i + 1), names)
            } else if case let names = vocabulary.categories(matching: text, fuzzy: true), !names.isEmpty {
                roles[i] = .category
                categories.append(NameFilter(phrase: text, names: names))
            }
        }
    }

    // MARK: Periods and payment methods

    /// Before the periods, so that "2000 se kam" is an amount and not the year 2000.
    private mutating func findAmounts() {
        amounts = AmountParser(tokens: visibleTokens).matches()
        for match in amounts {
            for i in match.tokens { roles[i] = .amount }
        }
    }

    private mutating func findPeriods() {
        periods = PeriodParser(tokens: visibleTokens, today: today).matches()
        for (index, match) in periods.enumerated() {
            for i in match.tokens { roles[i] = .period(index) }
        }
    }

    private mutating func findPaymentMethods() {
        for i in tokens.indices where roles[i] == .free {
            var method: PaymentMethod?
            var claimed = [i]
            switch tokens[i].word {
            case .payment(let value): method = value
            case .bank, .transfer: method = .bankTransfer
            case .cardKind where word(i + 1) == .payment(.card): method = .card; claimed.append(i + 1)
            case .net where tokens[safe: i + 1]?.text.hasPrefix("bank") == true: method = .bankTransfer; claimed.append(i + 1)
            default:
                if tokens[i].text == "check", i > 0, [Word.by, .within, .se].contains(tokens[i - 1].word ?? .filler) {
                    method = .cheque
                }
            }
            guard let method else { continue }
            if !methods.contains(method) { methods.append(method) }
            for index in claimed where roles[safe: index] == .free { roles[index] = .method }
        }
    }

    // MARK: The plan

    private func plan() -> QueryPlan? {
        var plan = QueryPlan(measure: .total)
        plan.metric = has(.net) || follows(.before, .tax) ? .net : (has(.tax) && !has(.including) ? .tax : .total)
        plan.wantsSpreadsheet = has(.spreadsheet)
        let datedPeriods = periods.compactMap(\.period)
        let payee = mergedPayees()
        // "sabzi aur ration": two words for the same category are one filter, nothing to compare.
        var categories: [NameFilter] = []
        for category in self.categories where !categories.contains(where: { $0.names == category.names }) {
            categories.append(category)
        }
        // With a payee named, "IRCTC tickets" and "Agarwal se maal" describe the payee, not a category to filter by.
        categories = payee == nil ? categories : categories.filter { category in
            vocabulary.categories.contains { $0.words.contains(Vocabulary.stem(category.phrase)) || $0.words.contains(category.phrase) }
        }
        let filters = Filters(period: datedPeriods.first, payee: payee, category: categories.first, paymentMethod: methods.first,
                              amount: AmountParser.merged(amounts))

        let comparing = has(.compare) || has(.versus)
        if let parts = comparisonParts(base: filters, periods: datedPeriods, categories: categories,
                                       explicit: comparing || has(.or)) {
            plan.measure = .comparison
            plan.filters = filters
            plan.parts = parts
            return plan
        }
        plan.filters = filters
        if let measure = measure(comparing: comparing) {
            plan.measure = measure
            if case .comparison = measure {    // "compare my spending": this period against the one before
                let period = filters.period ?? PeriodParser(tokens: [], today: today).current(.month)
                plan.parts = [ComparisonPart(label: period.label, filters: replacing(filters, period: period)),
                              ComparisonPart(label: period.previous.label, filters: replacing(filters, period: period.previous))]
            }
            return plan
        }
        return nil
    }

    private func replacing(_ filters: Filters, period: Period) -> Filters {
        var copy = filters
        copy.period = period
        return copy
    }

    /// Several payees without "vs" or "or" are one filter: "how much at DMart and More".
    private func mergedPayees() -> NameFilter? {
        guard let first = payeeSpans.first else { return nil }
        if payeeSpans.count == 1 || has(.compare) || has(.versus) || has(.or) { return first }
        var names: [String] = []
        for span in payeeSpans { names += span.names.filter { !names.contains($0) } }
        return NameFilter(phrase: payeeSpans.map(\.phrase).joined(separator: ", "), names: names)
    }

    /// Two periods, payment methods or categories (or payees, with "vs") are compared side by side.
    private func comparisonParts(base: Filters, periods: [Period], categories: [NameFilter], explicit: Bool) -> [ComparisonPart]? {
        if periods.count > 1 {
            return periods.map { ComparisonPart(label: $0.label, filters: replacing(base, period: $0)) }
        }
        if methods.count > 1 {
            return methods.map { method in
                var filters = base
                filters.paymentMethod = method
                return ComparisonPart(label: method.displayName, filters: filters)
            }
        }
        if categories.count > 1 {
            return categories.map { category in
                var filters = base
                filters.category = category
                return ComparisonPart(label: category.names.joined(separator: ", "), filters: filters)
            }
        }
        if explicit, payeeSpans.count > 1 {
            return payeeSpans.map { payee in
                var filters = base
                filters.payee = payee
                return ComparisonPart(label: payee.names.joined(separator: ", "), filters: filters)
            }
        }
        return nil
    }

    private func measure(comparing: Bool) -> Measure? {
        let billNoun = has(.bill)
        let dimension = self.dimension()
        let up = has(.largest) || has(.most) || has(.top)
        let down = has(.smallest) || has(.least)

        if up || down {
            let n = countNear([.top, .largest, .smallest, .most, .least, .sabse])
            // "which vendors did I pay the most": several, without saying how many.
            let plural = has(.top) || free.contains { $0.word == .payee && $0.text.hasSuffix("s") && $0.text != "whos" }
            if let dimension, up { return .top(n ?? (plural ? 5 : 1), dimension) }
            if let dimension { return .breakdown(dimension) }
            let billLike = billNoun || free.contains { Self.billLikeSpend.contains($0.text) }
            if has(.top), !billLike { return .top(n ?? 5, .payee) }
            if has(.most), !has(.largest), !billLike { return .top(n ?? 1, .payee) }
            return up ? .largest(n ?? 1) : .smallest(n ?? 1)
        }
        if let dimension = breakdownDimension(dimension) {
            if has(.average), dimension.isTime { return .averagePer(dimension) }
            return .breakdown(dimension)
        }
        if comparing { return .comparison }
        if has(.median) { return .median }
        if has(.average) { return .average }
        if asksCount { return .count }
        if has(.latest) || (has(.last) && billNoun) {
            let n = countNear([.latest, .last])
            let plural = free.contains { $0.word == .bill && $0.text.hasSuffix("s") }
            return .latest(n ?? (plural ? 5 : 1))
        }
        let asksAmount = has(.total) || has(.kitna) || has(.kitne) || has(.much)
        if has(.list) || has(.spreadsheet) || billNoun && !asksAmount && (has(.show) || has(.all)) || follows(.which, .bill) {
            return .list
        }
        let filtered = !periods.isEmpty || !payeeSpans.isEmpty || !categories.isEmpty || !methods.isEmpty || !amounts.isEmpty
            || unknownCategory != nil || unknownPayee(beforeBillWord: false) != nil
        // A bare "kitna?" or "how much" says nothing about what: better asked back than guessed.
        if has(.spend) || has(.total) || has(.tax) || filtered || billNoun && asksAmount {
            if asksAmount || has(.spend) { return .total }
            // "GST on bills above 10000" asks for the tax's total; "DMart bills last month", for the bills.
            return billNoun && filtered && !has(.tax) ? .list : .total
        }
        return nil
    }

    /// "kitne bill", "how many", "number of bills", "kitni baar".
    private var asksCount: Bool {
        if has(.count) || follows(.how, .many) || follows(.number, .of) || (has(.number) && has(.bill)) { return true }
        if has(.times), has(.kitna) || has(.kitne) || has(.many) { return true }
        // "kitne bill", "kitne payments"; after the noun too, "bills kitne hain" (but "bill kitne ka tha" asks its amount)
        return tokens.indices.contains { i in
            roles[i] == .free && tokens[i].word == .kitne
                && tokens[safe: i + 1].map { $0.word == .bill || Self.billLikeSpend.contains($0.text) } == true
        } || follows(.kitne, .bill) || follows(.bill, .kitne) && !follows(.kitne, .ka)
    }

    /// The grouping a question asks for by name: "vendor", "category", "payment mode", "which day", "kab".
    private func dimension() -> Grouping? {
        for (position, token) in tokens.enumerated() where roles[position] == .free {
            switch token.word {
            case .payee, .whereWord: return .payee
            // "food category": the word that says what kind of name came before, not a grouping.
            case .category where roles[safe: position - 1] != .category: return .category
            case .method: return .paymentMethod
            case .date, .when: return .day
            case .every(.day), .unit(.day): return .day
            case .every(.week), .unit(.week): return .week
            case .every(.month), .unit(.month): return .month
            default: continue
            }
        }
        return nil
    }

    /// A breakdown is asked for: "by category", "vendor wise", "month by month", "monthly", "trend", "who did I pay".
    private func breakdownDimension(_ dimension: Grouping?) -> Grouping? {
        let grouped = has(.breakdown) || has(.wise) || has(.per) || has(.by) || has(.trend)
            || free.contains { if case .every = $0.word { true } else { false } }
        if let dimension {
            if grouped { return dimension }
            // "which vendors", "list every payee", "kis dukaan pe kitna", "who did I pay"
            if !dimension.isTime, has(.which) || has(.list) || has(.show) || has(.all) || has(.spend) || has(.kitna)
                || has(.much) {
                return dimension
            }
            return nil
        }
        if has(.trend) { return .month }
        if has(.breakdown) { return .category }
        return nil
    }

    /// The N of "top 3", "5 biggest", "sabse bade teen", "which 3 payees": a number next to one of `words`,
    /// or just before a noun for what is counted.
    private func countNear(_ words: Set<Word>) -> Int? {
        countIndex(near: words).flatMap { tokens[$0].number }
    }

    /// Where the N of `countNear` is written.
    private func countIndex(near words: Set<Word>) -> Int? {
        for (i, token) in tokens.enumerated() where roles[i] == .free && words.contains(token.word ?? .filler) {
            for j in [i + 1, i - 1, i + 2, i - 2] where roles[safe: j] == .free {
                if let n = tokens[j].number, (1...100).contains(n) { return j }
            }
        }
        let counted: Set<Word> = [.payee, .category, .bill, .unit(.day), .unit(.month), .unit(.week)]
        for i in tokens.indices.dropFirst() where roles[i] == .free && roles[i - 1] == .free
            && counted.contains(tokens[i].word ?? .filler) {
            if let n = tokens[i - 1].number, (1...100).contains(n) { return i - 1 }
        }
        return nil
    }

    /// Every word that can count what a question asks for: "top 3", "5 biggest", "last 5 bills".
    static let countingWords: Set<Word> = [.top, .largest, .smallest, .most, .least, .sabse, .latest, .last]

    /// Words the parser could not place, next to a word that introduces a name: "at X", "X ko", "X se", "X bills".
    /// "X bills" alone does not make a question ("DROP TABLE invoices" is none).
    private func unknownPayee(beforeBillWord: Bool = true) -> String? {
        unknownPayeeSpan(beforeBillWord: beforeBillWord).map { tokens[$0].map(\.text).joined(separator: " ") }
    }

    private func unknownPayeeSpan(beforeBillWord: Bool = true) -> ClosedRange<Int>? {
        let before: Set<Word> = [.at, .to, .from, .on, .with, .of]
        let after: Set<Word> = beforeBillWord ? [.ko, .se, .ka, .at, .bill] : [.ko, .se, .ka, .at]
        var i = 0
        while i < tokens.count {
            guard isUnknown(i) else { i += 1; continue }
            var end = i
            while end + 1 < tokens.count, isUnknown(end + 1) { end += 1 }
            let previous = i > 0 ? tokens[i - 1].word : nil
            let next = end + 1 < tokens.count ? tokens[end + 1].word : nil
            if before.contains(previous ?? .filler) || after.contains(next ?? .filler) { return i...end }
            i = end + 1
        }
        return nil
    }

    private func isUnknown(_ i: Int) -> Bool {
        roles[i] == .free && tokens[i].kind == .word && tokens[i].word == nil && !tokens[i].text.isEmpty
    }

    // MARK: Word helpers

    static let paymentPhrases: Set<[String]> = [["google", "pay"], ["phone", "pe"], ["phone", "pay"], ["amazon", "pay"]]

    /// "expenses", "purchases" and "payments" count bills, like "bills", after "top 5" or "list".
    static let billLikeSpend: Set<String> = ["expense", "expenses", "purchases", "payment", "payments"]

    private var free: [Token] { tokens.indices.filter { roles[$0] == .free }.map { tokens[$0] } }

    private func word(_ i: Int) -> Word? { tokens[safe: i]?.word }

    /// Names and amounts hide their words from the patterns that run after them: "Today's Fashion" is a shop, not a day.
    private var visibleTokens: [Token] {
        tokens.indices.map { roles[$0] == .free ? tokens[$0] : Token(text: "", kind: .word) }
    }

    private func has(_ word: Word) -> Bool {
        tokens.indices.contains { roles[$0] == .free && tokens[$0].word == word }
    }

    /// `second` comes right after `first`, filler words and "all" aside.
    private func follows(_ first: Word, _ second: Word) -> Bool {
        for i in tokens.indices where roles[i] == .free && tokens[i].word == first {
            var j = i + 1
            while j < tokens.count, tokens[j].word == .filler || tokens[j].word == .all { j += 1 }
            if j < tokens.count, tokens[j].word == second { return true }
        }
        return false
    }
}

extension PaymentMethod {
    /// "UPI", "bank transfer": as replies name it.
    package var displayName: String {
        switch self {
        case .upi: "UPI"
        case .cash: "cash"
        case .card: "card"
        case .bankTransfer: "bank transfer"
        case .cheque: "cheque"
        }
    }
}
