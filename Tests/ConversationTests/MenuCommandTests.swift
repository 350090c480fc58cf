@testable import Conversation
import Testing

@Suite struct MenuCommandTests {
    @Test(arguments: ["hi", "Hi!", " MENU ", "help.", "Namaste", "hello!!", "hi there", "Hello ji 🙏", "नमस्ते", "good morning"])
    func greetingsShowTheMenuWhateverTheCaseAndPunctuation(text: String) {
        #expect(MenuCommand(text) == .showMenu)
        #expect(MenuCommand(text)?.reply == MenuCommand.menu)
    }

    @Test func numbersChooseAnOption() {
        #expect(MenuCommand("1") == .saveInvoice)
        #expect(MenuCommand(" 2 ") == .askQuestion)
        #expect(MenuCommand("3.") == .khata)
        #expect(MenuCommand("0") == .exit)
    }

    @Test(arguments: ["10", "hi, how much did I spend last month", "how much did I spend last month", "", "menu please", "undo", "ok"])
    func anythingElseIsNotAMenuWord(text: String) {
        #expect(MenuCommand(text) == nil)
    }

    @Test func invoiceVerbsAreTheExtractorsCommands() {
        #expect(InvoiceCommandVerbs.all == ["edit", "change", "fix", "undo"])
        #expect(MessageWords.words("Undo.") == ["undo"])
    }
}

@Suite("Web page words")
struct WebCommandTests {
    @Test func linkLogoutAndReportWords() {
        for text in ["web", "Dashboard", " link ", "Web link!"] { #expect(WebCommand(text) == .loginLink) }
        for text in ["logout all", "Log out all.", "LOGOUT ALL"] { #expect(WebCommand(text) == .logoutAll) }
        #expect(WebCommand("GST report November") == .gstReport(period: "november"))
        #expect(WebCommand("gst summary for last quarter") == .gstReport(period: "last quarter"))
        #expect(WebCommand("GST report") == .gstReport(period: ""))
        for text in ["website of Reliance?", "how much gst last month", "logout", "hi", "Ramesh 500 link", nil] {
            #expect(WebCommand(text) == nil)
        }
    }
}
