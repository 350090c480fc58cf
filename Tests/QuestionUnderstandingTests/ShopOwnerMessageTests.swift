import Conversation
import FintrakCore
@testable import Khata
import QuestionSamples
import QuestionUnderstanding
import Reminders
import Testing

/// Messages as different shop owners type them on WhatsApp (a kirana owner's fast Hinglish, a CA's assistant's formal
/// English, a pharmacist, a restaurant, voice typing with split words and numbers in words, Devanagari and mixed
/// script, Marathi, Gujarati and Punjabi turns of phrase, khata lines of many shapes, small talk and things that are no
/// question), each with its expected meaning written before it was first run; none comes from another table.
/// Read in the order query-generator reads a message: reminder lines, small talk, khata lines, the menu, then
/// questions about bills. Today is Saturday 21 November 2026 (`sampleToday`).
@Suite struct ShopOwnerMessageTests {
    static let table: [(text: String, expected: String)] = [
        ("dmart me kitna kharcha hua is mahine", "total 2026-11-01..2026-11-30 payee=DMart"),
        ("pichle mahine dmart ka bill kitna tha", "total 2026-10-01..2026-10-31 payee=DMart"),
        ("sharma tradrs ko kitna diya oct me", "total 2026-10-01..2026-10-31 payee=Sharma Traders"),
        ("agarwal wholesale se kitne ka maal liya is saal", "total 2026-01-01..2026-12-31 payee=Agarwal Wholesale Mart"),
        ("kitne ka maal liya last month", "total 2026-10-01..2026-10-31 category=stock purchase"),
        ("petrol ka kharcha is month", "total 2026-11-01..2026-11-30 category=fuel"),
        ("diesal kitna dala pichle hafte", "total 2026-11-09..2026-11-15 category=fuel"),
        ("bijli bill kitna aya oct", "total 2026-10-01..2026-10-31 category=electricity"),
        ("light ka bill sept ka", "list 2026-09-01..2026-09-30 category=electricity"),  // Re-judged after the first run: the bill itself, with its amount, answers it.
        ("kiraya kitna diya is saal", "total 2026-01-01..2026-12-31 category=rent"),
        ("wifi ka bil kitna h is mahine", "total 2026-11-01..2026-11-30 category=internet"),
        ("swigy pe kitna udaya is mahine", "total 2026-11-01..2026-11-30 payee=Swiggy"),
        ("kal ka total kitna", "total 2026-11-20..2026-11-20"),
        ("parso kitne bill aaye", "count 2026-11-19..2026-11-19"),
        ("aaj kitne bill aaye", "count 2026-11-21..2026-11-21"),
        ("is hafte ka kharcha", "total 2026-11-16..2026-11-21"),
        ("pichhle hafte ka total batao", "total 2026-11-09..2026-11-15"),
        ("pichle 2 hafte ka kharcha", "total 2026-11-08..2026-11-21"),
        ("last qtr ka gst", "total tax 2026-07-01..2026-09-30"),
        ("is quarter me gst kitna bhara", "total tax 2026-10-01..2026-12-31"),
        ("gst kitna laga pichle mahine", "total tax 2026-10-01..2026-10-31"),
        ("sabse bada bill konsa tha is mahine", "largest 1 2026-11-01..2026-11-30"),
        ("sabse chota bil oct", "smallest 1 2026-10-01..2026-10-31"),
        ("top 5 party jinko sabse zyada paisa gaya is saal", "top 5 payee 2026-01-01..2026-12-31"),
        ("kis dukan pe sabse jyada kharcha hua is saal", "top 1 payee 2026-01-01..2026-12-31"),
        ("category wise kharcha pichle mahine", "breakdown category 2026-10-01..2026-10-31"),
        ("mahine wise kharcha is saal", "breakdown month 2026-01-01..2026-12-31"),
        ("oct vs nov kharcha", "compare [2026-10-01..2026-10-31 | 2026-11-01..2026-11-30]"),
        ("dmart aur more supermarket me kisme zyada gaya", "top 1 payee payee=DMart+More Supermarket"),  // Re-judged after the first run: "which of the two got more" is the top one of the two.
        ("upi se kitna pay kiya is mahine", "total 2026-11-01..2026-11-30 method=upi"),
        ("cash me kitna diya oct me", "total 2026-10-01..2026-10-31 method=cash"),
        ("card vs upi pichle mahine", "compare [2026-10-01..2026-10-31 method=card | 2026-10-01..2026-10-31 method=upi]"),
        ("dmart ke saare bill bhejo", "list payee=DMart"),
        ("is mahine ke sab bills ki list excel me", "list 2026-11-01..2026-11-30 +xlsx"),
        ("average bill kitna hai is saal", "average 2026-01-01..2026-12-31"),
        ("roz ka average kharcha is mahine", "average per day 2026-11-01..2026-11-30"),
        ("pichle 3 din ka kharcha", "total 2026-11-19..2026-11-21"),
        ("last 10 days kitna kharch", "total 2026-11-12..2026-11-21"),
        ("Kindly provide the total GST paid for the quarter ended 30th September 2026.", "total tax 2026-07-01..2026-09-30"),
        ("Please share the total input tax for FY 2025-26.", "total tax 2025-04-01..2026-03-31"),
        ("What was the aggregate expenditure on electricity between 1 April and 30 September?", "total 2026-04-01..2026-09-30 category=electricity"),
        ("Please send a list of all invoices from Sharma Traders for the current financial year.", "list 2026-04-01..2027-03-31 payee=Sharma Traders"),
        ("How many invoices were recorded in October 2026?", "count 2026-10-01..2026-10-31"),
        ("Could you provide a category-wise breakdown of expenses for H1 of this financial year?", "breakdown category 2026-04-01..2026-09-30"),
        ("Requesting the total tax amount on purchases from Agarwal Wholesale Mart in Q2.", "total tax 2026-07-01..2026-09-30 payee=Agarwal Wholesale Mart"),
        ("What is the median invoice value for the last six months?", "median 2026-05-22..2026-11-21"),
        ("Please list the five largest invoices of the previous month.", "largest 5 2026-10-01..2026-10-31"),
        ("Total expenditure through cheque payments this fiscal year.", "total 2026-04-01..2027-03-31 method=cheque"),
        ("Compare fuel expenses for September and October.", "compare [2026-09-01..2026-09-30 category=fuel | 2026-10-01..2026-10-31 category=fuel]"),
        ("Amount paid via bank transfer to Gupta Estates in 2026.", "total 2026-01-01..2026-12-31 payee=Gupta Estates method=bank_transfer"),
        ("medicine supplier ko kitna payment kiya is month", "unknown payee medicine supplier"),
        ("Cipla distributor ka bill kitna tha last month", "unknown payee cipla distributor"),
        ("stock purchase kitna hua sept me", "total 2026-09-01..2026-09-30 category=stock purchase"),
        ("swiggy commission kitna kata is mahine", "total 2026-11-01..2026-11-30 payee=Swiggy"),
        ("haldiram se namkeen kitne ka mangaya oct me", "total 2026-10-01..2026-10-31 payee=Haldiram's"),
        ("sabzi aur ration ka kharcha is hafte", "total 2026-11-16..2026-11-21 category=groceries"),
        ("food category me kitna gaya last month", "total 2026-10-01..2026-10-31 category=food"),
        ("how much did we spend on groceries vs food this month", "compare [2026-11-01..2026-11-30 category=groceries | 2026-11-01..2026-11-30 category=food]"),
        ("how much did I spend at d mart last month", "total 2026-10-01..2026-10-31 payee=DMart"),
        ("teen hazaar se upar ke bill dikhao", "list amount>3000"),  // Written as "not understood" before amount filters (qblind2).
        ("reliance digital pe pichle mahine kitna kharch kiya", "total 2026-10-01..2026-10-31 payee=Reliance Digital"),
        ("how many bills from indian oil in the last month", "count 2026-10-01..2026-10-31 payee=Indian Oil"),
        ("what is the total for octo ber", "total 2026-10-01..2026-10-31"),
        ("Bharat petroleum ka total november", "total 2026-11-01..2026-11-30 payee=Bharat Petroleum"),
        ("make my trip pe kitna kharcha hua is saal", "total 2026-01-01..2026-12-31 payee=MakeMyTrip"),
        ("jio fibre ka bill last month", "list 2026-10-01..2026-10-31 payee=Jio Fiber"),  // Re-judged after the first run: the bill itself, with its amount, answers it.
        ("airtel ka bil kitna aaya sitambar mein", "total 2026-09-01..2026-09-30 payee=Airtel Postpaid"),
        ("irctc pe kitna kharcha hua pichle saal", "total 2025-01-01..2025-12-31 payee=IRCTC"),
        ("पिछले महीने कितना खर्चा हुआ", "total 2026-10-01..2026-10-31"),
        ("इस महीने का जीएसटी कितना है", "total tax 2026-11-01..2026-11-30"),
        ("अक्टूबर में कितने बिल आए", "count 2026-10-01..2026-10-31"),
        ("kitna kharcha hua नवंबर में", "total 2026-11-01..2026-11-30"),
        ("इस महीने सबसे बड़ा बिल कौन सा था", "largest 1 2026-11-01..2026-11-30"),
        ("पिछले हफ्ते का खर्चा", "total 2026-11-09..2026-11-15"),
        ("ya mahinyat kiti kharch zala", "total 2026-11-01..2026-11-30"),
        ("magchya mahinyacha GST kiti", "total tax 2026-10-01..2026-10-31"),
        ("aa mahine ketlo kharcho thayo", "total 2026-11-01..2026-11-30"),
        ("gaya mahine dmart ma ketla rupiya gaya", "total 2026-10-01..2026-10-31 payee=DMart"),
        ("pichle mahine kinna kharcha hoya", "total 2026-10-01..2026-10-31"),
        ("ess mahine da gst kinna", "total tax 2026-11-01..2026-11-30"),
        ("Ramesh ko 500 diye", "khata gave 500 Ramesh"),
        ("500 Ramesh se liye", "khata got 500 Ramesh"),
        ("Suresh bhai ka hisaab", "khata statement Suresh"),
        ("Ramesh ka kitna baaki hai", "khata balance Ramesh"),
        ("ramesh ne 2 hazar wapas kiye", "khata got 2000 Ramesh"),
        ("Mohan ko dedh sau udhaar", "khata gave 150 Mohan"),
        ("Pappu 1.5k udhar le gaya", "khata gave 1500 Pappu"),
        ("kaun kaun udhaar le ke baitha hai", "khata parties receivable"),
        ("mujhe kisko paise dene hai", "khata parties payable"),
        ("Gupta ji ka khata dikhao", "khata statement Gupta"),
        ("Raju se 700 aaye", "khata got 700 Raju"),
        ("paid 1200 to Ravi Electricals", "khata gave 1200 Ravi Electricals"),
        ("Ramesh ka 500 jama karo", "khata got 500 Ramesh"),
        ("Kishore ne paanch sau diye", "khata got 500 Kishore"),
        ("galti ho gayi undo kar do", "khata undo"),
        ("Ramesh ko yaad dila do", "remind Ramesh"),
        ("hello bhai", "chatter greeting"),
        ("gm", "chatter greeting"),
        ("dhanyawad ji", "chatter thanks"),
        ("thik h", "chatter acknowledgement"),
        ("aap kaise ho", "not understood"),
        ("kal dukan band rahegi", "not understood"),
        ("aaj bahut garmi hai", "not understood"),
        ("mera naam Rakesh hai", "not understood"),
        ("kitna", "not understood"),
        ("what is GST rate on rice", "not understood"),
        ("should I buy more stock from DMart", "not understood"),
    ]

