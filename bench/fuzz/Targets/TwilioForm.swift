import WebhookReading

/// Twilio's form body (bytes as they arrive) through `FormBody` and `TwilioWebhook`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTwilioForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = FormBody.decode(FuzzInput.bytes(data, size))
    if case .message(let message) = try? TwilioWebhook.parse(fields: fields, receivedAt: FuzzInput.now, correlationID: "c") {
        FuzzInput.expectRoundTrip(message)
    }
    return 0
}
