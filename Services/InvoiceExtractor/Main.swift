@main
enum InvoiceExtractorMain {
    static func main() async throws {}
}
