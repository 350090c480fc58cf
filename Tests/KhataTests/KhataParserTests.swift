import Foundation
import Khata
import Testing

/// Every phrasing family of the khata and its mirror image: who gave, who got, which particle, which language.
@Suite struct KhataParserTests {
    static func entry(_ party: String, _ amount: Decimal, _ direction: LedgerDirection) -> String {
        "\(party) \(amount) \(direction == .youGave ? "+" : "-")"
    }

    static func describe(_ intent: KhataIntent?) -> String {
        switch intent {
        case .entry(let party, let amount, let direction, _)?: entry(party, amount, direction)
        case .balance(let party, let statement)?: "balance \(party)\(statement ? " +pdf" : "")"
        case .parties(let side)?: "parties \(side?.rawValue ?? "both")"
        case .total(let side)?: "total \(side.rawValue)"
        case .undo?: "undo"
        case .rename(let alias, let party)?: "\(alias) is \(party)"
        case .limit(let party, let amount)?: "limit \(party) \(amount)"
        case .cash(let kind, let amount, _)?: "\(kind.rawValue) \(amount)"
        case .profit(let period)?: "profit \(period.rawValue)"
        case .billOnCredit?: "bill on credit"
        case nil: "none"
        }
    }

    @Test(arguments: [
        // Credit given: the party owes the owner more.
        ("Ramesh 500 udhaar", "ramesh 500 +"),
        ("Suresh ko 1200 udhaar diya", "suresh 1200 +"),
        ("Mohan ko 300 ka doodh udhaar diya", "mohan 300 +"),
        ("gave 500 credit to Ramesh", "ramesh 500 +"),
        ("Zephyrine Bhai 900 udhaar", "zephyrine bhai 900 +"),
        ("Gave Ramesh 500 on credit", "ramesh 500 +"),
        ("Lent 2k to Vikram", "vikram 2000 +"),
        ("Ramesh ne 700 ka saman udhaar liya", "ramesh 700 +"),
        ("Ramesh took 250 udhaar", "ramesh 250 +"),
        ("Ramesh owes me 450", "ramesh 450 +"),
        ("Pooja ke naam 350 likh do", "pooja 350 +"),
        ("Sold 600 of rice to Kamla on credit", "kamla 600 +"),
        ("Deepak ko paanch sau udhaar diye", "deepak 500 +"),
        ("Ramesh se 800 lene hain", "ramesh 800 +"),
        ("Ravi 1.5 lakh udhaar", "ravi 150000 +"),
        ("Anil ko dedh hazaar diye", "anil 1500 +"),
        ("ramesh ka 300 baaki", "ramesh 300 +"),
        ("Raju ko ₹1,250 ka maal udhar diya", "raju 1250 +"),
        // Payment received: the mirror, the party owes less.
        ("Ramesh ne 200 diye", "ramesh 200 -"),
        ("Suresh ne 400 lauta diye", "suresh 400 -"),
        ("received 500 from Suresh", "suresh 500 -"),
        ("Received 500 from Suresh", "suresh 500 -"),
        ("Ramesh paid 300", "ramesh 300 -"),
        ("Suresh returned 150", "suresh 150 -"),
        ("Mohan se 250 mile", "mohan 250 -"),
        ("got 1000 from Deepak", "deepak 1000 -"),
        ("Pooja ka 200 jama", "pooja 200 -"),
        ("Ramesh 500 jama", "ramesh 500 -"),
        ("recieved 700 frm Anil", "anil 700 -"),
        ("Ramesh ne do sau wapas kiye", "ramesh 200 -"),
        // Payables: the owner owes a supplier, and pays it back.
        ("Mahalaxmi Suppliers se 5000 ka maal udhaar liya", "mahalaxmi suppliers 5000 -"),
        ("owe Sharma Traders 3000", "sharma traders 3000 -"),
        ("I owe 3000 to Sharma Traders", "sharma traders 3000 -"),
        ("Bought goods worth 4000 from Gupta Stores on credit", "gupta stores 4000 -"),
        ("Borrowed 10000 from Vinod", "vinod 10000 -"),
        ("Gupta ji ko 2000 dene hain", "gupta ji 2000 -"),
        ("Paid 2000 to Mahalaxmi Suppliers", "mahalaxmi suppliers 2000 +"),
        ("Sharma Traders ko 1000 bhej diye", "sharma traders 1000 +"),
        ("paid Sharma Traders 1500", "sharma traders 1500 +"),
        ("Mahalaxmi Suppliers ko 2 hazaar ka payment kiya", "mahalaxmi suppliers 2000 +"),
    ])
    func entriesGoTheRightWay(text: String, expected: String) {
        #expect(Self.describe(KhataParser.parse(text)) == expected, "\(text)")
    }

