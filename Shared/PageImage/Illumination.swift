/// The paper's brightness across a page, tile by tile: what uneven light (a shadow, a lamp to one side) does to a
/// photographed bill. Tesseract splits ink from paper by one level for the whole page, so paper in shadow reads as
/// ink and the shadowed half of the page as a black block.
public struct PaperLight: Sendable, Hashable {
    /// Tiles across and down.
    public let columns: Int
    public let rows: Int
    /// The side of a tile, in pixels.
    public let tile: Int
    /// The paper's level in each tile, row by row.
    public let levels: [Int]

    /// The darkest tile's paper as a share of the brightest's (1 for evenly lit paper).
    public var evenness: Double {
        guard let darkest = levels.min(), let brightest = levels.max(), brightest > 0 else { return 1 }
        return Double(darkest) / Double(brightest)
    }
}

extension GrayImage {
    /// Tiles along the page's shorter side: a tile holds a few lines of text, so its brightest pixels are paper.
    static let lightTilesAcross = 16
    /// Paper in shadow keeps more than this share of the lit paper's level; a darker tile is the table around a
    /// photographed page (cropped away after this) or a picture, and is left as dark as it is.
    static let darkestPaperShare = 0.35
    /// Light this even is left alone: a clean scan or photo's paper varies by up to a quarter across the page (a
    /// lamp's fall-off, which Tesseract reads through), a shadow by a third or more.
    public static let evenLight = 0.7

    /// The paper's level tile by tile: in each tile the level 90 % of its pixels are at or below (ink covers less than
    /// a tenth of a tile of text), closed over the tiles around it: a dark patch up to two tiles across (a bold
    /// heading, a stamp, a grey strip along the edge) vanishes in the largest level within two tiles, while a shadow
    /// wider than that keeps its extent when the smallest within two tiles is taken back. Tiles too dark to be paper
    /// (`darkestPaperShare`) take the lit paper's level. Every second pixel of every second row is looked at: the
    /// paper's level needs no more.
    public var paperLight: PaperLight {
        let tile = max(8, min(width, height) / Self.lightTilesAcross)
        let columns = max(1, (width + tile - 1) / tile), rows = max(1, (height + tile - 1) / tile)
        var levels = [Int](repeating: 255, count: columns * rows)
        var counts = [Int](repeating: 0, count: 256)
        pixels.withUnsafeBufferPointer { page in
            for row in 0..<rows {
                for column in 0..<columns {
                    for i in counts.indices { counts[i] = 0 }
                    var seen = 0
                    for y in stride(from: row * tile, to: min(height, (row + 1) * tile), by: 2) {
                        for x in stride(from: column * tile, to: min(width, (column + 1) * tile), by: 2) {
                            counts[Int(page[y * width + x])] += 1
                            seen += 1
                        }
                    }
                    levels[row * columns + column] = Self.level(below: 0.9, of: counts, seen: seen)
                }
            }
        }
        let lightest = Self.neighbourhood(levels, columns: columns, rows: rows) { $0.max() ?? 255 }
        let closed = Self.neighbourhood(lightest, columns: columns, rows: rows) { $0.min() ?? 255 }
        let lit = closed.max() ?? 255
        return PaperLight(columns: columns, rows: rows, tile: tile,
                          levels: closed.map { Double($0) > Double(lit) * Self.darkestPaperShare ? $0 : lit })
    }

    /// The page as if evenly lit: each pixel's level divided by the paper's level around it (interpolated between tile
    /// centres), so paper is white everywhere and ink keeps its darkness relative to the paper it is on. Nil when the
    /// light is even already (`evenLight`), measured in one pass over a quarter of the pixels.
    public func flatteningLight() -> GrayImage? {
        let light = paperLight
        guard light.evenness < Self.evenLight else { return nil }
        let paper = light.levels
        // Each column's two nearest tile centres and its weight on the right one.
        let tile = Double(light.tile)
        func between(_ position: Int, _ count: Int) -> (Int, Int, Double) {
            let centre = (Double(position) + 0.5) / tile - 0.5
            let low = min(count - 1, max(0, Int(centre.rounded(.down))))
            let high = min(count - 1, low + 1)
            return (low, high, min(1, max(0, centre - Double(low))))
        }
        let across = (0..<width).map { between($0, light.columns) }
        var out = self
        var rowPaper = [Double](repeating: 0, count: light.columns)
        out.pixels.withUnsafeMutableBufferPointer { page in
            for y in 0..<height {
                let (top, bottom, down) = between(y, light.rows)
                for column in 0..<light.columns {
                    let upper = Double(paper[top * light.columns + column])
                    let lower = Double(paper[bottom * light.columns + column])
                    rowPaper[column] = upper + (lower - upper) * down
                }
                for x in 0..<width {
                    let (left, right, weight) = across[x]
                    let level = rowPaper[left] + (rowPaper[right] - rowPaper[left]) * weight
                    let index = y * width + x
                    page[index] = UInt8(min(255, Double(page[index]) * 255 / level))
                }
            }
        }
        return out
    }

    /// The smallest level at or above `share` of the `seen` pixels counted in `counts`.
    static func level(below share: Double, of counts: [Int], seen: Int) -> Int {
        guard seen > 0 else { return 255 }
        let wanted = Int((Double(seen) * share).rounded(.up))
        var total = 0
        for (level, count) in counts.enumerated() {
            total += count
            if total >= wanted { return level }
        }
        return 255
    }

    /// Each tile's value replaced by `combine` of the tiles within two of it across and down.
    static func neighbourhood(_ values: [Int], columns: Int, rows: Int, _ combine: ([Int]) -> Int) -> [Int] {
        (0..<rows).flatMap { row in
            (0..<columns).map { column in
                combine((max(0, row - 2)...min(rows - 1, row + 2)).flatMap { r in
                    (max(0, column - 2)...min(columns - 1, column + 2)).map { values[r * columns + $0] }
                })
            }
        }
    }
}
