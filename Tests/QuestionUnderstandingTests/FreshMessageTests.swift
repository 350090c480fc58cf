import Testing

/// 25 more messages written with `BlindMessageTests` (2026-12-07, before the parser was read) and run once, after the
/// changes that set made: the figure for phrasings the changes were not fitted to. Same conventions and books.
struct FreshMessageTests {
    static let messages: [(text: String, expected: String)] = [
        ("pichle hafte dmart pe kitna gaya", "question total 2026-11-09..2026-11-15 payee=DMart"),
        ("3000 se upar ke kitne bill the october me", "question count 2026-10-01..2026-10-31 amount>3000"),
        ("bills less than 200", "question list amount<200"),
        ("500 se 2000 tak ke bill dikhao is mahine", "question list 2026-11-01..2026-11-30 amount=500...2000"),
        ("above 1 lakh wale invoices", "question list amount>100000"),
        ("गया महीना कितना खर्च हुआ", "question total 2026-10-01..2026-10-31"),
        ("हल्दीराम पर कितना खर्च हुआ इस साल", "question total 2026-01-01..2026-12-31 payee=Haldiram's"),
        ("एयरटेल का बिल कितना आया पिछले महीने", "question total 2026-10-01..2026-10-31 payee=Airtel Postpaid"),
        ("Navratri se ab tak ka kharcha", "refused"),
        ("is hafte ya pichle hafte zyada kharcha hua?", "question compare [2026-11-16..2026-11-21 | 2026-11-09..2026-11-15]"),
        ("what's the avg bill size at swiggy", "question average payee=Swiggy"),
        ("kitne bills 1000 rupaye se kam ke hain", "question count amount<1000"),
        ("gst on bills above 10000 last month", "question total tax 2026-10-01..2026-10-31 amount>10000"),
        ("sabse chota bill is hafte ka", "question smallest 1 2026-11-16..2026-11-21"),
        ("Kamla aunty 250 udhaar le gayi", "khata entry Kamla 250 youGave"),
        ("Vikas ka balance", "khata balance Vikas"),
        ("kis kis se paise lene hai", "khata parties receivable"),
        ("fuel pe 2000 se zyada wale bills", "question list category=fuel amount>2000"),
        ("excel bhejo pichle hafte ke bills ki", "question list 2026-11-09..2026-11-15 +xlsx"),
        ("how mny invoices in sept", "question count 2026-09-01..2026-09-30"),
        ("डीमार्ट के कितने बिल हैं", "question count payee=DMart"),
        ("is saal ka total GST batao", "question total tax 2026-01-01..2026-12-31"),
        ("bills between 2,000 and 8,000 rupees from reliance", "question list payee=Reliance Digital amount=2000...8000"),
        ("meri shaadi ka kharcha kitna hoga", "refused"),
        ("Gopal ne 1500 bheje gpay se", "khata entry Gopal 1500 youGot"),
    ]

    /// Read otherwise when run: a wish about the future ("kitna hoga") answered as a payee not in the books.
    static let leftAlone: Set<String> = ["meri shaadi ka kharcha kitna hoga"]

    @Test func theFreshSetIsReadAsExpected() {
        #expect(Self.messages.count == 25)
        let misses = MessageReading.score("fresh set", Self.messages)
        let missed = Set(Self.messages.map(\.text).filter { text in misses.contains { $0.hasPrefix(text + " →") } })
        #expect(missed == Self.leftAlone, "\(misses.joined(separator: "\n"))")
    }
}
