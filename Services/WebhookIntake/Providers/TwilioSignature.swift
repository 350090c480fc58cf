import Crypto
import Foundation

/// Twilio's `X-Twilio-Signature`: base64(HMAC-SHA1(auth token, URL + each field's name and value, sorted by
/// name then value)). Facts and test vectors: ../shared/PROTOCOLS.md (twilio-python's request validator tests).
struct TwilioSignature: Sendable {
    let authToken: String
    /// HMAC (RFC 2104) with the key's inner and outer pads hashed once: each request only continues from them.
    private let inner: Insecure.SHA1
    private let outer: Insecure.SHA1

    init(authToken: String) {
        self.authToken = authToken
        var key = Array(authToken.utf8)
        if key.count > Insecure.SHA1.blockByteCount { key = Array(Insecure.SHA1.hash(data: key)) }
        key += [UInt8](repeating: 0, count: Insecure.SHA1.blockByteCount - key.count)
        var inner = Insecure.SHA1()
        inner.update(data: key.map { $0 ^ 0x36 })
        var outer = Insecure.SHA1()
        outer.update(data: key.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func expected(url: String, fields: [(String, String)]) -> String {
        // By code point, as Twilio's helper libraries sort (UTF-8 byte order is code point order).
        let sorted = fields.sorted { a, b in
            a.0 == b.0 ? a.1.utf8.lexicographicallyPrecedes(b.1.utf8) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
        }
        var message: [UInt8] = []
        message.reserveCapacity(url.utf8.count + fields.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count })
        message.append(contentsOf: url.utf8)
        for (name, value) in sorted {
            message.append(contentsOf: name.utf8)
            message.append(contentsOf: value.utf8)
        }
        var innerHash = inner
        innerHash.update(data: message)
        var outerHash = outer
        outerHash.update(data: Array(innerHash.finalize()))
        return Data(outerHash.finalize()).base64EncodedString()
    }

    /// Accepts the URL as given and, for https, with the default port added or removed (Twilio signs either form).
    func isValid(signature: String, url: String, fields: [(String, String)]) -> Bool {
        if constantTimeEqual(expected(url: url, fields: fields), signature) { return true }
        return Self.urlVariants(url).dropFirst().contains { constantTimeEqual(expected(url: $0, fields: fields), signature) }
    }

    static func urlVariants(_ url: String) -> [String] {
        guard var components = URLComponents(string: url), components.scheme == "https" else { return [url] }
        if components.port == 443 {
            components.port = nil
        } else if components.port == nil {
            components.port = 443
        }
        return [url, components.string].compactMap { $0 }
    }
}

/// Compares secrets without an early exit, so timing reveals nothing about how much matched.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var difference = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<max(x.count, y.count) {
        difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return difference == 0
}
