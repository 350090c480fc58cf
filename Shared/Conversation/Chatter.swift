/// Small talk: a greeting, thanks or an acknowledgement ("ok 👍", "theek hai", "shukriya", "नमस्ते"). A message made
/// only of it gets a short polite reply; at the start or end of a longer message ("ok Ramesh 500 udhaar",
/// "thanks, how much GST last month?") it is set aside and the rest is read as what it is. A lexicon of what people
/// write, not a list of messages.
package enum Chatter: Equatable, Sendable {
    case greeting
    case thanks
    case acknowledgement

    /// Where a word of small talk may be set aside from a longer message.
    enum Place: Comparable {
        /// Only in a message that is all small talk: adjectives and the like ("good", "super", "morning", "a lot"),
        /// which also start or end payee names and questions ("Super Bazaar", "spent this morning").
        case alone
        /// Also at the start ("ok Ramesh 500 udhaar"): interjections, which end no sentence of the books.
        case start
        /// Also at the start or the end ("…, thank you ji"): greetings, thanks, pictograms, honorifics.
        case anywhere
    }

    /// What a word says in small talk (nil: a filler that only softens it: "thank *you*", "theek *hai*") and where.
    struct Word {
        var says: Chatter?
        var place: Place
    }

    /// The lexicon: English, Hinglish and Devanagari, with the common spellings.
    static let lexicon: [String: Word] = {
        var words: [String: Word] = [:]
        func add(_ list: [String], _ says: Chatter?, _ place: Place) {
            for word in list { words[word] = Word(says: says, place: place) }
        }
        add(["hi", "hii", "hiii", "helo", "hello", "hey", "heyy", "namaste", "namaskar", "namastey", "pranam", "salaam",
             "salam", "gm", "नमस्ते", "नमस्कार", "प्रणाम", "👋"], .greeting, .anywhere)
        add(["morning", "evening", "afternoon"], .greeting, .alone)
        add(["thanks", "thank", "thanku", "thankyou", "thx", "thnx", "thnks", "tnx", "ty", "tq", "shukriya", "shukria",
             "dhanyavaad", "dhanyavad", "dhanyawad", "dhanyawaad", "धन्यवाद", "शुक्रिया", "थैंक्स", "थैंक", "🙏"], .thanks, .anywhere)
        add(["ok", "okay", "okk", "okkk", "oke", "okie", "k", "kk", "alright", "sure", "noted", "yes", "yup", "haan", "han",
             "ha", "hmm", "theek", "thik", "achha", "acha", "accha", "achchha", "ओके", "ठीक", "अच्छा", "हाँ", "हां"],
            .acknowledgement, .start)
        add(["fine", "done", "good", "great", "nice", "cool", "super", "perfect", "badhiya", "बढ़िया"], .acknowledgement, .alone)
        add(["you", "u", "ji", "jee", "hai", "h", "sir", "madam", "bhai", "bhaiya", "boss", "dear", "है", "जी", "यू"], nil, .anywhere)
        add(["very", "much", "so", "a", "lot", "all", "there", "bahut", "bohot", "sab", "बहुत"], nil, .alone)
        return words
    }()

    /// The small talk `text` is entirely, or nil when it says anything else.
    package init?(_ text: String?) {
        guard let text, let read = Self.read(text), read.rest.isEmpty else { return nil }
        self = read.chatter
    }

    /// `text` with the small talk at its start and end set aside: what that said, and the rest as written (capitals
    /// kept: the khata tells names by them). Nil when there is none. Fillers alone are none ("Ramesh ka 300 baaki hai").
    package static func read(_ text: String) -> (chatter: Chatter, rest: String)? {
        // Small talk is short, and so is what it may start or end.
        guard text.utf8.count <= 2_000 else { return nil }
        let tokens = text.split(whereSeparator: \.isWhitespace)
        let words = tokens.map(word)
        if words.allSatisfy({ $0 != nil }), let chatter = strongest(words.compactMap { $0?.says }) {
            return (chatter, "")
        }
        let leading = run(words, from: .start)
        let trailing = run(words[leading.count...].reversed(), from: .anywhere)
        guard let chatter = strongest(leading.says + trailing.says) else { return nil }
        let rest = text[tokens[leading.count].startIndex..<tokens[tokens.count - 1 - trailing.count].endIndex]
        return (chatter, String(rest))
    }

    /// The run of small talk that `words` starts with, of words that may be set aside at `place`, when it says
    /// something (fillers alone are not set aside).
    private static func run(_ words: some Sequence<Word?>, from place: Place) -> (count: Int, says: [Chatter]) {
        let run = words.prefix { $0.map { $0.place >= place } ?? false }.compactMap { $0 }
        let says = run.compactMap(\.says)
        return says.isEmpty ? (0, []) : (run.count, says)
    }

    /// A greeting is answered with the menu whatever else came with it; thanks before a plain "ok".
    private static func strongest(_ says: [Chatter]) -> Chatter? {
        says.contains(.greeting) ? .greeting : says.contains(.thanks) ? .thanks : says.first
    }

    /// What one written word is in small talk, or nil when it is not small talk.
    private static func word(_ token: Substring) -> Word? {
        guard let word = MessageWords.words(String(token)).first else {
            return Word(says: nil, place: .anywhere)  // punctuation alone
        }
        if let known = lexicon[word] { return known }
        guard word.allSatisfy(isEmoji) else { return nil }
        // A pictogram answers like a nod ("👍", "😊"); the ones with a meaning of their own are in the lexicon.
        let says = word.unicodeScalars.lazy.compactMap { lexicon[String($0)]?.says }.first ?? .acknowledgement
        return Word(says: says, place: .anywhere)
    }

    /// A pictogram (with its skin tone, variation selector or joiner), not a digit or letter that Unicode also
    /// lists as emoji.
    private static func isEmoji(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        return first.properties.isEmojiPresentation || (first.properties.isEmoji && first.value > 0xFF)
    }

    /// The reply to a message that is only small talk. After a bill was confirmed (the conversation still holds
    /// it), an "ok" is about that bill.
    package func reply(afterBill: Bool) -> String {
        switch (self, afterBill) {
        case (.greeting, _): MenuCommand.menu
        case (.thanks, true): "You're welcome! 🙏 Send the next bill whenever you like."
        case (.thanks, false): "You're welcome! 🙏 Message me any time."
        case (.acknowledgement, true): "👍 The bill is saved. Send the next one whenever you like, or \"undo\" to take it back."
        case (.acknowledgement, false):
            "👍 Send me a bill, ask a question or write a khata line whenever you like. Type \"hi\" for the menu."
        }
    }
}
