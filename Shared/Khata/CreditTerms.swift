/// Whether a bill's caption (or payment line) says it was bought on credit: "udhaar", "credit", "on credit",
/// "30 days credit" — but not "credit card", "credit note" or "input tax credit", which are about something else.
public enum CreditTerms {
    static let notCreditAfter: Set<String> = ["card", "cards", "note", "notes", "limit", "score", "balance"]
    static let notCreditBefore: Set<String> = ["input", "tax", "itc", "cash", "gst"]

    public static func onCredit(_ text: String?) -> Bool {
        let words = KhataTokenizer.words(text ?? "").map { $0.lowercased() }
        for (index, word) in words.enumerated() {
            guard let meaning = KhataLexicon.meaning(of: word), meaning == .credit else { continue }
            guard word == "credit" else { return true }    // "udhaar", "udhar": nothing else it could mean
            let next = index + 1 < words.count ? words[index + 1] : ""
            let previous = index > 0 ? words[index - 1] : ""
            if !notCreditAfter.contains(next) && !notCreditBefore.contains(previous) { return true }
        }
        return false
    }
}
