import Foundation

/// The session cookie's name and attributes: HttpOnly (no script reads it), Secure whenever the site is served over
/// https, SameSite=Lax (another site's form posts arrive without it), scoped to the books' pages, seven days.
public struct SessionCookie: Sendable, Equatable {
    public static let name = "fintrak_session"
    public static let path = "/books"

    /// Whether the browser may send it only over https: true when `PUBLIC_BASE_URL` is https.
    public var secure: Bool

    public init(publicBaseURL: String) {
        secure = publicBaseURL.lowercased().hasPrefix("https://")
    }

    /// The `Set-Cookie` value that stores `value` for `maxAge`.
    public func setting(_ value: String, maxAge: TimeInterval = WebToken.sessionLifetime) -> String {
        attributes("\(Self.name)=\(value)", maxAge: Int(maxAge))
    }

    /// The `Set-Cookie` value that removes it.
    public func clearing() -> String {
        attributes("\(Self.name)=", maxAge: 0)
    }

    private func attributes(_ pair: String, maxAge: Int) -> String {
        "\(pair); Path=\(Self.path); Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The session cookie's value in a `Cookie` request header, if present.
    public static func value(inCookieHeader header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}
