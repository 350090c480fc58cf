/// `application/x-www-form-urlencoded` straight from the request's bytes (Twilio's webhooks): `+` is a space,
/// `%XX` a byte, a malformed escape stays as it is, invalid UTF-8 becomes U+FFFD, a field without `=` has an empty
/// value; fields keep their order and names may repeat. The same rules as FintrakHTTPClient's `FormEncoding.decode`,
/// without a detour through `String` on the hot path.
public enum FormBody {
    public static func decode<Bytes: Collection<UInt8>>(_ body: Bytes) -> [(String, String)] {
        if let fields = body.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return fields }
        return Array(body).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer: UnsafeBufferPointer<UInt8>) -> [(String, String)] {
        var fields: [(String, String)] = []
        fields.reserveCapacity(24)
        var scratch: [UInt8] = []
        var start = 0
        let end = buffer.count
        while start < end {
            var stop = start
            var equals = -1
            while stop < end, buffer[stop] != UInt8(ascii: "&") {
                if equals < 0, buffer[stop] == UInt8(ascii: "=") { equals = stop }
                stop += 1
            }
            if stop > start {
                let nameEnd = equals < 0 ? stop : equals
                let name = text(buffer, start, nameEnd, &scratch)
                let value = equals < 0 ? "" : text(buffer, equals + 1, stop, &scratch)
                fields.append((name, value))
            }
            start = stop + 1
        }
        return fields
    }

    private static func text(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ scratch: inout [UInt8]) -> String {
        let slice = UnsafeBufferPointer(rebasing: buffer[from..<to])
        guard slice.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: slice, as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        var index = from
        while index < to {
            let byte = buffer[index]
            if byte == UInt8(ascii: "+") {
                scratch.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < to, let high = hexValue(buffer[index + 1]), let low = hexValue(buffer[index + 2]) {
                scratch.append(high << 4 | low)
                index += 2
            } else {
                scratch.append(byte)
            }
            index += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
