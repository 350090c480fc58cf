import FintrakCore
import Foundation

/// The fuzzer's bytes as Swift values, and the checks every target shares. A failed check traps, which libFuzzer
/// reports as a crash with the input that caused it.
enum FuzzInput {
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Invalid UTF-8 becomes U+FFFD, as it does when a request body or OCR output becomes a `String`.
    static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// A message that was read travels on the queues: it must encode, decode back to itself (dates in whole
    /// seconds) and name its sender in E.164.
    static func expectRoundTrip(_ message: InboundMessage) {
        precondition(message.tenant.hasPrefix("+"), "tenant \(message.tenant) is not E.164")
        do {
            var decoded = try EnvelopeCoding.decode(InboundMessage.self, from: EnvelopeCoding.encode(message))
            precondition(abs(decoded.receivedAt.timeIntervalSince(message.receivedAt)) < 1, "receivedAt drifted")
            decoded.receivedAt = message.receivedAt
            precondition(decoded == message, "envelope does not round-trip")
        } catch {
            preconditionFailure("envelope does not encode: \(error)")
        }
    }

    /// A fixed "now", so a run is repeatable.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
}
