import QuestionSamples
@testable import QuestionUnderstanding
import Testing

/// Names written in Devanagari, matched to the Latin names in the books by their consonants.
@Suite struct TransliterationTests {
    @Test(arguments: [("राम", "ram"), ("भारत", "bharat"), ("डीमार्ट", "dimart"), ("स्विगी", "svigi"), ("इंडियन", "indiyan"),
                      ("शर्मा", "sharma"), ("ख़र्च", "kharch"), ("abc", "abc")])
    func devanagariIsRomanised(written: String, latin: String) {
        #expect(Transliteration.latin(written) == latin)
    }

    @Test(arguments: [("reliance", "rlns"), ("swiggy", "svg"), ("sharma", "srm"), ("phone", "pn"), ("digital", "dgtl"),
                      ("chemist", "cmst"), ("coffee", "kp")])
    func skeletonsKeepTheConsonantsAsTheySound(latin: String, skeleton: String) {
        #expect(Transliteration.skeleton(latin) == skeleton)
    }

    @Test(arguments: [(["डीमार्ट"], ["DMart"]), (["शर्मा", "ट्रेडर्स"], ["Sharma Traders"]), (["जियो"], ["Jio Fiber"]),
                      (["हल्दीराम"], ["Haldiram's"]), (["रिलायंस", "डिजिटल"], ["Reliance Digital"]),
                      (["इंडियन", "ऑयल"], ["Indian Oil"]), (["एयरटेल"], ["Airtel Postpaid"]), (["रमेश"], []),
                      (["ट्रेडर्स"], []), (["जो"], []), (["गया"], [])])
    func payeesAreFoundByHowTheirNameSounds(words: [String], payees: [String]) {
        #expect(sampleVocabulary.payees(writtenInDevanagari: words) == payees)
    }

    @Test func aNameInDevanagariFiltersAQuestion() {
        #expect(understand("डीमार्ट पर कितना खर्चा हुआ").summary == "total payee=DMart")
        #expect(understand("पिछले महीने स्विगी पर कितना खर्च किया").summary == "total 2026-10-01..2026-10-31 payee=Swiggy")
        #expect(understand("रमेश पर कितना खर्च हुआ").summary == "unknown payee रमेश")
    }
}
