/// How tall a page's words came out in a first reading, and by how much to scale the page for a second one.
///
/// The scale before reading is judged by the connected pieces of the binarised page; on faint or broken print those
/// are specks and stroke fragments, so the page is scaled too far (words 40–80 px tall). The first reading's word
/// boxes measure the text itself: when their typical height is far from the height Tesseract reads best, the page is
/// read again at the scale that brings them there.
public enum TextScale {
    /// The height of a word's box (capitals and digits, most of a receipt's print) Tesseract reads best at.
    public static let bestWordHeight = 30.0
    /// How much taller than `bestWordHeight` the typical word may be before reading again pays: reading a smaller
    /// page again costs little.
    public static let tallerTolerance = 1.25
    /// How much smaller it may be: reading a larger page again costs more, so only text far too small is.
    public static let smallerTolerance = 1.5
    /// Fewer words than this are too few to measure the text by.
    public static let minimumWords = 8
    /// A first reading Tesseract is this sure of (its mean word confidence, 0–100) is read well whatever the words'
    /// height: reading it again costs a second pass and gains nothing.
    public static let confidentReading = 80

    /// The factor to scale the page by, from the words read on it (their text and box height in pixels); nil when
    /// their median height is within the tolerances of `bestWordHeight`, too few words tell, or the reading's mean
    /// confidence is `confidentReading` or more. Only words (`Legibility.isWord`) count.
    public static func correction(words: [(text: String, height: Double)], meanConfidence: Int) -> Double? {
        guard meanConfidence < confidentReading else { return nil }
        let heights = words.filter { Legibility.isWord($0.text) && $0.height > 0 }
            .map(\.height).sorted()
        guard heights.count >= minimumWords else { return nil }
        let median = heights[heights.count / 2]
        let factor = bestWordHeight / median
        return factor > smallerTolerance || factor < 1 / tallerTolerance ? factor : nil
    }
}
