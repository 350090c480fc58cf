/// The chat's words for the web page and its reports, recognised before questions: "web", "dashboard" or "link" ask
/// for a one-time login link, "logout all" ends every web session, "GST report November" asks for the GST summary.
package enum WebCommand: Equatable, Sendable {
    case loginLink
    case logoutAll
    /// The words after "GST report" / "GST summary" (the period; empty means last month).
    case gstReport(period: String)

    package static let linkWords: Set<String> = ["web", "dashboard", "link", "website", "web link", "open web", "books link"]
    package static let logoutWords: Set<String> = ["logout all", "log out all", "logout everywhere", "sign out all"]
    package static let reportStarts: [[String]] = [["gst", "report"], ["gst", "summary"], ["gst", "return"]]

    package init?(_ text: String?) {
        guard let text, text.utf8.count <= 80 else { return nil }
        let words = MessageWords.words(text)
        let phrase = words.joined(separator: " ")
        if Self.linkWords.contains(phrase) {
            self = .loginLink
        } else if Self.logoutWords.contains(phrase) {
            self = .logoutAll
        } else if let start = Self.reportStarts.first(where: { words.starts(with: $0) }) {
            self = .gstReport(period: words.dropFirst(start.count).filter { $0 != "for" && $0 != "of" }.joined(separator: " "))
        } else {
            return nil
        }
    }
}
