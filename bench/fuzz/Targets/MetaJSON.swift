import Foundation
import WebhookReading

/// The Cloud API's notification JSON through `MetaWebhook`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMetaJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Data(FuzzInput.bytes(data, size))
    if let content = try? MetaWebhook.parse(body, receivedAt: FuzzInput.now, newCorrelationID: { "c" }) {
        content.messages.forEach(FuzzInput.expectRoundTrip)
    }
    return 0
}
