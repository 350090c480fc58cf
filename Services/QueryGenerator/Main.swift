@main
enum QueryGeneratorMain {
    static func main() async throws {}
}
