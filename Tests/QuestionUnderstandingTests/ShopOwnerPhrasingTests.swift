import FintrakCore
import QuestionSamples
@testable import QuestionUnderstanding
import Testing

/// Questions as a small shop owner types them on WhatsApp, written for this table before they were run through the
/// parser (none comes from the acceptance bank): English, Hinglish in Latin letters and a few in Devanagari, with
/// typos, run-together words and dates the product cannot know. " +xlsx" at the end: a spreadsheet was asked for.
/// Today is Saturday 21 November 2026 (`sampleToday`).
@Suite struct ShopOwnerPhrasingTests {
    static let table: [(text: String, expected: String)] = [
        // Totals by period.
        ("total kharcha last 7 days", "total 2026-11-15..2026-11-21"),
        ("pichhle 30 din me kitna kharch hua", "total 2026-10-23..2026-11-21"),
        ("10 oct se 25 oct tak kitna kharcha", "total 2026-10-10..2026-10-25"),
        ("15 Nov se 30 Nov ka kharcha", "total 2025-11-15..2025-11-30"),
        ("1 se 15 nov tak kitna gaya", "total 2026-11-01..2026-11-15"),
        ("kharcha 1-15 nov", "total 2026-11-01..2026-11-15"),
        ("jan se march tak ka total", "total 2026-01-01..2026-03-31"),
        ("kal ka total", "total 2026-11-20..2026-11-20"),
        ("aaj kitna gaya", "total 2026-11-21..2026-11-21"),
        ("pichle do mahine ka kharcha", "total 2026-09-22..2026-11-21"),
        ("month to date spend", "total 2026-11-01..2026-11-30"),
        ("Q2 spend", "total 2026-07-01..2026-09-30"),
        ("kitnakharcha hua pichle mahine", "total 2026-10-01..2026-10-31"),
        ("pichlemahine ka gst", "total tax 2026-10-01..2026-10-31"),
        ("lastmonth total", "total 2026-10-01..2026-10-31"),
        ("nov ka kharcha batao bhaiya", "total 2026-11-01..2026-11-30"),
        // Payees.
        ("dmart pe kitna kharcha hua is mahine", "total 2026-11-01..2026-11-30 payee=DMart"),
        ("sharma traders ko pichle mahine kitna payment kiya", "total 2026-10-01..2026-10-31 payee=Sharma Traders"),
        ("how much paid to bharat petrol this year", "total 2026-01-01..2026-12-31 payee=Bharat Petroleum"),
        ("indianoil ka bill kitna hua", "total payee=Indian Oil"),
        ("howmuch spent at dmart", "total payee=DMart"),
        // GST and tax.
        ("FY 2025-26 ka total GST", "total tax 2025-04-01..2026-03-31"),
        ("gst in q1", "total tax 2026-04-01..2026-06-30"),
        ("FY 25-26 gst kitna", "total tax 2025-04-01..2026-03-31"),
        ("last month GST kitna pay kiya", "total tax 2026-10-01..2026-10-31"),
        ("cgst sgst total this month", "total tax 2026-11-01..2026-11-30"),
        ("tax ke bina kitna kharcha hua last month", "total net 2026-10-01..2026-10-31"),
        // Counts.
        ("kitne invoice aaye pichle hafte", "count 2026-11-09..2026-11-15"),
        ("how many times paid swiggy this month", "count 2026-11-01..2026-11-30 payee=Swiggy"),
        ("dmart ke kitne bill hai", "count payee=DMart"),
        ("no. of bills in oct", "count 2026-10-01..2026-10-31"),
        ("cheque se kitne payments hue", "count method=cheque"),
        // Averages.
        ("avg kharcha per bill is mahine", "average 2026-11-01..2026-11-30"),
        ("roz ka average kharcha last month", "average per day 2026-10-01..2026-10-31"),
        // Largest, smallest, top.
        ("sabse mehnga bill konsa tha last month", "largest 1 2026-10-01..2026-10-31"),
        ("sabse chhota bill is saal", "smallest 1 2026-01-01..2026-12-31"),
        ("biggest payment to sharma traders", "largest 1 payee=Sharma Traders"),
        ("lowest bill in sept", "smallest 1 2026-09-01..2026-09-30"),
        ("sabse zyada kisko paisa diya is saal", "top 1 payee 2026-01-01..2026-12-31"),
        ("which supplier got most money last month", "top 1 payee 2026-10-01..2026-10-31"),
        ("top categories this year", "top 5 category 2026-01-01..2026-12-31"),
        ("kaunse mahine me sabse zyada kharcha", "top 1 month"),
        // Comparisons.
        ("is mahine vs pichle mahine kharcha", "compare [2026-11-01..2026-11-30 | 2026-10-01..2026-10-31]"),
        ("is mahina v pichla mahina", "compare [2026-11-01..2026-11-30 | 2026-10-01..2026-10-31]"),
        ("oct vs nov gst", "compare tax [2026-10-01..2026-10-31 | 2026-11-01..2026-11-30]"),
        ("cash v upi this month",
         "compare [2026-11-01..2026-11-30 method=cash | 2026-11-01..2026-11-30 method=upi]"),
        ("dmart v reliance", "compare [payee=DMart | payee=Reliance Digital]"),
        ("compare fuel and food spend last month",
         "compare [2026-10-01..2026-10-31 category=fuel | 2026-10-01..2026-10-31 category=food]"),
        // Lists and spreadsheets.
        ("is mahine ke saare bills ki excel bhejo", "list 2026-11-01..2026-11-30 +xlsx"),
        ("send all invoices of october in excel", "list 2026-10-01..2026-10-31 +xlsx"),
        ("dmart ke bills ki list", "list payee=DMart"),
        ("last week ki saari entries dikhao", "list 2026-11-09..2026-11-15"),
        ("xls bhejo pichle mahine ka", "list 2026-10-01..2026-10-31 +xlsx"),
        // Breakdowns.
        ("category wise kharcha is saal", "breakdown category 2026-01-01..2026-12-31"),
        ("kis category me kitna gaya last month", "breakdown category 2026-10-01..2026-10-31"),
        ("payment mode wise total last month", "breakdown payment_method 2026-10-01..2026-10-31"),
        ("har hafte ka kharcha", "breakdown week"),
        // Payment methods and categories.
        ("cash me kitna diya is hafte", "total 2026-11-16..2026-11-21 method=cash"),
        ("gpay se kitna payment hua", "total method=upi"),
        ("rashan ka kharcha", "total category=groceries"),
        ("petrol pe kitna gaya pichle mahine", "total 2026-10-01..2026-10-31 category=fuel"),
        ("kiraya kitna diya is saal", "total 2026-01-01..2026-12-31 category=rent"),
        // Devanagari.
        ("पिछले महीने कितना खर्च हुआ", "total 2026-10-01..2026-10-31"),
        ("इस महीने का जीएसटी", "total tax 2026-11-01..2026-11-30"),
        ("इस महीने कितने बिल आए", "count 2026-11-01..2026-11-30"),
        // Khata: answered by the ledger, never as a question about bills.
        ("who owes me money", "not understood"),
        ("mujhe kisse paise lene hai", "not understood"),
        ("ramesh ka balance kitna hai", "not understood"),
        // Not questions, or about days the product cannot know: asked back, never guessed.
        ("OK A3V", "not understood"),
        ("OK KAM", "not understood"),
        ("OK AJ3", "not understood"),
        ("NO B7K", "not understood"),
        ("since diwali kitna kharcha", "not understood"),
        ("holi ke baad ka kharcha", "not understood"),
        ("eid se pehle kitna kharcha hua", "not understood"),
        ("kal milte hai", "not understood"),
        ("dmart kal jaunga", "not understood"),
        ("thanks bhai", "not understood"),
        ("ok", "not understood"),
    ]

    @Test(arguments: table)
    func understood(text: String, expected: String) {
        let understanding = understand(text)
        let summary = understanding.summary + (understanding.plan?.wantsSpreadsheet == true ? " +xlsx" : "")
        #expect(summary == expected, "\(text)")
    }
}
