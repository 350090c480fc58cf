import BillReading
import CTesseract
import Dispatch
import FintrakCore
import Foundation
import PageImage
import Synchronization

/// How Tesseract should cut the page into blocks.
public enum PageLayout: String, Sendable, Hashable, Codable {
    /// Chosen by the page's shape: a narrow page of short lines (a till receipt) as one column of text
    /// (PSM_SINGLE_COLUMN), anything wider with Tesseract's column and block finding (PSM_AUTO) for invoices with
    /// side-by-side label and value columns.
    case automatic
    /// One uniform block of lines (PSM_SINGLE_BLOCK): receipts, where automatic layout sometimes drops a column.
    case singleBlock
}

/// What Tesseract read from one page.
public struct OCRPage: Sendable, Hashable, Codable {
    public var layout: PageLayout
    /// Every word with its box, in the prepared image's pixels.
    public var words: [PageWord]
    /// Tesseract's own text, block by block (kept for logs and for comparing with the words' layout).
    public var text: String
    /// Tesseract's mean word confidence, 0–100.
    public var meanConfidence: Int
    /// The image the words' boxes are in, for reading a part of it again; nil in readings kept from before it was
    /// recorded.
    public var frame: PageFrame?
}

/// The image a page's words were read from: the prepared page turned clockwise by `quarterTurns` quarters and
/// scaled by `scale`.
public struct PageFrame: Sendable, Hashable, Codable {
    public var quarterTurns: Int
    public var scale: Float
}

public enum OCRError: Error, CustomStringConvertible {
    case initialisationFailed(language: String)
    case unreadableImage
    case recognitionFailed
    /// The header claims more pixels than `TesseractOCR.maxPixels` (a decompression bomb, or a huge scan).
    case tooManyPixels(ImageSize, limit: Int)
    /// Recognition ran past `TesseractOCR.deadline` and was stopped.
    case timedOut(Duration)

    public var description: String {
        switch self {
        case .initialisationFailed(let language): "Tesseract could not load language data \"\(language)\" (is tesseract-ocr-\(language) installed?)"
        case .unreadableImage: "the image could not be decoded"
        case .recognitionFailed: "Tesseract returned no text"
        case .tooManyPixels(let size, let limit): "the image is \(size.width)×\(size.height) pixels, over the limit of \(limit)"
        case .timedOut(let deadline): "OCR took longer than \(deadline)"
        }
    }
}

/// Tesseract and Leptonica behind Swift types: every C pointer of the OCR stays in this file.
///
/// A `TessBaseAPI` is slow to initialise and not thread-safe, so each worker owns one handle, created once, and runs
/// on its own serial queue — blocking OCR never occupies Swift's cooperative pool. Documents are spread over the
/// workers, each to the one with the fewest waiting; each worker reads one document at a time.
public final class TesseractOCR: Sendable {
    private let workers: [Worker]
    /// The languages pages are read in, as Tesseract names them ("eng+hin").
    public let languages: String
    /// What `installedLanguages()` found, asked once: the data folder does not change while the service runs.
    private let installed = Mutex<Set<String>?>(nil)
    /// The most pixels an image may have, by its header before decoding and after scaling for OCR: 40 MP is a
    /// 7,300 × 5,500 photo, more than any phone camera sends, and about 160 MB once decoded to grey.
    public let maxPixels: Int
    /// How long recognising one page may take before Tesseract is stopped, so one hostile page cannot hold a worker.
    public let deadline: Duration

    /// - Parameters:
    ///   - workers: documents read in parallel (each with its own Tesseract handle).
    ///   - language: Tesseract language(s), e.g. "eng" or "eng+hin".
    public init(workers: Int, language: String = "eng", dataPath: String? = nil, maxPixels: Int = 40_000_000,
                deadline: Duration = .seconds(60)) {
        self.maxPixels = maxPixels
        self.deadline = deadline
        self.languages = language
        // Leptonica reports every step's decisions on stderr; only its errors belong in the service's log.
        setMsgSeverity(Int32(L_SEVERITY_ERROR))
        self.workers = (0..<max(1, workers)).map { Worker(index: $0, language: language, dataPath: dataPath) }
    }

    /// Loads the language data on every worker now rather than on the first bill.
    public func warmUp() async throws {
        for worker in workers { try await worker.run { _, _ in } }
    }

