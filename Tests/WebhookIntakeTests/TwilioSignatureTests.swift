import Testing
@testable import WebhookIntake

/// The vectors in ../shared/PROTOCOLS.md (twilio-python's request validator tests, Twilio's docs).
@Suite struct TwilioSignatureTests {
    let validator = TwilioSignature(authToken: "12345")
    let url = "https://mycompany.com/myapp.php?foo=1&bar=2"

    func fields(caller: String) -> [(String, String)] {
        [("CallSid", "CA1234567890ABCDE"), ("Caller", caller), ("Digits", "1234"), ("From", caller), ("To", "+18005551212")]
    }

    @Test(arguments: [
        ("+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ("+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc="),
        ("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ="),
    ])
    func matchesPublishedVectors(caller: String, signature: String) {
        #expect(validator.expected(url: url, fields: fields(caller: caller)) == signature)
        #expect(validator.isValid(signature: signature, url: url, fields: fields(caller: caller)))
    }

    @Test func acceptsTheURLWithOrWithoutTheDefaultPort() {
        let withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2"
        #expect(validator.expected(url: withPort, fields: fields(caller: "+14158675309")) == "kvajT1Ptam85bY51eRf/AJRuM3w=")
        #expect(validator.isValid(signature: "kvajT1Ptam85bY51eRf/AJRuM3w=", url: url, fields: fields(caller: "+14158675309")))
        #expect(validator.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: withPort, fields: fields(caller: "+14158675309")))
    }

    @Test func sortsRepeatedNamesByValue() {
        let repeated = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
        #expect(validator.expected(url: url, fields: repeated) == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    }

    @Test func rejectsTamperingAndOtherTokens() {
        var tampered = fields(caller: "+14158675309")
        tampered[2].1 = "9999"
        #expect(!validator.isValid(signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, fields: tampered))
        #expect(!TwilioSignature(authToken: "54321").isValid(
            signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url: url, fields: fields(caller: "+14158675309")))
        #expect(!validator.isValid(signature: "", url: url, fields: fields(caller: "+14158675309")))
    }
}
