import Testing
@testable import BillReading

@Suite("The label lexicon")
struct LabelLexiconTests {
    /// What kind of value a role labels: an amount, a date or a party. A phrase may mean one thing per kind
    /// ("received" is an amount set aside and a date that is not the bill's).
    func kind(_ role: LabelLexicon.Role) -> String {
        switch role {
        case .amount: "amount"
        case .issueDate, .date, .otherDate: "date"
        case .buyer, .seller, .owner: "party"
        }
    }

    @Test func eachLabelIsListedOncePerKind() {
        var seen = Set<String>()
        for entry in LabelLexicon.entries {
            let key = kind(entry.role) + ":" + entry.phrase
            #expect(!seen.contains(key), "\(entry.phrase) is listed twice")
            seen.insert(key)
        }
    }

    @Test func phrasesAreWrittenAsTheWordsTheyMatch() {
        for entry in LabelLexicon.entries {
            #expect(TextLine.words(of: entry.phrase).joined(separator: " ") == entry.phrase, "\(entry.phrase)")
        }
    }

    @Test func everyLanguageNamesTheAmountToPay() {
        for language in LabelLexicon.Language.allCases {
            #expect(LabelLexicon.entries.contains { $0.language == language && $0.role == .amount(.payable) },
                    "\(language)")
        }
    }

    @Test(arguments: [
        ("Grand Total", AmountRole.payable), ("Bill Amt", .payable), ("To Pay", .payable), ("Kul Rashi", .payable),
        ("कुल राशि", .payable), ("कुल", .total), ("Jumlah", .total), ("Totaal te betalen", .payable),
        ("Totaal excl. BTW", .subtotal), ("BTW 21%", .tax("vat")), ("Total TTC", .payable), ("Somme à payer", .payable),
        ("Total HT", .subtotal), ("TVA", .tax("vat")), ("Gesamtbetrag", .payable), ("MwSt. 19%", .tax("vat")),
        ("Zwischensumme", .subtotal), ("Cash", .tendered(.given)), ("Change", .tendered(.change)),
        ("Total Incl. GST", .payable), ("Total Excl. GST", .subtotal), ("Net a payer", .payable),
        ("Net à payer", .payable), ("Total à payer TTC", .payable), ("Reste à payer", .payable), ("Espèces", .tendered(.given)),
        ("Gesamt inkl. MwSt.", .payable), ("zzgl. 19 % MwSt.", .tax("vat")), ("Rückgeld", .tendered(.change)),
        ("Ruckgeld", .tendered(.change)), ("Nettosumme", .subtotal), ("Total a pagar", .payable),
        ("Importe total", .payable), ("Base imponible", .subtotal), ("IVA 21%", .tax("vat")), ("Cambio", .tendered(.change)),
        ("Te voldoen", .payable), ("Amount To Be Paid", .payable), ("Net à régler", .payable),
        ("Zu zahlender Betrag", .payable), ("Totaal incl. BTW", .payable), ("कुल रकम", .payable), ("जीएसटी", .tax("gst")),
        ("उप-योग", .subtotal), ("सीजीएसटी @ 9%", .tax("cgst")), ("कुल कर", .totalTax), ("नकद", .tendered(.given)),
        ("City tax", .charge), ("Toeristenbelasting", .charge), ("Taxe de séjour", .charge), ("Kurtaxe", .charge),
    ])
    func labelsReadInTheirLanguage(label: String, role: AmountRole) {
        #expect(AmountRole.classify(TextLine.words(of: label)) == role)
    }

    @Test func datesNamedForWhatTheyAre() {
        #expect(DateFinder.strong.contains("factuurdatum"))
        #expect(DateFinder.strong.contains("rechnungsdatum"))
        #expect(DateFinder.negative.contains("vervaldatum"))
        #expect(DateFinder.negative.contains("date d echeance"))
        #expect(BillText.buyerHeadings.contains("guest"))
        #expect(DateFinder.strong.contains("fecha de factura"))
        #expect(DateFinder.strong.contains("fecha de emision"))
        #expect(DateFinder.negative.contains("fecha de vencimiento"))
        #expect(DateFinder.negative.contains("leistungsdatum"))
        #expect(BillText.buyerHeadings.contains("cliente"))
        #expect(BillText.buyerHeadings.contains("rechnungsadresse"))
    }

    @Test func accentsOnLatinLettersAreDroppedFromWords() {
        #expect(TextLine.words(of: "Échéance: Rückgeld, Café") == ["echeance", "ruckgeld", "cafe"])
        #expect(TextLine.words(of: "कुल राशि") == ["कुल", "राशि"])
    }
}