    /// Reads an image (JPEG, PNG, WebP, or the PPM of a rendered PDF page) after preparing it for OCR.
    public func recognize(image: Data, layout: PageLayout) async throws -> OCRPage {
        try admit(image)
        return try await worker(for: image).run { [maxPixels, deadline] api, lastPage in
            let prepared = try lastPage.prepared(image) { try Preprocessing.prepare(image, maxPixels: maxPixels) }
            // All readings of the page share one deadline.
            let ends = ContinuousClock.now + deadline
            let read = { (upright: Preprocessing.Image, first: Preprocessing.Image, lettersPerLine: Float?) in
                try Self.readAtTextScale(api, upright: upright, first: first, factor: prepared.factor,
                                         mode: Self.mode(layout, lettersPerLine: lettersPerLine), layout: layout,
                                         limits: (maxPixels, ends, deadline))
            }
            var best = try read(prepared.upright, prepared.image, prepared.lettersPerLine)
            guard Legibility.isNearlyEmpty(Self.evidence(best)) else { return best }
            // A page photographed sideways or upside down (which Leptonica's orientation check can make of a sideways
            // one): read it turned each way, keep the reading with the most legible words.
            for quarterTurns: Int32 in [1, 2, 3] {
                guard let turned = pixRotateOrth(prepared.upright, quarterTurns) else { continue }
                defer { Preprocessing.destroy(turned) }
                let scaled = Preprocessing.scaled(turned, by: prepared.factor)
                defer { if let scaled { Preprocessing.destroy(scaled) } }
                // Turned, a line holds as many letters as the page's height did.
                let lettersPerLine = prepared.lettersPerLine.map {
                    $0 * Float(pixGetWidth(turned)) / Float(max(1, pixGetHeight(turned)))
                }
                var page = try read(turned, scaled ?? turned, lettersPerLine)
                page.frame?.quarterTurns = Int(quarterTurns)
                if Legibility.legibleWords(Self.evidence(page)) > Legibility.legibleWords(Self.evidence(best)) { best = page }
            }
            return best
        }
    }

    /// Reads `first` (`upright` scaled by `factor`); in automatic layout, when the words read are far from the height
    /// Tesseract reads best, reads `upright` again at the scale their height implies (they measure the text better than
    /// the pieces of ink the first scale was judged by) and keeps that reading unless it has fewer legible words.
    private static func readAtTextScale(_ api: TesseractAPI, upright: Preprocessing.Image, first: Preprocessing.Image,
                                        factor: Float, mode: TessPageSegMode, layout: PageLayout,
                                        limits: (maxPixels: Int, ends: ContinuousClock.Instant, deadline: Duration))
        throws -> OCRPage
    {
        var page = try api.recognize(first, mode: mode, layout: layout, deadline: remaining(limits))
        page.frame = PageFrame(quarterTurns: 0, scale: factor)
        // The single-block reading runs only where the automatic one missed a field and is merged with it field by
        // field; that reading was already read again at its words' scale where they asked for it.
        guard layout == .automatic,
              let correction = TextScale.correction(words: page.words.map { ($0.text, $0.height) },
                                                    meanConfidence: page.meanConfidence) else { return page }
        let corrected = Preprocessing.factor(upright, factor * Float(correction), maxPixels: limits.maxPixels)
        // Clamped to the same bounds, the factor may come out as the first read's.
        guard corrected != factor else { return page }
        let rescaled = Preprocessing.scaled(upright, by: corrected)
        defer { if let rescaled { Preprocessing.destroy(rescaled) } }
        var again = try api.recognize(rescaled ?? upright, mode: mode, layout: layout, deadline: remaining(limits))
        again.frame = PageFrame(quarterTurns: 0, scale: corrected)
        return Legibility.legibleWords(evidence(again)) >= Legibility.legibleWords(evidence(page)) ? again : page
    }

    /// What is left of the page's deadline.
    private static func remaining(_ limits: (maxPixels: Int, ends: ContinuousClock.Instant, deadline: Duration)) throws
        -> Duration
    {
        let left = limits.ends - ContinuousClock.now
        guard left > .zero else { throw OCRError.timedOut(limits.deadline) }
        return left
    }

    private static func evidence(_ page: OCRPage) -> [(text: String, confidence: Double)] {
        page.words.map { ($0.text, $0.confidence ?? 0) }
    }

