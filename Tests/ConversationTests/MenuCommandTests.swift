@testable import Conversation
import Testing

@Suite struct MenuCommandTests {
    @Test(arguments: ["hi", "Hi!", " MENU ", "help.", "Namaste", "hello!!"])
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

    @Test(arguments: ["10", "hi there", "how much did I spend last month", "", "menu please", "undo"])
    func anythingElseIsNotAMenuWord(text: String) {
        #expect(MenuCommand(text) == nil)
    }

    @Test func invoiceVerbsAreTheExtractorsCommands() {
        #expect(InvoiceCommandVerbs.all == ["edit", "change", "fix", "undo"])
        #expect(MessageWords.words("Undo.") == ["undo"])
    }
}
