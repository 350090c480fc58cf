/// Wording shared by more than one service, so the chat reads as one voice.
public enum Replies {
    public static let menu = """
        Namaste! I'm Fintrak, your WhatsApp bookkeeper.
        1. Save an invoice – send a photo or PDF of the bill
        2. Ask a question – e.g. "how much did I spend at Reliance last month?"
        3. Khata – e.g. "Ramesh 500 udhaar", "Ramesh ne 200 diye", "Ramesh ka hisaab"
        0. Exit
        """

    /// Words that ask for the menu.
    public static let greetings: Set<String> = ["hi", "hii", "hello", "hey", "menu", "help", "start", "namaste", "helo"]

    public static let notAllowed =
        "Sorry, this Fintrak number is private to its business and can't take messages from your number."

    /// Every failure still gets an answer: short, with a reference the operator can find in the logs.
    public static func apology(reference: String) -> String {
        "Sorry, something went wrong on our side and I couldn't finish that. Please try again in a minute. (ref \(reference.prefix(8)))"
    }
}
