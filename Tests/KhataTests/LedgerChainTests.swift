import Foundation
import Khata
import Testing

@Suite struct LedgerChainTests {
    let chain = LedgerChain(signingKey: "test-key")

    func entries(_ amounts: [Decimal]) -> [ChainedEntry] {
        var sealed: [ChainedEntry] = []
        for (offset, amount) in amounts.enumerated() {
            let entry = ChainedEntry(sequence: Int64(offset + 1), tenant: "+919800000001", partyID: 7, amount: amount,
                                     kind: "entry", note: nil, reverses: nil, invoiceID: nil,
                                     recordedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(offset)))
            sealed.append(chain.sealed(entry, after: sealed.last))
        }
        return sealed
    }

    @Test func anUntouchedChainVerifies() {
        let sealed = entries([500, -200, 300])
        #expect(chain.verify(sealed) == .intact(entries: 3, head: VerificationCode(head: sealed[2])))
        #expect(chain.verify(sealed, code: VerificationCode(head: sealed[1])).isIntact)
    }

    @Test func anEditedAmountBreaksTheChainAtThatEntry() {
        var sealed = entries([500, -200, 300])
        sealed[1].amount = -20
        #expect(chain.verify(sealed) == .altered(sequence: 2))
    }

    @Test func aDeletedMiddleEntryIsMissing() {
        var sealed = entries([500, -200, 300])
        sealed.remove(at: 1)
        #expect(chain.verify(sealed) == .missing(sequence: 2))
    }

    @Test func deletingTheNewestEntryIsCaughtByAStatementsCode() {
        var sealed = entries([500, -200, 300])
        let code = VerificationCode(head: sealed[2])
        sealed.removeLast()
        #expect(chain.verify(sealed).isIntact)
        #expect(!chain.verify(sealed, code: code).isIntact)
    }

    @Test func anotherKeyDoesNotVerify() {
        #expect(!LedgerChain(signingKey: "other").verify(entries([500])).isIntact)
    }

    @Test func codesReadBackAsPrinted() {
        let code = VerificationCode(head: entries([500])[0])
        #expect(VerificationCode(code.description.lowercased()) == code)
        #expect(VerificationCode("12-XYZ") == nil)
    }

    @Test func runningBalancesAreExact() {
        let lines = LedgerMath.runningBalances(entries([Decimal(string: "0.10")!, Decimal(string: "0.20")!, -1]))
        #expect(lines.map(\.balance) == [Decimal(string: "0.10")!, Decimal(string: "0.30")!, Decimal(string: "-0.70")!])
        #expect(LedgerMath.text(Decimal(string: "-1200.5")!) == "-1200.50")
    }
}

@Suite struct PartyMatcherTests {
    let parties = [KhataParty(id: 1, name: "Ramesh Kumar"), KhataParty(id: 2, name: "Ramesh Sharma"),
                   KhataParty(id: 3, name: "Suresh"), KhataParty(id: 4, name: "Mahalaxmi Suppliers")]

    @Test func exactNamesMatchWhateverTheCaseOrHonorific() {
        #expect(PartyMatcher.match("suresh bhai", among: parties) == .found(parties[2]))
        #expect(PartyMatcher.match("sureshs", among: parties) == .found(parties[2]))
    }

    @Test func partOfANameMatchesWhenOnlyOneHasIt() {
        #expect(PartyMatcher.match("mahalaxmi", among: parties) == .found(parties[3]))
        #expect(PartyMatcher.match("ramesh", among: parties) == .ambiguous([parties[0], parties[1]]))
        // A longer name than a party's may be someone else: the owner chooses.
        #expect(PartyMatcher.match("suresh kumar", among: parties) == .ambiguous([parties[2]]))
    }

    @Test func misspellingsMatchButOtherNamesAreNew() {
        #expect(PartyMatcher.match("sursh", among: parties) == .found(parties[2]))
        #expect(PartyMatcher.match("mahalxmi supplier", among: parties) == .found(parties[3]))
        #expect(PartyMatcher.match("mohan", among: parties) == .new("Mohan"))
    }
}

@Suite struct KhataRepliesTests {
    @Test func balancesSayWhoOwesWhom() {
        #expect(KhataReplies.balance("Ramesh", 300) == "Ramesh owes you ₹300.")
        #expect(KhataReplies.balance("Mahalaxmi Suppliers", -3000) == "You owe Mahalaxmi Suppliers ₹3,000.")
    }

    @Test func profitShowsItsParts() {
        let text = KhataReplies.profit(.thisMonth, sales: 50000, bills: 30000, expenses: Decimal(string: "1500.50")!)
        #expect(text.contains("₹18,499.50") && text.contains("Sales ₹50,000") && text.contains("bills ₹30,000"))
    }

    @Test func listsCarryTheirTotals() {
        let balances = [PartyBalance(party: KhataParty(id: 1, name: "Ramesh"), balance: 300),
                        PartyBalance(party: KhataParty(id: 2, name: "Mohan"), balance: 750),
                        PartyBalance(party: KhataParty(id: 3, name: "Mahalaxmi"), balance: -3000)]
        let text = KhataReplies.parties(balances, side: .receivable)
        #expect(text.contains("₹1,050") && text.contains("Mohan ₹750") && !text.contains("Mahalaxmi"))
        #expect(KhataReplies.total(balances, side: .payable).hasPrefix("You owe ₹3,000"))
    }

    @Test func aStatementCountsItsEntriesInGoodEnglish() throws {
        let ramesh = PartyBalance(party: KhataParty(id: 1, name: "Ramesh"), balance: 500)
        let code = try #require(VerificationCode("1-C8AD549A"))
        #expect(KhataReplies.partyBalance(ramesh, code: code, entries: 1).contains("Statement attached: 1 entry, verification code 1-C8AD549A."))
        #expect(KhataReplies.partyBalance(ramesh, code: code, entries: 3).contains("Statement attached: 3 entries,"))
    }
}
