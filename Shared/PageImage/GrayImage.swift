/// A page's grey levels, one byte per pixel row by row (0 black, 255 white): what OCR reads, as plain values, so that
/// each step preparing a scan is a pure function tested on small made-up pictures.
public struct GrayImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width × height` grey levels, row by row from the top left.
    public internal(set) var pixels: [UInt8]

    /// Nil unless `pixels` holds exactly `width × height` levels.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width >= 0, height >= 0, pixels.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A blank page of one level.
    public init(width: Int, height: Int, level: UInt8 = 255) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = Array(repeating: level, count: self.width * self.height)
    }

    /// The level at column `x`, row `y`; the caller keeps them inside the image.
    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// How many pixels have each of the 256 levels.
    public var histogram: [Int] {
        var counts = Array(repeating: 0, count: 256)
        for level in pixels { counts[Int(level)] += 1 }
        return counts
    }
}
