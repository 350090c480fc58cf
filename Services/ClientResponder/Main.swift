@main
enum ClientResponderMain {
    static func main() async throws {}
}
