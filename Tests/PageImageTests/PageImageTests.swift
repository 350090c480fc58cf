import Testing
@testable import PageImage

/// A picture drawn from rows of characters: "#" black (0), "+" grey (128), "." white (255).
func picture(_ rows: [String]) -> GrayImage {
    let levels: [UInt8] = rows.flatMap { row in row.map { $0 == "#" ? 0 : $0 == "+" ? 128 : 255 } }
    return GrayImage(width: rows.first?.count ?? 0, height: rows.count, pixels: levels) ?? GrayImage(width: 0, height: 0)
}

func drawing(_ image: GrayImage) -> [String] {
    (0..<image.height).map { y in
        String((0..<image.width).map { x in image[x, y] < 64 ? "#" : image[x, y] < 192 ? "+" : "." })
    }
}

@Suite("A page's grey pixels")
struct GrayImageTests {
    @Test func levelsMustFillTheImage() {
        #expect(GrayImage(width: 2, height: 2, pixels: [0, 1, 2]) == nil)
        #expect(GrayImage(width: 2, height: 2, pixels: [0, 1, 2, 3])?[1, 1] == 3)
    }

    @Test func otsuSplitsInkFromPaper() {
        // Ink around 40, paper around 220: the split falls between them.
        let levels: [UInt8] = Array(repeating: 40, count: 30) + Array(repeating: 50, count: 10) + Array(repeating: 220, count: 60)
        let image = GrayImage(width: 10, height: 10, pixels: levels)
        let threshold = image?.otsuThreshold ?? 0
        #expect(threshold >= 50 && threshold < 220)
    }

    @Test func otsuOfABlankPageIsMidGrey() {
        #expect(GrayImage(width: 4, height: 4).otsuThreshold == 127)
    }
}

@Suite("Dark scan borders")
struct DarkBorderTests {
    @Test func aBlackFrameTurnsWhiteAndTheTextInsideStays() {
        let page = picture([
            "##########",
            "#........#",
            "#..#.#...#",
            "#..###...#",
            "#........#",
            "##########",
        ])
        #expect(drawing(page.whiteningDarkBorder(margin: 0.2)) == [
            "..........",
            "..........",
            "...#.#....",
            "...###....",
            "..........",
            "..........",
        ])
    }

    @Test func aDarkBandIsWhitenedOnlyWithinTheMargin() {
        // A thick band along the left edge: its part beyond the margin (2 pixels on each side) stays dark.
        let page = picture(Array(repeating: "#####.....", count: 3) + ["#####..#.."] + Array(repeating: "#####.....", count: 6))
        #expect(drawing(page.whiteningDarkBorder(margin: 0.2)) ==
            Array(repeating: "..........", count: 2) + ["..###.....", "..###..#.."] + Array(repeating: "..###.....", count: 4)
            + Array(repeating: "..........", count: 2))
    }

    @Test func inkNotTouchingTheEdgeStays() {
        let page = picture([
            "........",
            ".##..++.",
            ".##..++.",
            "........",
        ])
        #expect(page.whiteningDarkBorder(margin: 0.5) == page)
    }
}

@Suite("Text scale from the words read")
struct TextScaleTests {
    /// `count` words of `text`, each `height` pixels tall.
    func words(_ count: Int, _ text: String = "TOTAL", height: Double) -> [(text: String, height: Double)] {
        Array(repeating: (text, height), count: count)
    }

    @Test func wordsFarTooTallAreScaledDownToTheBestHeight() {
        let factor = TextScale.correction(words: words(20, height: 3 * TextScale.bestWordHeight), meanConfidence: 60)
        #expect(factor.map { abs($0 - 1.0 / 3) < 0.001 } == true)
    }

    @Test func wordsFarTooSmallAreScaledUp() {
        #expect(TextScale.correction(words: words(20, height: TextScale.bestWordHeight / 2), meanConfidence: 60) == 2)
    }

    @Test func wordsNearTheBestHeightAreLeftAlone() {
        #expect(TextScale.correction(words: words(20, height: TextScale.bestWordHeight * 1.2), meanConfidence: 60) == nil)
        #expect(TextScale.correction(words: words(20, height: TextScale.bestWordHeight / 1.4), meanConfidence: 60) == nil)
    }

    @Test func textSomewhatTooTallIsReadAgainButSomewhatTooSmallIsNot() {
        // Reading a smaller page again is cheap; a larger one is worth it only for text far too small.
        #expect(TextScale.correction(words: words(20, height: TextScale.bestWordHeight * 1.3), meanConfidence: 60) != nil)
        #expect(TextScale.correction(words: words(20, height: TextScale.bestWordHeight / 1.3), meanConfidence: 60) == nil)
    }

    @Test func theTypicalWordDecidesNotTheOddOne() {
        // A large heading and a few tall specks do not move the median of the body text.
        let page = words(15, height: TextScale.bestWordHeight) + words(5, "SHOP", height: 4 * TextScale.bestWordHeight)
        #expect(TextScale.correction(words: page, meanConfidence: 60) == nil)
    }