    /// Reads `region` (in the coordinates of `page`'s words) of an image read before, as one block of text, with
    /// `languages` ("fra", "deu+fra"): a seller's name read again in the bill's own languages. Each worker keeps a
    /// Tesseract handle per language set, as it keeps the page languages' one.
    public func recognize(region: AccentedName.Region, of image: Data, readAs page: OCRPage, languages: String)
        async throws -> String
    {
        guard let frame = page.frame else { return "" }
        try admit(image)
        return try await worker(for: image).run(languages: languages) { [maxPixels, deadline] api, lastPage in
            let prepared = try lastPage.prepared(image) { try Preprocessing.prepare(image, maxPixels: maxPixels) }
            guard let crop = Preprocessing.crop(prepared.upright, to: region, of: frame) else { return "" }
            defer { Preprocessing.destroy(crop) }
            return try api.recognize(crop, mode: PSM_SINGLE_BLOCK, layout: .singleBlock, deadline: deadline).text
        }
    }

    /// The languages whose data Tesseract finds installed ("eng", "fra", …).
    public func installedLanguages() async throws -> Set<String> {
        if let known = installed.withLock({ $0 }) { return known }
        let found = try await workers[0].run { api, _ in Set(api.availableLanguages()) }
        installed.withLock { $0 = found }
        return found
    }

    /// Refuses an image whose header is unreadable or whose pixels are over the limit, before it is decoded.
    private func admit(_ image: Data) throws {
        guard let size = ImageSize(header: image) else { throw OCRError.unreadableImage }
        guard size.pixels <= maxPixels else { throw OCRError.tooManyPixels(size, limit: maxPixels) }
    }

    /// The worker for a page: the one that kept its preparation (a page read again in another layout, or a part of
    /// it), else the one with the fewest documents waiting.
    private func worker(for image: Data) -> Worker {
        workers.first { $0.lastPage.holds(image) } ?? workers.min { $0.waiting < $1.waiting } ?? workers[0]
    }

    /// Changes whenever the image preparation or the recognition settings change, so that readings kept from an
    /// earlier version (the bench's cache) are not taken for this one's. Experiments that were not kept used 10–14,
    /// 16–19 and 21; a number once used is never used again.
    public static let revision = 22

    /// Till receipts are about 40 letters wide, invoices 80 or more: on a page narrower than this, text is one column.
    static let receiptWidth: Float = 60

    private static func mode(_ layout: PageLayout, lettersPerLine: Float?) -> TessPageSegMode {
        switch layout {
        case .singleBlock: PSM_SINGLE_BLOCK
        case .automatic: (lettersPerLine ?? .infinity) < receiptWidth ? PSM_SINGLE_COLUMN : PSM_AUTO
        }
    }

    /// libgomp reads OMP_THREAD_LIMIT once, when the process loads it: setting it later has no effect. So a process
    /// started without it starts itself again, in place, with the limit set (Linux; elsewhere it carries on).
    /// Parallelism comes from one document per worker; Tesseract's own OpenMP threads on top of that only fight over
    /// the same cores (measured: several times slower on two shared cores).
    public static func restartWithSingleThreadedOpenMPIfNeeded() {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        #if os(Linux)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }

    public func close() {
        for worker in workers { worker.close() }
    }
}

/// One Tesseract handle and the serial queue that alone touches it.
private final class Worker: @unchecked Sendable {
    // @unchecked: `api` is created, used and destroyed only on `queue`; `jobs` is guarded by `lock`.
    private let queue: DispatchQueue
    private let language: String
    private let dataPath: String?
    /// Tesseract handles by language set: the pages' languages, and those parts of pages are read again in.
    private var apis: [String: TesseractAPI] = [:]
    /// The page this worker prepared last, for its reading in the other layout.
    let lastPage = PreparedPage()
    private let lock = NSLock()
    private var jobs = 0

    /// Documents queued or being read here.
    var waiting: Int { lock.withLock { jobs } }

    init(index: Int, language: String, dataPath: String?) {
        queue = DispatchQueue(label: "fintrak.ocr.\(index)", qos: .userInitiated)
        self.language = language
        self.dataPath = dataPath
    }

