import FintrakCore
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("whatsapp:+919812345678", "+919812345678"),
        ("+919812345678", "+919812345678"),
        ("919812345678", "+919812345678"),
        ("9812345678", "+919812345678"),
        ("09812345678", "+919812345678"),
        ("+91 98123 45678", "+919812345678"),
        ("whatsapp:+14155238886", "+14155238886"),
        ("0014155238886", "+14155238886"),
    ])
    func normalisesEveryProviderSpelling(raw: String, expected: String) {
        #expect(PhoneNumber.e164(raw) == expected)
    }

    @Test(arguments: ["", "hello", "+91abc", "12", "+0123456789", "+1234567890123456", "91-98x"])
    func rejectsWhatIsNotANumber(raw: String) {
        #expect(PhoneNumber.e164(raw) == nil)
    }
}
