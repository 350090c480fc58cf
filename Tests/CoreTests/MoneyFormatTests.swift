import FintrakCore
import Foundation
import Testing

@Suite struct MoneyFormatTests {
    @Test(arguments: [
        ("123456.5", "INR", "₹1,23,456.50"),
        ("0", "INR", "₹0.00"),
        ("999", "INR", "₹999.00"),
        ("1000", "INR", "₹1,000.00"),
        ("12345678.9", "INR", "₹1,23,45,678.90"),
        ("2378.28", "USD", "$2,378.28"),
        ("1234567.891", "EUR", "€1,234,567.89"),
        ("-1530", "INR", "-₹1,530.00"),
        ("10.005", "INR", "₹10.01"),
        ("42", "CHF", "CHF 42.00"),
    ])
    func formatsWithCurrencyAndGrouping(amount: String, currency: String, expected: String) throws {
        let value = try #require(Decimal(string: amount))
        #expect(MoneyFormat.format(value, currency: currency) == expected)
    }

    @Test func parsesAmountTextStrictly() {
        #expect(Decimal(amountText: "1,23,456.50") == Decimal(string: "123456.50"))
        #expect(Decimal(amountText: "₹ 1,234") == 1234)
        #expect(Decimal(amountText: "12.3.4") == nil)
        #expect(Decimal(amountText: "12abc") == nil)
        #expect(Decimal(amountText: "") == nil)
    }
}