    /// Runs `body` on the worker's queue with its handle for `languages` (the pages' languages when nil).
    func run<T: Sendable>(languages: String? = nil, _ body: @escaping @Sendable (TesseractAPI, PreparedPage) throws -> T)
        async throws -> T
    {
        lock.withLock { jobs += 1 }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                defer { self.lock.withLock { self.jobs -= 1 } }
                continuation.resume(with: Result {
                    let language = languages ?? self.language
                    let api = try self.apis[language] ?? TesseractAPI(language: language, dataPath: self.dataPath)
                    self.apis[language] = api
                    return try body(api, self.lastPage)
                })
            }
        }
    }

    func close() {
        queue.sync {
            for api in apis.values { api.end() }
            apis = [:]
            lastPage.clear()
        }
    }
}

/// The last page a worker prepared, kept for the same page's next reading: the single-block layout follows the
/// automatic one when that missed a field, and decoding, cropping, straightening and scaling a photo again cost
/// about a tenth of reading it. Held until the next page (or `close`), a few megabytes of grey pixels.
private final class PreparedPage: @unchecked Sendable {
    // @unchecked: `page` is used only on its worker's queue; `image`, also asked from other threads, under `lock`.
    private let lock = NSLock()
    private var image: Data?
    private var page: Preprocessing.Prepared?

    /// Whether `data` is the image prepared last.
    func holds(_ data: Data) -> Bool {
        lock.withLock { image == data }
    }

    /// `data` prepared, by `prepare` unless it is the image prepared last.
    func prepared(_ data: Data, by prepare: () throws -> Preprocessing.Prepared) throws -> Preprocessing.Prepared {
        if let page, holds(data) { return page }
        clear()
        let prepared = try prepare()
        page = prepared
        lock.withLock { image = data }
        return prepared
    }

    func clear() {
        page?.destroy()
        page = nil
        lock.withLock { image = nil }
    }
}

/// The TessBaseAPI handle.
private final class TesseractAPI: @unchecked Sendable {
    // @unchecked: used only on its worker's serial queue.
    private let handle: OpaquePointer

    init(language: String, dataPath: String?) throws {
        guard let handle = TessBaseAPICreate() else { throw OCRError.initialisationFailed(language: language) }
        guard TessBaseAPIInit3(handle, dataPath, language) == 0 else {
            TessBaseAPIDelete(handle)
            throw OCRError.initialisationFailed(language: language)
        }
        // Keep the column gaps in the text: the parser reads "label   value" pairs and headings over values by them.
        TessBaseAPISetVariable(handle, "preserve_interword_spaces", "1")
        self.handle = handle
    }

    func recognize(_ pix: UnsafeMutablePointer<PIX>, mode: TessPageSegMode, layout: PageLayout,
                   deadline: Duration) throws -> OCRPage {
        TessBaseAPISetPageSegMode(handle, mode)
        TessBaseAPISetImage2(handle, pix)
        // The image was scaled so that text is the size Tesseract reads best at this resolution.
        TessBaseAPISetSourceResolution(handle, 300)
        defer { TessBaseAPIClear(handle) }
        // Tesseract checks the monitor's deadline between words and stops there.
        guard let monitor = TessMonitorCreate() else { throw OCRError.recognitionFailed }
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, Int32(clamping: deadline.milliseconds))
        let started = ContinuousClock.now
        guard TessBaseAPIRecognize(handle, monitor) == 0 else {
            throw ContinuousClock.now - started >= deadline ? OCRError.timedOut(deadline) : OCRError.recognitionFailed
        }
        guard let cText = TessBaseAPIGetUTF8Text(handle) else { throw OCRError.recognitionFailed }
        defer { TessDeleteText(cText) }
        return OCRPage(layout: layout, words: words(), text: String(cString: cText),
                       meanConfidence: Int(TessBaseAPIMeanTextConf(handle)))
    }

    /// The languages whose data is in Tesseract's data folder.
    func availableLanguages() -> [String] {
        guard let list = TessBaseAPIGetAvailableLanguagesAsVector(handle) else { return [] }
        defer { TessDeleteTextArray(list) }
        var out: [String] = []
        var i = 0
        while let name = list[i] {
            out.append(String(cString: name))
            i += 1
        }
        return out
    }

    /// The recognised words with their boxes, walked with Tesseract's result iterator at word level.
    private func words() -> [PageWord] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var out: [PageWord] = []
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            out.append(PageWord(text, left: Double(left), top: Double(top), right: Double(right), bottom: Double(bottom),
                                confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD))))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return out
    }

    func end() {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }
}

