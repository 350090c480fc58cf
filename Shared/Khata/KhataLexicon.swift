import FintrakCore
import QuestionUnderstanding

/// What a word of a khata line does in the sentence, whatever language or spelling it came in.
public enum KhataWord: Hashable, Sendable {
    /// Hinglish postpositions after a name: "Ramesh ko" (to), "Ramesh ne" (by), "Ramesh se" (from), "Ramesh ka" (of).
    case ko, ne, se, possessive
    /// English prepositions before a name.
    case to, from, by, of
    /// Before what an amount was for: "300 for milk", "kharcha on tea".
    case forWhat
    /// Handing something over ("diya", "paid", "lauta", "sold") and taking it ("liya", "borrowed", "bought").
    /// `english` verbs take their subject before them ("Ramesh paid 500"); Hinglish ones without "ne" are
    /// the speaker's ("Ramesh ko 500 diye": I gave).
    case give(english: Bool), take(english: Bool)
    /// Something arrived: "mila", "aaye", "received", "got". The receiver is the speaker unless "ko" says otherwise.
    case receive
    /// "udhaar", "credit", "loan".
    case credit
    /// "jama": paid into the party's account.
    case deposit
    /// "naam": written against the party's name (they owe it).
    case debit
    /// "owe", "owes", "owed".
    case owe
    /// Obligations: "dene hain" (to be given), "lene hain" (to be taken); `byParty` for "dega" (they will give).
    case mustGive(byParty: Bool), mustTake
    /// "baaki", "due", "pending", "outstanding".
    case pending
    /// "hisaab", "balance", "khata", "statement": a balance is asked for; `statement` wants the PDF too.
    case balance(statement: Bool)
    /// Question words: "how", "kitna", "what", "who", "kaun".
    case question
    /// "who", "kaun", "kisne", "kisko": a list of parties is asked for.
    case who
    /// "list", "show", "bhejo": a list, not a total.
    case list
    /// The speaker: "I", "maine", "hum" (subject); "me", "mujhe" (object).
    case speaker, speakerObject
    /// "sab", "all", "everyone", "log".
    case everyone
    /// "total", "kul", "overall", "in all".
    case total
    /// Receivables and payables named outright.
    case receivable, payable
    /// Cash book: a sale, an expense; and the month's profit.
    case sale, expense, profit
    case limit
    case undo
    case rename, merge, same, isWord
    /// Time words for the profit: "aaj", "is mahine", "pichle mahine", "is saal".
    case today, this, last, month, year
    /// Suppliers named as a group: the payable side when a line is about the khata at all.
    case suppliers
    /// Words of invoice questions ("bills", "GST", "spend"): a question with them is the invoice side's.
    case invoiceWord
    /// Units of quantity ("2 kilo"): the number before them is not money.
    case quantity
    /// Words that carry no meaning here ("hai", "the", "please", "money").
    case filler
}

