extension GrayImage {
    /// The level that best splits the page into dark (ink) and light (paper), by Otsu's method: the split with the
    /// largest variance between the two classes. Levels at or below it are dark. 127 for a page of one level.
    public var otsuThreshold: UInt8 {
        Self.otsuThreshold(histogram)
    }

    static func otsuThreshold(_ histogram: [Int]) -> UInt8 {
        let total = histogram.reduce(0, +)
        let levelSum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) }
        var darkCount = 0, darkSum = 0.0
        var best: (level: Int, variance: Double)?
        for (level, count) in histogram.enumerated().dropLast() {
            darkCount += count
            darkSum += Double(level) * Double(count)
            let lightCount = total - darkCount
            guard darkCount > 0, lightCount > 0 else { continue }
            let darkMean = darkSum / Double(darkCount)
            let lightMean = (levelSum - darkSum) / Double(lightCount)
            let variance = Double(darkCount) * Double(lightCount) * (darkMean - lightMean) * (darkMean - lightMean)
            if variance > best?.variance ?? -1 { best = (level, variance) }
        }
        return UInt8(best?.level ?? 127)
    }
}