/// What a phone photo of a bill needs before OCR, with Leptonica: grey, the table around the paper whited out and
/// cropped away, straightened, turned upright, and scaled so that letters are the height Tesseract reads best.
private enum Preprocessing {
    typealias Image = UnsafeMutablePointer<PIX>

    /// Median height Tesseract reads best at 300 dpi, in pixels, of the connected pieces of text (letters).
    static let targetTextHeight: Float = 24

    struct Prepared {
        /// The page cleaned and turned upright, at its own size.
        var upright: Image
        /// `upright` scaled by `factor`, what Tesseract reads first (the same image when the factor is 1).
        var image: Image
        var factor: Float
        /// The page's width in median letter heights, about the letters a line holds; nil when there is too little text.
        var lettersPerLine: Float?

        func destroy() {
            if image != upright { Preprocessing.destroy(image) }
            Preprocessing.destroy(upright)
        }
    }

    /// - Parameter maxPixels: scaling up never makes the image larger than this.
    static func prepare(_ data: Data, maxPixels: Int) throws -> Prepared {
        let decoded = data.withUnsafeBytes { bytes -> Image? in
            guard let base = bytes.bindMemory(to: UInt8.self).baseAddress else { return nil }
            return pixReadMem(base, bytes.count)
        }
        guard var image = decoded else { throw OCRError.unreadableImage }
        image = replace(image, with: gray(image))
        // Light evened out before anything splits ink from paper by one level: in shadow, the paper's edge would be
        // looked for where the shadow begins. Evenly lit pages (most) are only measured.
        var page = grayImage(image)
        if let flat = page?.flatteningLight() {
            image = replace(image, with: pix(flat))
            page = flat
        }
        if let cropped = cropToPaper(image) {
            image = replace(image, with: cropped)
            page = grayImage(image)
        }
        image = replace(image, with: page.flatMap { pix($0.whiteningDarkBorder()) })
        image = replace(image, with: deskew(image))
        image = replace(image, with: upright(image))
        let height = medianTextHeight(image)
        let lettersPerLine = height.map { Float(pixGetWidth(image)) / $0 }
        let applied = factor(image, height.map { targetTextHeight / $0 } ?? 1, maxPixels: maxPixels)
        return Prepared(upright: image, image: scaled(image, by: applied) ?? image, factor: applied,
                        lettersPerLine: lettersPerLine)
    }

    /// `wanted` kept within ¼×…4× and `maxPixels`, and 1 when within 15 % of it (close enough: scaling costs time
    /// and sharpness).
    static func factor(_ image: Image, _ wanted: Float, maxPixels: Int) -> Float {
        let pixels = Float(pixGetWidth(image)) * Float(pixGetHeight(image))
        let factor = min(4, (Float(maxPixels) / max(pixels, 1)).squareRoot(), max(0.25, wanted))
        return factor > 1.15 || factor < 0.85 ? factor : 1
    }

    /// `image` scaled by `factor`; nil for a factor of 1.
    static func scaled(_ image: Image, by factor: Float) -> Image? {
        guard factor != 1 else { return nil }
        return factor > 1 ? pixScaleGrayLI(image, factor, factor) : pixScaleAreaMap(image, factor, factor)
    }

    /// `region` of a page read in `frame`, cut from the page prepared upright and brought to the frame's turn and
    /// scale, so that its letters are the size they were read at.
    static func crop(_ upright: Image, to region: AccentedName.Region, of frame: PageFrame) -> Image? {
        let turned = frame.quarterTurns % 4 == 0 ? nil : pixRotateOrth(upright, Int32(frame.quarterTurns % 4))
        defer { if let turned { destroy(turned) } }
        let page = turned ?? upright
        let scale = Double(frame.scale)
        let left = max(0, Int32(region.left / scale)), top = max(0, Int32(region.top / scale))
        let right = min(pixGetWidth(page), Int32((region.right / scale).rounded(.up)))
        let bottom = min(pixGetHeight(page), Int32((region.bottom / scale).rounded(.up)))
        guard right > left, bottom > top, let box = boxCreate(left, top, right - left, bottom - top) else { return nil }
        var boxPointer: UnsafeMutablePointer<BOX>? = box
        defer { boxDestroy(&boxPointer) }
        guard let cut = pixClipRectangle(page, box, nil) else { return nil }
        guard let scaled = scaled(cut, by: frame.scale) else { return cut }
        destroy(cut)
        return scaled
    }

    static func destroy(_ image: Image) {
        var pointer: Image? = image
        pixDestroy(&pointer)
    }

