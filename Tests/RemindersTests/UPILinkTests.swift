import FintrakCore
import Foundation
import Reminders
import Testing

/// UPI links after NPCI's linking specification: fields, two-decimal amounts, percent-encoding, the 50-character note.
@Suite struct UPILinkTests {
    let payment = UPIPayment(vpa: "shop@okaxis", payeeName: "Gupta Kirana", amount: 1200, note: "Khata payment to Gupta Kirana")

    @Test func buildsTheLinkWithEveryFieldInOrder() {
        #expect(UPILink.build(payment)
            == "upi://pay?pa=shop@okaxis&pn=Gupta%20Kirana&am=1200.00&cu=INR&tn=Khata%20payment%20to%20Gupta%20Kirana")
    }

    @Test func amountsHaveTwoDecimalsRoundedHalfUp() throws {
        for (amount, written) in [(Decimal(string: "99.5")!, "99.50"), (Decimal(string: "1234.567")!, "1234.57"), (Decimal(7), "7.00")] {
            let link = UPILink.build(UPIPayment(vpa: "a@b", payeeName: "X", amount: amount, note: "n"))
            #expect(try #require(UPILink.parse(link))["am"] == written)
        }
    }

    @Test func valuesArePercentEncodedAndParseBack() throws {
        let odd = UPIPayment(vpa: "ramu.k-1@ybl", payeeName: "Sharma & Sons = best", amount: 50,
                             note: "गुप्ता किराना + 50% off?")
        let link = UPILink.build(odd)
        #expect(!link.contains(" ") && !link.contains("+") && link.contains("pn=Sharma%20%26%20Sons%20%3D%20best"))
        let fields = try #require(UPILink.parse(link))
        #expect(fields == ["pa": "ramu.k-1@ybl", "pn": "Sharma & Sons = best", "am": "50.00", "cu": "INR",
                           "tn": "गुप्ता किराना + 50% off?"])
    }

    @Test func theNoteIsCutToFiftyCharacters() throws {
        let long = UPIPayment(vpa: "a@b", payeeName: "X", amount: 1, note: String(repeating: "é", count: 80))
        #expect(try #require(UPILink.parse(UPILink.build(long)))["tn"]?.count == 50)
    }

    @Test func vpasAreChecked() {
        for good in ["shop@okaxis", "gupta.kirana-1@oksbi", "98765@paytm"] { #expect(UPILink.isValidVPA(good), "\(good)") }
        for bad in ["shop", "@okaxis", "shop@", "sh op@okaxis", "a@b@c", "shop@1bank", "shop@ok axis"] {
            #expect(!UPILink.isValidVPA(bad), "\(bad)")
        }
    }

    @Test func otherLinksDoNotParse() {
        #expect(UPILink.parse("https://pay?pa=x") == nil)
        #expect(UPILink.parse("upi://pay?pa=%ZZ") == nil)
    }
}