    @Test(arguments: [
        ("Ramesh ka hisaab", "balance ramesh +pdf"),
        ("What is Suresh's balance?", "balance suresh"),
        ("How much do I owe Mahalaxmi Suppliers?", "balance mahalaxmi suppliers"),
        ("how much does Ramesh owe me", "balance ramesh"),
        ("statement Ramesh", "balance ramesh +pdf"),
        ("Ramesh ka statement", "balance ramesh +pdf"),
        ("Suresh ka kitna baki hai?", "balance suresh"),
        ("balance of Mohan", "balance mohan"),
        ("Who owes me money?", "parties receivable"),
        ("whom do I owe?", "parties payable"),
        ("sab ka udhaar", "parties both"),
        ("kisko paise dene hain", "parties payable"),
        ("total udhaar kitna hai?", "total receivable"),
        ("what do I owe in all?", "total payable"),
        ("kitna lena hai total", "total receivable"),
        ("undo", "undo"),
        ("Undo last entry", "undo"),
        ("Ramesh Kumar is Ramesh", "ramesh kumar is ramesh"),
        ("merge Ramesh K into Ramesh", "ramesh k is ramesh"),
        ("limit Ramesh 5000", "limit ramesh 5000"),
        ("Ramesh ki limit 5000", "limit ramesh 5000"),
        ("aaj 5000 ki bikri", "sale 5000"),
        ("sale 5000 cash", "sale 5000"),
        ("kharcha 300 chai-pani", "expense 300"),
        ("is mahine ka munafa?", "profit thisMonth"),
        ("profit this month", "profit thisMonth"),
        ("pichle mahine ka profit", "profit lastMonth"),
        ("udhaar", "bill on credit"),
    ])
    func questionsAndCommands(text: String, expected: String) {
        #expect(Self.describe(KhataParser.parse(text)) == expected, "\(text)")
    }

    /// Invoice questions are not khata lines: they go on to the invoice side.
    @Test(arguments: [
        "how much did I spend at Reliance last month?", "pichle mahine ka GST kitna tha?", "hi", "top 3 payees this year",
        "total spend on fuel in March", "how much did I pay to Sharma Traders", "list bills above 5000",
        "'; DROP TABLE invoices; --", "show invoices of +919800000002",
    ])
    func invoiceQuestionsAreNotKhata(text: String) {
        #expect(KhataParser.parse(text) == nil, "\(text) → \(Self.describe(KhataParser.parse(text)))")
    }

    /// One reading serves both uses: a khata line's intent (as `parse` reads it), otherwise the names it holds.
    @Test func oneReadingGivesTheIntentOrTheNamesInTheLine() {
        #expect(KhataParser.read("Ramesh 500 udhaar") == .intent(.entry(party: "ramesh", amount: 500, direction: .youGave, note: nil)))
        #expect(KhataParser.read("Reliance ko ab tak kitna diya?") == .names(["reliance", "ab tak"]))
        #expect(KhataParser.read("how much did I pay to Sharma Traders") == .names(["sharma traders"]))
        #expect(KhataParser.read("hi") == .names([]))
    }

    @Test(arguments: [
        ("500", Decimal(500)), ("1,200.50", Decimal(string: "1200.50")!), ("₹750", 750), ("rs.300", 300), ("2k", 2000),
        ("1.5 lakh", 150_000), ("paanch sau", 500), ("dedh hazaar", 1500), ("saadhe teen hazaar", 3500),
        ("dhai sau", 250), ("two thousand five hundred", 2500), ("2 lakh 50 hazaar", 250_000), ("ek lakh", 100_000),
        ("five hundred", 500), ("500/-", 500), ("paune do sau", 175), ("sava sau", 125), ("3cr", 30_000_000),
    ])
    func amountsInDigitsWordsAndHindi(text: String, value: Decimal) {
        let words = text.split(separator: " ").map(String.init)
        #expect(KhataAmount.read(words, from: 0)?.value == value, "\(text)")
    }
}

/// Names that hold khata words stay whole when written with capitals.
@Suite struct KhataNameTests {
    @Test(arguments: [
        ("Kamal Sales ko 500 diye", "kamal sales 500 +"),
        ("Balaji Traders se 2500 ka maal liya", "balaji traders 2500 -"),
    ])
    func capitalisedNamesKeepTheirWords(text: String, expected: String) {
        #expect(KhataParserTests.describe(KhataParser.parse(text)) == expected)
    }
}