    /// Frees `old` and returns `new`, or keeps `old` when a step produced nothing.
    private static func replace(_ old: Image, with new: Image?) -> Image {
        guard let new, new != old else { return old }
        destroy(old)
        return new
    }

    /// An 8-bit Leptonica image's levels as a `GrayImage`. Leptonica keeps pixels in 32-bit words, most significant
    /// byte first: on a little-endian machine the byte of column x sits at x ^ 3 within its row.
    private static func grayImage(_ image: Image) -> GrayImage? {
        let width = Int(pixGetWidth(image)), height = Int(pixGetHeight(image)), wordsPerLine = Int(pixGetWpl(image))
        guard pixGetDepth(image) == 8, let data = pixGetData(image) else { return nil }
        var levels = [UInt8](repeating: 0, count: width * height)
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        levels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = bytes + y * wordsPerLine * 4
                for x in 0..<width { out[y * width + x] = row[byteInWord(x)] }
            }
        }
        return GrayImage(width: width, height: height, pixels: levels)
    }

    /// A new 8-bit Leptonica image of `gray`'s levels.
    private static func pix(_ gray: GrayImage) -> Image? {
        guard let image = pixCreate(Int32(gray.width), Int32(gray.height), 8), let data = pixGetData(image) else { return nil }
        let wordsPerLine = Int(pixGetWpl(image))
        let bytes = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        gray.pixels.withUnsafeBufferPointer { levels in
            for y in 0..<gray.height {
                let row = bytes + y * wordsPerLine * 4
                for x in 0..<gray.width { row[byteInWord(x)] = levels[y * gray.width + x] }
            }
        }
        return image
    }

    private static func byteInWord(_ x: Int) -> Int {
        #if _endian(little)
        x ^ 3
        #else
        x
        #endif
    }

    private static func gray(_ image: Image) -> Image? {
        guard let gray = pixConvertTo8(image, 0) else { return nil }
        guard pixGetColormap(gray) != nil else { return gray }
        defer { destroy(gray) }
        return pixRemoveColormap(gray, Int32(REMOVE_CMAP_TO_GRAYSCALE))
    }

    /// The grey level between dark (text, table) and light (paper), by Otsu's split of the histogram.
    private static func threshold(_ image: Image) -> Int32 {
        var value: Int32 = 128
        pixSplitDistributionFgBg(image, 0.1, 1, &value, nil, nil, nil)
        return value
    }

    /// A photo shows the bill on a table: find the largest light region (the paper) at quarter size, white out
    /// everything outside it and crop to it. Skipped when the paper fills the frame already (a scan, a screenshot).
    private static func cropToPaper(_ image: Image) -> Image? {
        let width = pixGetWidth(image), height = pixGetHeight(image)
        guard width >= 200, height >= 200, let half = pixScaleAreaMap2(image) else { return nil }
        defer { destroy(half) }
        guard let small = pixScaleAreaMap2(half) else { return nil }
        defer { destroy(small) }
        guard let dark = pixThresholdToBinary(small, threshold(small)) else { return nil }
        defer { destroy(dark) }
        guard let light = pixInvert(nil, dark) else { return nil }
        defer { destroy(light) }
        // Close the holes the text makes in the paper.
        guard let closed = pixCloseSafeBrick(nil, light, 9, 9) else { return nil }
        defer { destroy(closed) }
        var pieces: UnsafeMutablePointer<PIXA>?
        guard let boxes = pixConnComp(closed, &pieces, 8), let pieces else { return nil }
        defer {
            var b: UnsafeMutablePointer<BOXA>? = boxes
            boxaDestroy(&b)
            var p: UnsafeMutablePointer<PIXA>? = pieces
            pixaDestroy(&p)
        }
        var largest: Int32 = -1
        var largestArea: Int32 = 0
        for i in 0..<boxaGetCount(boxes) {
            guard let piece = pixaGetPix(pieces, i, Int32(L_CLONE)) else { continue }
            var area: Int32 = 0
            pixCountPixels(piece, &area, nil)
            destroy(piece)
            if area > largestArea {
                largestArea = area
                largest = i
            }
        }
        var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
        guard largest >= 0, boxaGetBoxGeometry(boxes, largest, &x, &y, &w, &h) == 0 else { return nil }
        let fraction = Float(w * h) / Float(pixGetWidth(small) * pixGetHeight(small))
        guard fraction > 0.15, fraction < 0.93, let paper = pixaGetPix(pieces, largest, Int32(L_CLONE)) else { return nil }
        defer { destroy(paper) }
        // The paper with its dark islands (logos, shaded headers) filled, placed in a full quarter-size mask.
        guard let holes = pixHolesByFilling(paper, 4) else { return nil }
        defer { destroy(holes) }
        guard let solid = pixOr(nil, paper, holes), let mask = pixCreate(pixGetWidth(small), pixGetHeight(small), 1) else {
            return nil
        }
        defer { destroy(mask) }
        pixRasterop(mask, x, y, w, h, PIX_SRC, solid, 0, 0)
        destroy(solid)
        guard let big = pixExpandBinaryReplicate(mask, 4, 4), let outside = pixCreate(width, height, 1) else { return nil }
        defer { destroy(big); destroy(outside) }
        pixRasterop(outside, 0, 0, width, height, PIX_SRC, big, 0, 0)
        pixInvert(outside, outside)
        guard let painted = pixCopy(nil, image) else { return nil }
        defer { destroy(painted) }
        pixSetMasked(painted, outside, 255)
        guard let box = boxCreate(x * 4, y * 4, w * 4, h * 4) else { return nil }
        var boxPointer: UnsafeMutablePointer<BOX>? = box
        defer { boxDestroy(&boxPointer) }
        guard let cropped = pixClipRectangle(painted, box, nil) else { return nil }
        // On faded print (ink a few levels under greyish paper) the white corners are the page's lightest class, and
        // one level (Otsu's, as Tesseract splits the page) falls between them and the paper: the whole page would
        // read as ink. Then they are painted as the paper instead. Where the split keeps the paper light (every clean
        // page here), they stay white.
        var paperLevel: Float = 255
        guard pixGetRankValueMasked(small, paper, x, y, 1, 0.5, &paperLevel, nil) == 0,
              Float(threshold(cropped)) >= paperLevel else { return cropped }
        destroy(cropped)
        pixSetMasked(painted, outside, UInt32(max(0, paperLevel.rounded())))
        return pixClipRectangle(painted, box, nil)
    }

    /// Straightens text lines tilted by a few degrees (a photo taken at an angle).
    private static func deskew(_ image: Image) -> Image? {
        var angle: Float = 0, confidence: Float = 0
        return pixDeskewGeneral(image, 0, 0, 0, 0, 0, &angle, &confidence)
    }

    /// Turns a page photographed sideways or upside down upright, judged by the letters' ascenders and descenders.
    private static func upright(_ image: Image) -> Image? {
        guard let binary = pixThresholdToBinary(image, threshold(image)) else { return nil }
        defer { destroy(binary) }
        var up: Float = 0, left: Float = 0
        var rotation: Int32 = 0
        // Leptonica's default confidence thresholds (0, 0): turn only when the evidence is clear.
        guard let turned = pixOrientCorrect(binary, 0, 0, &up, &left, &rotation, 0) else { return nil }
        destroy(turned)
        guard rotation != 0 else { return nil }
        // pixOrientCorrect turns clockwise by 90° × (rotation / 90); do the same to the grey image.
        return pixRotateOrth(image, rotation / 90)
    }

    /// The median height of letter-shaped pieces of the binarised page, in pixels; nil with too few of them.
    /// Small receipt photos get scaled up to `targetTextHeight`, oversized scans down (within ¼×…4×).
    private static func medianTextHeight(_ image: Image) -> Float? {
        guard let binary = pixThresholdToBinary(image, threshold(image)), let boxes = pixConnCompBB(binary, 8) else {
            return nil
        }
        destroy(binary)
        defer {
            var b: UnsafeMutablePointer<BOXA>? = boxes
            boxaDestroy(&b)
        }
        guard let heights = numaCreate(0) else { return nil }
        defer {
            var n: UnsafeMutablePointer<NUMA>? = heights
            numaDestroy(&n)
        }
        for i in 0..<boxaGetCount(boxes) {
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h)
            // Letter-shaped pieces only: not specks, rules or table borders.
            if h >= 5, h <= 200, w >= 2, w <= 3 * h { numaAddNumber(heights, Float(h)) }
        }
        var median: Float = 0
        guard numaGetCount(heights) > 20, numaGetMedian(heights, &median) == 0, median > 0 else { return nil }
        return median
    }
}
