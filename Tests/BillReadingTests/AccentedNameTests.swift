import Testing
@testable import BillReading

/// The seller's name read again in the bill's own languages: which languages, which words, which reading is kept.
@Suite("Accented seller names")
struct AccentedNameTests {
    /// A word `text` starting at character column `column` of text row `row`: 10 pixels to a character, 20 to a line.
    func word(_ text: String, column: Int, row: Int) -> PageWord {
        let left = Double(column * 10), top = Double(row * 20)
        return PageWord(text, left: left, top: top, right: left + Double(text.count * 10), bottom: top + 14)
    }

    @Test func aBillsLanguageIsTheOneTwoOfItsOwnLabelsAreIn() {
        let french = "Facture\nDate de facture: 03/11/2026\nTotal HT  100,00\nTVA 20 %  20,00\nTotal TTC  120,00"
        #expect(AccentedName.languages(of: french) == [.french])
        let german = "Rechnung\nRechnungsdatum 03.11.2026\nNettobetrag 100,00\nMwSt 19 % 19,00\nGesamtbetrag 119,00"
        #expect(AccentedName.languages(of: german) == [.german])
        let dutch = "Factuurdatum 03-11-2026\nSubtotaal 100,00\nBTW 21% 21,00\nTotaal 121,00"
        #expect(AccentedName.languages(of: dutch) == [.dutch])
    }

    @Test func oneLabelOrLabelsSharedWithEnglishNameNoLanguage() {
        // "Client" is also English; "Total" and "Date" are every language's.
        #expect(AccentedName.languages(of: "Client: Asha Rao\nDate 03/11/2026\nTotal 120.00").isEmpty)
        // Malay and Hindi names carry no accents an English reading loses.
        #expect(AccentedName.languages(of: "Tarikh 03/11/2026\nJumlah 12.00\nTunai 20.00\nBaki 8.00").isEmpty)
    }

    @Test func aLegalFormNamesItsCountrysLanguage() {
        #expect(AccentedName.languages(ofLegalFormIn: "Muller & Schmidt GmbH") == [.german])
        #expect(AccentedName.languages(ofLegalFormIn: "Atelier Lefevre S.A.R.L.") == [.french])
        #expect(AccentedName.languages(ofLegalFormIn: "De Vries Bouw B.V.") == [.dutch])
        #expect(AccentedName.languages(ofLegalFormIn: "Sharma Traders Pvt Ltd").isEmpty)
    }

    @Test func theNameIsReadAgainOnlyInInstalledLanguagesThePageWasNotReadIn() {
        let installed: Set = ["eng", "fra", "deu", "hin"]
        #expect(AccentedName.rereadLanguages(bill: [.german, .french], installed: installed, pageRead: ["eng"]) == "deu+fra")
        #expect(AccentedName.rereadLanguages(bill: [.dutch], installed: installed, pageRead: ["eng"]) == nil)
        #expect(AccentedName.rereadLanguages(bill: [.french], installed: installed, pageRead: ["eng", "fra"]) == nil)
    }

    @Test func theNamesWordsAreFoundInReadingOrderWithAMargin() throws {
        let words = [
            word("TAX", column: 0, row: 0), word("INVOICE", column: 4, row: 0),
            word("Kruger", column: 0, row: 1), word("Gartenbau", column: 7, row: 1), word("AG", column: 17, row: 1),
            word("Rechnung", column: 40, row: 1),
        ]
        let region = try #require(AccentedName.region(of: "Kruger Gartenbau AG", in: words))
        #expect(region.left == 0 && region.right == 190 + 7)
        #expect(region.top == 20 - 0.2 * 14 && region.bottom == 34 + 0.2 * 14)
        #expect(AccentedName.region(of: "Becker GmbH", in: words) == nil)
    }

    @Test func aNameWrappedOntoTheNextLineOrSplitByOCRIsFound() throws {
        let wrapped = [word("Societe", column: 0, row: 0), word("Generale", column: 8, row: 0), word("SAS", column: 0, row: 1)]
        let region = try #require(AccentedName.region(of: "Societe Generale SAS", in: wrapped))
        #expect(region.bottom == 34 + 0.2 * 14)
        let split = [word("Texti", column: 0, row: 0), word("les", column: 5, row: 0), word("BV", column: 9, row: 0)]
        #expect(AccentedName.region(of: "Textiles BV", in: split) != nil)
    }

    @Test func accentsOfTheSameNameAreTakenWithTheFirstReadingsPunctuationAndCase() {
        #expect(AccentedName.restoringAccents("Kruger Gartenbau AG", from: "Krüger Gartenbau AG") == "Krüger Gartenbau AG")
        #expect(AccentedName.restoringAccents("SOCIETE GENERALE S.A.", from: "SOCIÉTÉ GÉNÉRALE SA |")
            == "SOCIÉTÉ GÉNÉRALE S.A.")
        // A wrong accent read by the English model gives way to the bill language's.
        #expect(AccentedName.restoringAccents("Atelier Lefévre SARL", from: "Atelier Lefèvre SARL") == "Atelier Lefèvre SARL")
        // The English model's "ii" for "ü".
        #expect(AccentedName.restoringAccents("Miiller & Schmidt GmbH", from: "Müller & Schmidt GmbH") == "Müller & Schmidt GmbH")
        // Letters of the next line caught in the margin.
        #expect(AccentedName.restoringAccents("Miiller GmbH", from: "Müller GmbH\n__ Hauptstr 43") == "Müller GmbH")
    }

    @Test func anotherNameOrAnotherLetterKeepsTheFirstReading() {
        #expect(AccentedName.restoringAccents("Becker GmbH", from: "Bäcker GmbH") == "Becker GmbH")
        #expect(AccentedName.restoringAccents("Kruger AG", from: "Krüger AG Berlin") == "Kruger AG")
        #expect(AccentedName.restoringAccents("Kruger AG", from: "Krüger") == "Kruger AG")
        #expect(AccentedName.restoringAccents("Mill Works", from: "Müll Works") == "Mill Works")
    }
}