@Suite struct CreditTermsTests {
    @Test(arguments: [
        ("udhaar", true), ("on credit", true), ("Payment: CREDIT", true), ("30 days credit", true), ("udhar pe liya", true),
        ("paid by credit card", false), ("credit note attached", false), ("input tax credit", false), ("groceries", false),
        (nil, false),
    ])
    func billsOnCredit(caption: String?, expected: Bool) {
        #expect(CreditTerms.onCredit(caption) == expected, "\(caption ?? "nil")")
    }
}

/// Phrasings beyond the issue's examples, built from the same grammar.
@Suite struct KhataGeneralisationTests {
    @Test(arguments: [
        ("Ramesh ko 500 rupaye udhaar diye", "ramesh 500 +"),
        ("udhaar Ramesh 500", "ramesh 500 +"),
        ("Ramesh ke khate mein 500 likho", "ramesh 500 +"),
        ("add 500 to Ramesh", "ramesh 500 +"),
        ("Mohan took 400 on credit", "mohan 400 +"),
        ("Ramesh owes 600", "ramesh 600 +"),
        ("Ramesh ko 2 packet doodh 120 rupaye udhaar", "ramesh 120 +"),
        ("kal Ramesh ko ek hazaar diye", "ramesh 1000 +"),
        ("Ramesh ne 1000 jama kiye", "ramesh 1000 -"),
        ("Ramesh paid back 200", "ramesh 200 -"),
        ("Collected 800 from Mohan", "mohan 800 -"),
        ("Mohan se 800 vasool kiye", "mohan 800 -"),
        ("got payment of 350 from Mohan", "mohan 350 -"),
        ("Suresh bhai ne 1500 bheje", "suresh bhai 1500 -"),
        ("Ramesh ke khate se 500 kaat do", "ramesh 500 -"),
        ("I owe Gupta ji 2500", "gupta ji 2500 -"),
        ("Gupta ji ka 2500 dena hai", "gupta ji 2500 -"),
        ("Bought 3000 goods on credit from Balaji Traders", "balaji traders 3000 -"),
        ("Sharma Traders se 3000 ka samaan udhaar", "sharma traders 3000 -"),
        ("Sharma Traders ka 3000 chuka diya", "sharma traders 3000 +"),
        ("cleared 1500 dues of Sharma Traders", "sharma traders 1500 +"),
        ("transferred 2000 to Mahalaxmi via UPI", "mahalaxmi 2000 +"),
        ("sent 1500 to Suresh", "suresh 1500 +"),
    ])
    func entries(text: String, expected: String) {
        #expect(KhataParserTests.describe(KhataParser.parse(text)) == expected, "\(text)")
    }

    @Test(arguments: [
        ("Ramesh ka kitna udhaar hai?", "balance ramesh"),
        ("How much does Suresh owe?", "balance suresh"),
        ("Show Ramesh's khata", "balance ramesh +pdf"),
        ("Mahalaxmi ka kitna dena hai?", "balance mahalaxmi"),
        ("How much money do customers owe me in total?", "total receivable"),
        ("list of people I owe money to", "parties payable"),
        ("kaun kaun udhaar le gaya", "parties receivable"),
        ("suppliers ko kitna dena hai", "total payable"),
        ("Ramesh ka naam Ramesh Kumar karo", "ramesh kumar is ramesh"),
        ("galti se entry ho gayi hatao", "undo"),
        ("is mahine kitna kamaya", "profit thisMonth"),
        ("sold items worth 2500 today", "sale 2500"),
        ("chai pe 50 kharch kiye", "expense 50"),
    ])
    func questions(text: String, expected: String) {
        #expect(KhataParserTests.describe(KhataParser.parse(text)) == expected, "\(text)")
    }
}

/// Invoice questions that share words with the khata stay with the invoice side.
@Suite struct KhataLeavesInvoiceQuestionsAlone {
    @Test(arguments: [
        "Show my top 3 vendors by spend in 2026", "how much did I spend by credit card last month",
        "which bills are due this month", "total GST paid to suppliers", "Reliance ko ab tak kitna diya?",
    ])
    func notKhata(text: String) {
        #expect(KhataParser.parse(text) == nil, "\(text) → \(KhataParserTests.describe(KhataParser.parse(text)))")
    }
}
