@main
enum WebhookIntakeMain {
    static func main() async throws {}
}
