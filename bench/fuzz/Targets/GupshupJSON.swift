import Foundation
import WebhookReading

/// Gupshup's v2 callback JSON through `GupshupWebhook`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGupshupJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Data(FuzzInput.bytes(data, size))
    if case .message(let message) = try? GupshupWebhook.parse(body, receivedAt: FuzzInput.now, correlationID: "c") {
        FuzzInput.expectRoundTrip(message)
    }
    return 0
}
