extension GrayImage {
    /// The page with the dark strips a scanner leaves along its edges painted white: dark pixels joined to the image's
    /// edge, within `margin` of it (a fraction of each side). Tesseract takes a black frame around the page for a
    /// picture and the text inside it for part of that picture, so a receipt framed by one reads as nothing.
    /// Ink that does not touch the edge stays, and so does a dark band's inner part beyond the margin.
    public func whiteningDarkBorder(margin: Double = 0.05) -> GrayImage {
        guard width > 2, height > 2 else { return self }
        let threshold = otsuThreshold
        let marginX = max(1, Int(Double(width) * margin)), marginY = max(1, Int(Double(height) * margin))
        func nearEdge(_ x: Int, _ y: Int) -> Bool {
            x < marginX || x >= width - marginX || y < marginY || y >= height - marginY
        }
        var out = self
        var stack: [Int] = []
        func visit(_ x: Int, _ y: Int) {
            let index = y * width + x
            guard out.pixels[index] <= threshold, nearEdge(x, y) else { return }
            out.pixels[index] = 255
            stack.append(index)
        }
        for x in 0..<width {
            visit(x, 0)
            visit(x, height - 1)
        }
        for y in 0..<height {
            visit(0, y)
            visit(width - 1, y)
        }
        // Flood fill, four neighbours; a whitened pixel is never visited again, so each is pushed at most once.
        while let index = stack.popLast() {
            let x = index % width, y = index / width
            if x > 0 { visit(x - 1, y) }
            if x < width - 1 { visit(x + 1, y) }
            if y > 0 { visit(x, y - 1) }
            if y < height - 1 { visit(x, y + 1) }
        }
        return out
    }
}