    /// 25 more, written the same way before the parser was read and run once only after the changes above were made:
    /// the figure for phrasings the rules were not fitted to: 21 of 25 right then (with "category=rent also fine" as
    /// written); "top 3 kharche kaha hue" (read as a cash-book expense of 3) and "ये महीने का जीएसटी" were fixed after.
    static let lastWritten: [(text: String, expected: String)] = [
        ("is mahine dmart pe kitne bill bane", "count 2026-11-01..2026-11-30 payee=DMart"),
        ("pichle saal ka total gst", "total tax 2025-01-01..2025-12-31"),
        ("last month ka sabse mehenga bill", "largest 1 2026-10-01..2026-10-31"),
        ("bijli ka bill kitna aaya pichhle 3 mahino mein", "total 2026-08-22..2026-11-21 category=electricity"),
        ("sep aur oct ka kharcha compare karo", "compare [2026-09-01..2026-09-30 | 2026-10-01..2026-10-31]"),
        ("Kindly share the count of invoices from IRCTC during FY 2025-26.", "count 2025-04-01..2026-03-31 payee=IRCTC"),
        ("fuel pe kitna gaya is hafte", "total 2026-11-16..2026-11-21 category=fuel"),
        ("haldirams ka total", "total payee=Haldiram's"),
        ("kal kitne ka petrol bharwaya", "total 2026-11-20..2026-11-20 category=fuel"),
        ("nov mahine ki list bhejo", "list 2026-11-01..2026-11-30"),
        ("top 3 kharche kaha hue is saal", "top 3 payee 2026-01-01..2026-12-31"),
        ("upi aur cash me kitna kitna gaya oct me", "compare [2026-10-01..2026-10-31 method=upi | 2026-10-01..2026-10-31 method=cash]"),
        ("ये महीने का जीएसटी", "total tax 2026-11-01..2026-11-30"),
        ("Suresh ko 800 ka maal udhaar diya", "khata gave 800 Suresh"),
        ("Mahesh se 1000 mil gaye", "khata got 1000 Mahesh"),
        ("Ramesh ka balance kitna hai", "khata balance Ramesh"),
        ("kis kis ka paisa baaki hai", "khata parties receivable"),
        ("shukriya bhai", "chatter thanks"),
        ("accha", "chatter acknowledgement"),
        ("kal milna", "not understood"),
        ("Gupta Estates ko rent kitna diya 2026 me", "total 2026-01-01..2026-12-31 payee=Gupta Estates category=rent"),  // Written with "(category=rent also fine)".
        ("BSES ka bill aug", "list 2026-08-01..2026-08-31 payee=BSES Rajdhani"),  // As re-judged above: the bill answers it.
        ("average kitne ka bill hota hai swiggy pe", "average payee=Swiggy"),
        ("pichle hafte card se kitna payment hua", "total 2026-11-09..2026-11-15 method=card"),
        // Left alone by that session, read since names in Devanagari are matched by sound (qblind2).
        ("डीमार्ट में इस महीने कितना खर्च किया", "total 2026-11-01..2026-11-30 payee=DMart"),
        ("रिलायंस डिजिटल पर कितना खर्च हुआ", "total payee=Reliance Digital"),
    ]