/// The words khata lines are made of, in English and Hinglish with their usual spellings.
public enum KhataLexicon {
    static let entries: [(KhataWord, String)] = [
        (.ko, "ko kho"),
        (.ne, "ne"),
        (.se, "se sey say"),
        (.possessive, "ka ki ke kaa kee kay 's"),
        (.to, "to towards"),
        (.from, "from frm"),
        (.by, "by"),
        (.of, "of"),
        (.forWhat, "for"),
        (.give(english: false), """
            diya diye di dia diyaa diyе de dedo dediya dediye dedia dedi do dijiye bheja bheje bheji bhej bhejа \
            bhejdiye bhejdiya lauta lautaye lautaya lautai lotaye lotaya lautadiye lautadiya wapas vapas waapas \
            chukaya chukaye chukai chuka chukta becha beche bechi diyea
            """),
        (.give(english: true), """
            gave give gives given giving paid pay pays paying payed sent send sends lent lend lends loaned \
            returned return returns repaid repay repays transferred transfer sold sell sells settled cleared payment \
            advanced
            """),
        (.take(english: false), "liya liye li le lelo leliya leliye lia uthaya uthaye kharida kharide kharidi"),
        (.take(english: true), "took take takes taken borrowed borrow borrows bought buy buys purchased purchase"),
        (.receive, """
            mila mile mili mil aaya aaye aayi aaya aya aye aai aayе prapt received receive receives recieved \
            recived recd rcvd got get gets collected collect collects vasool vasul wasool wasul
            """),
        (.credit, "udhaar udhar udhaari udhari udaar udhaaar udhr udhaar credit loan karz karza karja qarz"),
        (.deposit, "jama jamaa kaat kaato kaatdo minus"),
        (.debit, "naam likh likho likhdo likhna add chadha chadhao chadhado daal daalo daaldo"),
        (.owe, "owe owes owed owing"),
        (.mustGive(byParty: false), "dene dena deni dunga dungi"),
        (.mustGive(byParty: true), "dega degi denge dengi"),
        (.mustTake, "lene lena leni lunga lungi"),
        (.pending, "baaki baki baqi bakaya bakaaya due dues pending outstanding remaining"),
        (.balance(statement: false), "balance bal"),
        (.balance(statement: true), """
            hisaab hisab hisaab hissab hisaabh khata khaata khaate khate statement statment stmt ledger account pdf \
            entries details
            """),
        (.question, "how much what kitna kitne kitni kya batao bata check tell bolo whats"),
        (.list, "list show dikhao send bhejo"),
        (.who, "who whom kaun kon kisne kisko kis kiska kiske kise kisse kinse kinko kin"),
        (.speaker, "i maine mai main hum humne ham hamne"),
        (.speakerObject, "me mujhe mujhko humein hume hamein us"),
        (.everyone, "sab sabka sabki sabke sabhi all everyone everybody log logo logon people customers customer grahak everybodys"),
        (.total, "total kul overall sum"),
        (.receivable, "receivable receivables debtors collect collection"),
        (.payable, "payable payables creditors"),
        (.suppliers, "suppliers supplier vendors vendor wholesaler wholesalers"),
        (.sale, "bikri bikree bikari sale sales galla"),
        (.expense, "kharcha kharch kharche kharchaa kharchey expense expenses spent"),
        (.profit, "munafa munaafa munafaa munafe profit profits fayda faayda faida kamaya kamaaya earning earnings"),
        (.limit, "limit seema hadd"),
        (.undo, "undo revert reverse cancel galti galat mistake hatao hata delete remove"),
        (.rename, "rename"),
        (.merge, "merge"),
        (.same, "same ek"),
        (.isWord, "is = equals"),
        (.today, "aaj today aj"),
        (.this, "this iss current"),
        (.last, "last pichle pichla pichli previous"),
        (.month, "month mahine mahina mahiney"),
        (.year, "year saal sal"),
        (.invoiceWord, "bill bills invoice invoices spend spending gst tax payee payees receipt receipts purchases"),
        (.quantity, "kg kilo kilos litre liter litres liters ltr packet packets pcs pieces piece dozen bori bag bags box boxes"),
        (.filler, """
            hai hain he h tha thi the hua hui hue a an my mera mere meri apna apne apni please pls plz kar karo kiya \
            kiye kia kardo karna in on at mein par pe abhi now just bhi also and aur money paise paisa paisey \
            amount cash upi online gpay phonepe paytm rs has have had does did will be been wala wali wale \
            worth maal saman samaan goods items hi toh to_ are was were am your you yours aapka jo that it its am \
            ya or gaya gaye gayi yesterday kal so into with as back via through using
            """),
    ]

    /// Every spelling and its meaning (the first meaning listed wins).
    public static let words: [String: KhataWord] = {
        var table: [String: KhataWord] = [:]
        for (word, spellings) in entries {
            for spelling in spellings.split(whereSeparator: \.isWhitespace) {
                if table[String(spelling)] == nil { table[String(spelling)] = word }
            }
        }
        return table
    }()

    /// Meaning of a word, or of the one known word of five letters or more it is one edit away from (same first
    /// letter): "recieved", "udhhar", "hisabh". Short words and names stay as they are.
    public static func meaning(of word: String, correcting: Bool = true) -> KhataWord? {
        if let known = words[word] { return known }
        guard correcting, word.count >= 5, word.allSatisfy(\.isLetter), let first = word.first else { return nil }
        var found: KhataWord?
        for (spelling, meaning) in words where spelling.first == first && spelling.count >= 5
            && abs(spelling.count - word.count) <= 1 && Fuzzy.distance(spelling, word, limit: 1) <= 1 {
            if let earlier = found, earlier != meaning { return nil }
            found = meaning
        }
        return found
    }
}
