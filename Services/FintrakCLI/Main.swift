@main
enum FintrakCLIMain {
    static func main() async throws {}
}
