import Crypto
import Foundation

/// The private, expiring link to a generated file: `GET {PUBLIC_BASE_URL}/media/{token}`. The token names the
/// tenant and file and is signed with HMAC-SHA256, so it cannot be guessed, altered or used after it expires.
public struct MediaToken: Sendable, Hashable {
    public var tenant: String
    public var fileID: UUID
    public var expires: Date

    public init(tenant: String, fileID: UUID, expires: Date) {
        self.tenant = tenant
        self.fileID = fileID
        self.expires = expires
    }

    /// The token: base64url(tenant|file|expiry) "." base64url(HMAC-SHA256).
    public func signed(with key: String) -> String {
        let payload = Data("\(tenant)|\(fileID.uuidString.lowercased())|\(Int(expires.timeIntervalSince1970))".utf8)
        return Self.base64URL(payload) + "." + Self.base64URL(Self.mac(payload, key: key))
    }

    /// Why a token opens nothing.
    public enum Problem: Error, Equatable {
        case malformed, badSignature, expired
    }

    /// The token's contents, if its signature holds under `key` and it has not expired by `now`.
    /// - Throws: `Problem`.
    public static func verify(_ token: String, key: String, now: Date = Date()) throws(Problem) -> MediaToken {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = fromBase64URL(parts[0]), let mac = fromBase64URL(parts[1]) else {
            throw .malformed
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: SymmetricKey(data: Data(key.utf8)))
        else { throw .badSignature }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|")
        guard fields.count == 3, let id = UUID(uuidString: String(fields[1])), let epoch = TimeInterval(fields[2]) else {
            throw .malformed
        }
        let expires = Date(timeIntervalSince1970: epoch)
        guard expires > now else { throw .expired }
        return MediaToken(tenant: String(fields[0]), fileID: id, expires: expires)
    }

    package static func mac(_ payload: Data, key: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: payload, using: SymmetricKey(data: Data(key.utf8))))
    }

    package static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    package static func fromBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
