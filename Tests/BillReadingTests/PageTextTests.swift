import Testing
@testable import BillReading

/// Words with boxes laid out as lines: small made-up word grids, 10 pixels to a character, 20 to a line.
@Suite("Laying out words by their boxes")
struct PageTextTests {
    /// A word `text` starting at character column `column` of text row `row`, shifted down by `drop` pixels.
    func word(_ text: String, column: Int, row: Int, drop: Double = 0) -> PageWord {
        let left = Double(column * 10), top = Double(row * 20) + drop
        return PageWord(text, left: left, top: top, right: left + Double(text.count * 10), bottom: top + 14)
    }

    @Test func labelAndAmountInSeparateBlocksShareTheirRow() {
        // OCR returns the left column first and the right one after it, as two blocks.
        let words = [
            word("TOTAL", column: 0, row: 5), word("CASH", column: 0, row: 6),
            word("9.00", column: 30, row: 5, drop: 2), word("10.00", column: 29, row: 6, drop: -2),
        ]
        let lines = PageText.text(of: words).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(TextLine.cells(of: lines[0]) == ["TOTAL", "9.00"])
        #expect(TextLine.cells(of: lines[1]) == ["CASH", "10.00"])
    }

    @Test func wordsOfAPhraseStayOneCellAndColumnsStayAligned() {
        let words = [
            word("Invoice", column: 0, row: 0), word("No", column: 8, row: 0), word("Date", column: 30, row: 0),
            word("A-17", column: 0, row: 1), word("05/03/2026", column: 30, row: 1),
        ]
        let lines = PageText.text(of: words).split(separator: "\n").map(String.init)
        #expect(TextLine.cells(of: lines[0]) == ["Invoice No", "Date"])
        let dateColumn = lines[1].range(of: "05/03/2026").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        let headingColumn = lines[0].range(of: "Date").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) }
        #expect(dateColumn == headingColumn)
    }

    @Test func aTiltedLineStaysOneRow() {
        // Each word 4 pixels lower than the one before: over four words most of a line's height.
        let words = (0..<4).map { word(["Total", "incl.", "VAT", "5.042,39"][$0], column: $0 * 12, row: 3, drop: Double($0 * 4)) }
            + [word("Payment", column: 0, row: 4)]
        #expect(PageText.rows(of: words).map { $0.map(\.text) } == [["Total", "incl.", "VAT", "5.042,39"], ["Payment"]])
    }

    @Test func aWordCutInTwoIsJoined() {
        let words = [PageWord("Texti", left: 0, top: 0, right: 50, bottom: 14), PageWord("les", left: 51, top: 0, right: 80, bottom: 14)]
        #expect(PageText.text(of: words) == "Textiles")
    }

    @Test func linesALineApartStaySeparate() {
        let words = [word("SUBTOTAL", column: 0, row: 0), word("8.49", column: 30, row: 0),
                     word("GST", column: 0, row: 1), word("0.51", column: 30, row: 1)]
        #expect(PageText.rows(of: words).map { $0.map(\.text) } == [["SUBTOTAL", "8.49"], ["GST", "0.51"]])
    }
}

@Suite("A PDF's words with their boxes")
struct PDFWordBoxesTests {
    @Test func wordsOfTwoPagesAreStackedAndLaidOutByPosition() {
        let xhtml = """
            <doc>
              <page width="595.0" height="842.0">
                <flow><block><line>
                  <word xMin="40.0" yMin="44.0" xMax="90.0" yMax="56.0">Iyer</word>
                  <word xMin="94.0" yMin="44.0" xMax="110.0" yMax="56.0">&amp;</word>
                  <word xMin="114.0" yMin="44.0" xMax="180.0" yMax="56.0">Associates</word>
                </line></block></flow>
                <flow><block><line>
                  <word xMin="40.0" yMin="700.0" xMax="80.0" yMax="712.0">Total</word>
                </line></block></flow>
                <flow><block><line>
                  <word xMin="480.0" yMin="700.5" xMax="540.0" yMax="712.5">1,180.00</word>
                </line></block></flow>
              </page>
              <page width="595.0" height="842.0">
                <flow><block><line><word xMin="40.0" yMin="40.0" xMax="80.0" yMax="52.0">Page&#160;2</word></line></block></flow>
              </page>
            </doc>
            """
        let words = PDFWordBoxes.words(inXHTML: xhtml)
        #expect(words.map(\.text) == ["Iyer", "&", "Associates", "Total", "1,180.00", "Page\u{A0}2"])
        #expect(words.last?.top == 882)
        let lines = PageText.text(of: words).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // The label and its amount, separate blocks in the PDF, are one row with a column gap.
        #expect(lines.contains { $0.hasPrefix("Total") && $0.hasSuffix("1,180.00") && $0.contains("  ") })
        #expect(lines.first == "Iyer & Associates")
    }
}
