import Crypto
import FintrakCore
import Foundation
import MediaLinks

/// A secret the web page hands out: the one-time login link of the chat's "web" reply, or the session cookie.
/// It carries the tenant, a random nonce and an expiry, signed with HMAC-SHA256 under the purpose, so a token is
/// bound to its tenant (it cannot be moved to another), cannot serve the other purpose and dies when it expires.
/// The database keeps only `digest` of it: whether it was used or revoked is decided there.
public struct WebToken: Sendable, Hashable {
    /// What a token opens; part of what is signed.
    public enum Purpose: String, Sendable {
        case login, session
    }

    public var purpose: Purpose
    public var tenant: String
    /// 32 random bytes, hex: what makes the token unguessable.
    public var nonce: String
    public var expires: Date

    public init(purpose: Purpose, tenant: String, nonce: String, expires: Date) {
        self.purpose = purpose
        self.tenant = tenant
        self.nonce = nonce
        self.expires = expires
    }

    /// A new token with a fresh random nonce.
    public static func issue(_ purpose: Purpose, tenant: String, lifetime: TimeInterval, now: Date = Date()) -> WebToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return WebToken(purpose: purpose, tenant: tenant, nonce: bytes.hexString,
                        expires: now.addingTimeInterval(lifetime))
    }

    /// How long each kind lives: a link a quarter of an hour, a session a week.
    public static let loginLifetime: TimeInterval = 15 * 60
    public static let sessionLifetime: TimeInterval = 7 * 24 * 60 * 60

    private var payload: Data {
        Data("\(tenant)|\(nonce)|\(Int(expires.timeIntervalSince1970))".utf8)
    }

    /// base64url(tenant|nonce|expiry) "." base64url(HMAC-SHA256(purpose|payload)).
    public func signed(with key: String) -> String {
        MediaToken.base64URL(payload) + "." + MediaToken.base64URL(Self.mac(purpose, payload, key: key))
    }

    /// Why a token opens nothing.
    public enum Problem: Error, Equatable {
        case malformed, badSignature, expired
    }

    /// The token's contents, if it is of `purpose`, its signature holds under `key` and it has not expired by `now`.
    /// - Throws: `Problem`.
    public static func verify(_ token: String, purpose: Purpose, key: String, now: Date = Date()) throws(Problem) -> WebToken {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 512, parts.count == 2, let payload = MediaToken.fromBase64URL(parts[0]),
              let mac = MediaToken.fromBase64URL(parts[1])
        else { throw .malformed }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.signedBytes(purpose, payload),
                                                     using: SymmetricKey(data: Data(key.utf8)))
        else { throw .badSignature }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[1].count == 64, let epoch = TimeInterval(fields[2]) else { throw .malformed }
        let expires = Date(timeIntervalSince1970: epoch)
        guard expires > now else { throw .expired }
        return WebToken(purpose: purpose, tenant: String(fields[0]), nonce: String(fields[1]), expires: expires)
    }

    /// SHA-256 of the whole token, hex: what the database stores, so a copy of the table opens nothing.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    private static func signedBytes(_ purpose: Purpose, _ payload: Data) -> Data {
        Data("fintrak-web-\(purpose.rawValue)|".utf8) + payload
    }

    private static func mac(_ purpose: Purpose, _ payload: Data, key: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: signedBytes(purpose, payload), using: SymmetricKey(data: Data(key.utf8))))
    }
}

/// The token every form of a session carries, derived from the session's nonce: a page of another site cannot read
/// it, so it cannot make the owner's browser post a change.
public enum CSRFToken {
    public static let field = "csrf"

    public static func value(for session: WebToken, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("fintrak-web-csrf|\(session.tenant)|\(session.nonce)".utf8),
                                                  using: SymmetricKey(data: Data(key.utf8)))
        return MediaToken.base64URL(Data(mac))
    }

    /// Whether `presented` is the session's token (compared in constant time).
    public static func isValid(_ presented: String?, for session: WebToken, key: String) -> Bool {
        guard let presented, let given = MediaToken.fromBase64URL(Substring(presented)),
              let expected = MediaToken.fromBase64URL(Substring(value(for: session, key: key)))
        else { return false }
        return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