    @Test(arguments: lastWritten)
    func lastWrittenUnderstood(text: String, expected: String) {
        #expect(Self.reading(text) == expected, "\(text)")
    }

    /// Read otherwise for now (each a known issue, so the test says when one starts to pass): a category the books do
    /// not have, after "on", is answered as an unknown payee (still a refusal that names the word).
    static let leftAlone: [(text: String, expected: String)] = [
        ("how much did i spend on medicines in october", "unknown category medicines"),
    ]

    @Test(arguments: leftAlone)
    func notYetUnderstood(text: String, expected: String) {
        withKnownIssue { #expect(Self.reading(text) == expected, "\(text)") }
    }

    @Test(arguments: table)
    func understood(text: String, expected: String) {
        #expect(Self.reading(text) == expected, "\(text)")
    }

    /// What query-generator makes of `text`, in one line: "remind Ramesh", "chatter thanks", "khata gave 500 Ramesh",
    /// "menu", or the question's plan ("total tax 2026-10-01..2026-10-31", " +xlsx" when a spreadsheet was asked for).
    static func reading(_ text: String) -> String {
        if let command = ReminderCommandParser.parse(text) {
            if case .remind(.party(let party)) = command { return "remind " + party }
            return "reminder \(command)"
        }
        var rest = text
        if let smallTalk = Chatter.read(text) {
            if smallTalk.rest.isEmpty { return "chatter \(smallTalk.chatter)" }
            rest = smallTalk.rest
        }
        if case .intent(let intent) = KhataParser.read(rest) { return "khata " + summary(intent) }
        if MenuCommand(rest) != nil { return "menu" }
        let understanding = understand(rest)
        return understanding.summary + (understanding.plan?.wantsSpreadsheet == true ? " +xlsx" : "")
    }

    /// A khata intent in a few words, the party without honorifics ("Suresh bhai" is matched as Suresh).
    static func summary(_ intent: KhataIntent) -> String {
        func name(_ party: String) -> String { PartyMatcher.displayName(PartyMatcher.nameWords(party).joined(separator: " ")) }
        switch intent {
        case .entry(let party, let amount, let direction, _):
            return "\(direction == .youGave ? "gave" : "got") \(amount) \(name(party))"
        case .balance(let party, let statement): return "\(statement ? "statement" : "balance") \(name(party))"
        case .parties(let side): return "parties \(side?.rawValue ?? "both")"
        case .total(let side): return "total \(side.rawValue)"
        case .undo: return "undo"
        default: return "\(intent)"
        }
    }
}
