import Conversation
import FintrakCore
import FintrakTestSupport
import Foundation
import Testing

/// Small talk through query-generator: one short polite reply for a message that is only that, and a khata line or
/// question that merely starts with it read as what it is.
@Suite struct SmallTalkTests {
    @Test func okThanksAndGreetingsGetAPoliteReplyAndLinesAroundThemAreStillRead() async throws {
        try await withReminderStack { stack in
            let noon = ReminderTests.noon
            #expect(try await stack.ask("ok 👍", at: noon) == Chatter.acknowledgement.reply(afterBill: false))
            #expect(try await stack.ask("shukriya", at: noon) == Chatter.thanks.reply(afterBill: false))
            #expect(try await stack.ask("Namaste ji", at: noon) == MenuCommand.menu)
            let entry = try await stack.ask("ok Ramesh 500 udhaar", at: noon)
            #expect(entry.contains("Ramesh") && entry.contains("₹500"), "\(entry)")
            let parties = try await stack.count("SELECT count(*) AS n FROM ledger_parties WHERE tenant = '\(stack.shop)'")
            let ramesh = try await stack.count("SELECT count(*) AS n FROM ledger_parties WHERE tenant = '\(stack.shop)' AND name = 'Ramesh'")
            #expect(parties == 1 && ramesh == 1)
            let question = try await stack.ask("thanks, how much GST last month?", at: noon)
            #expect(!question.contains("didn't understand") && !question.hasPrefix("You're welcome"), "\(question)")
        }
    }
}
