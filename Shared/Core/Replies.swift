/// Wording shared by more than one service, so the chat reads as one voice.
public enum Replies {
    /// The one refusal a stranger gets when `ALLOWED_PHONE_NUMBERS` is set.
    public static let notAllowed =
        "Sorry, this Fintrak number is private to its business and can't take messages from your number."

    /// Every failure still gets an answer: short, with a reference the operator can find in the logs.
    public static func apology(reference: String) -> String {
        "Sorry, something went wrong on our side and I couldn't finish that. Please try again in a minute. (ref \(reference.prefix(8)))"
    }
}
