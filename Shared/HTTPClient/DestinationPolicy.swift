/// Where a request may go, checked by `HTTPClient` on every hop of its redirects once the connection is made: the
/// URL's host must be one of `allowedHosts` (or under one), and the address actually connected to — not what the
/// name was said to resolve to — must be public: never loopback (unless `allowLoopback`), private, link-local
/// (cloud metadata at 169.254.169.254), shared, multicast or reserved.
public struct DestinationPolicy: Sendable, Hashable {
    /// Lower-cased host names or addresses; "twilio.com" admits "twilio.com" and "media.twilio.com".
    public var allowedHosts: [String]
    /// Loopback addresses too: only where explicitly configured (tests, the fake provider on 127.0.0.1).
    public var allowLoopback: Bool

    public init(allowedHosts: [String], allowLoopback: Bool = false) {
        self.allowedHosts = allowedHosts.map { Self.normalized($0) }.filter { !$0.isEmpty }
        self.allowLoopback = allowLoopback
    }

    /// Whether a URL's host is allowed (by name, before any address is known).
    public func allows(host: String) -> Bool {
        let host = Self.normalized(host)
        return !host.isEmpty && allowedHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Whether the address a connection reached is allowed: public, or loopback where that is allowed.
    public func allows(address: String) -> Bool {
        guard let kind = IPAddress(address)?.kind else { return false }
        return kind == .public || (kind == .loopback && allowLoopback)
    }

    /// Whether a host (a name or an address literal) is loopback: `localhost` or 127.0.0.0/8 or ::1.
    public static func isLoopback(host: String) -> Bool {
        let host = normalized(host)
        return host == "localhost" || host.hasSuffix(".localhost") || IPAddress(host)?.kind == .loopback
    }

    /// Lower case, without IPv6 brackets or a trailing dot.
    static func normalized(_ host: String) -> String {
        var host = host.lowercased().trimmingCharacters(in: .whitespaces)
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        return host
    }
}

/// An IPv4 or IPv6 address, parsed in Swift, and what kind of network it belongs to.
struct IPAddress: Hashable {
    enum Kind: Hashable { case `public`, loopback, `internal` }

    /// Sixteen bytes; IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d).
    let bytes: [UInt8]

    init?(_ text: String) {
        let text = text.split(separator: "%", maxSplits: 1).first.map(String.init) ?? ""  // no zone ("fe80::1%eth0")
        if let v4 = Self.ipv4(text) {
            bytes = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + v4
        } else if let v6 = Self.ipv6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    private static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { part -> UInt8? in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else { return nil }
            return UInt8(part)
        }
        return octets.count == 4 ? octets : nil
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var out: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = ipv4(String(piece)) {
                    out += v4
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    out += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// The IPv4 address inside: IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16).
    private var embeddedIPv4: [UInt8]? {
        if bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] { return Array(bytes.suffix(4)) }
        if bytes.prefix(12) == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] { return Array(bytes.suffix(4)) }
        if bytes.prefix(2) == [0x20, 0x02] { return Array(bytes[2..<6]) }
        return nil
    }

    var kind: Kind {
        if let v4 = embeddedIPv4 { return Self.kind(ipv4: v4) }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return .loopback }
        let first = bytes[0], second = bytes[1]
        if bytes.allSatisfy({ $0 == 0 }) { return .internal }                        // ::
        if first & 0xFE == 0xFC { return .internal }                                  // fc00::/7 unique local
        if first == 0xFE, second >= 0x80 { return .internal }                         // fe80::/10 link-local, fec0::/10
        if first == 0xFF { return .internal }                                         // multicast
        if bytes.prefix(4) == [0x20, 0x01, 0x0D, 0xB8] { return .internal }           // documentation
        if bytes.prefix(8) == [0x01, 0, 0, 0, 0, 0, 0, 0] { return .internal }        // 100::/64 discard
        if bytes.prefix(12).allSatisfy({ $0 == 0 }) { return .internal }             // ::a.b.c.d, deprecated
        return .public
    }

    private static func kind(ipv4 a: [UInt8]) -> Kind {
        switch (a[0], a[1], a[2]) {
        case (127, _, _): .loopback
        case (0, _, _), (10, _, _), (169, 254, _), (192, 168, _), (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113):
            .internal
        case (100, 64...127, _), (172, 16...31, _), (198, 18...19, _), (224...255, _, _): .internal
        default: .public
        }
    }
}