    @Test func punctuationAndLoneLettersDoNotCount() {
        // Tall fragments of one character or none are noise, whatever their number.
        let page = words(10, height: TextScale.bestWordHeight) + words(30, "-", height: 90) + words(30, "I", height: 90)
        #expect(TextScale.correction(words: page, meanConfidence: 60) == nil)
    }

    @Test func aReadingTesseractIsSureOfIsNotReadAgain() {
        // Tall words read with confidence are read well: a second pass would cost time for nothing.
        let tall = words(20, height: 3 * TextScale.bestWordHeight)
        #expect(TextScale.correction(words: tall, meanConfidence: TextScale.confidentReading) == nil)
        #expect(TextScale.correction(words: tall, meanConfidence: TextScale.confidentReading - 1) != nil)
    }

    @Test func tooFewWordsTellNothing() {
        #expect(TextScale.correction(words: words(TextScale.minimumWords - 1, height: 100), meanConfidence: 60) == nil)
        #expect(TextScale.correction(words: words(TextScale.minimumWords, height: 100), meanConfidence: 60) != nil)
    }
}

@Suite("Legible words of a reading")
struct LegibilityTests {
    @Test func aReadingOfFewLegibleWordsIsWorthTurning() {
        let fragments = Array(repeating: (text: "l1", confidence: 30.0), count: 40) + [("TOTAL", 90)]
        #expect(Legibility.isNearlyEmpty(fragments))
    }

    @Test func aReadingWithEnoughLegibleWordsIsNot() {
        let words = Array(repeating: (text: "TOTAL", confidence: 85.0), count: Legibility.nearlyEmpty)
        #expect(!Legibility.isNearlyEmpty(words))
    }

    @Test func confidentPunctuationAndLoneLettersAreNoEvidence() {
        let marks = Array(repeating: (text: "-", confidence: 95.0), count: 30) + Array(repeating: ("I", 95), count: 30)
        #expect(Legibility.legibleWords(marks) == 0)
    }
}

@Suite("Uneven light")
struct IlluminationTests {
    /// A 64 × 64 page of paper at `paper(x, y)` with "text": a dark pixel (a fifth of the paper's level) every fourth
    /// pixel of every fourth row, under a tenth of the page as on a page of print.
    func page(_ paper: (Int, Int) -> Int) -> GrayImage {
        var image = GrayImage(width: 64, height: 64)
        for y in 0..<64 {
            for x in 0..<64 {
                let level = paper(x, y)
                image[x, y] = UInt8(x % 4 == 1 && y % 4 == 1 ? level / 5 : level)
            }
        }
        return image
    }

    func isInk(_ x: Int, _ y: Int) -> Bool { x % 4 == 1 && y % 4 == 1 }

    /// Whether Otsu's level (one for the whole page, as Tesseract binarises) puts every ink pixel on the dark side and
    /// every paper pixel on the light one.
    func otsuSplits(_ image: GrayImage) -> Bool {
        let threshold = image.otsuThreshold
        return (0..<image.height).allSatisfy { y in
            (0..<image.width).allSatisfy { x in isInk(x, y) == (image[x, y] <= threshold) }
        }
    }

    @Test func aShadowedHalfIsLitLikeTheRest() throws {
        // Paper at 230 on the left, 100 in the shadow on the right, the shadow's edge soft over 16 pixels: one level
        // takes the shadow's paper for ink.
        let shadowed = page { x, _ in x < 24 ? 230 : x >= 40 ? 100 : 230 - (x - 24) * 130 / 16 }
        #expect(!otsuSplits(shadowed))
        let flat = try #require(shadowed.flatteningLight())
        #expect(flat.paperLight.evenness > 0.95)
        #expect(otsuSplits(flat))
        #expect(flat[62, 62] > 240 && flat[6, 6] > 240)
    }

    @Test func lightFadingAcrossThePageIsEvenedOut() throws {
        // Light falling from 240 at the top left to 96 at the bottom right, as from a lamp to one side.
        let fading = page { x, y in 240 - (x + y) * 144 / 126 }
        #expect(!otsuSplits(fading))
        let flat = try #require(fading.flatteningLight())
        #expect(flat.paperLight.evenness > 0.9)
        #expect(otsuSplits(flat))
    }

    @Test func evenlyLitPaperIsLeftAsItIs() {
        let even = page { x, y in 225 + (x + y) % 3 }
        #expect(even.paperLight.evenness >= GrayImage.evenLight)
        #expect(even.flatteningLight() == nil)
    }

    @Test func aBoldBlockIsNoShadow() {
        // A solid dark heading bar one tile tall across the page: its tiles take the paper's level around them.
        var barred = page { _, _ in 230 }
        for y in 8..<16 { for x in 0..<64 { barred[x, y] = 20 } }
        #expect(barred.paperLight.evenness >= GrayImage.evenLight)
        #expect(barred.flatteningLight() == nil)
    }

    @Test func theTableAroundAPhotographedPageIsNoShadow() {
        // A dark margin two tiles wide on every side, as a photo shows the table (cropping to the paper removes it):
        // far darker than paper in any shadow.
        var framed = page { _, _ in 230 }
        for y in 0..<64 { for x in 0..<64 where x < 16 || x >= 48 || y < 16 || y >= 48 { framed[x, y] = 50 } }
        #expect(framed.flatteningLight() == nil)
    }
}

