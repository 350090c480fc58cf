import FintrakCore
import FintrakDocuments
import FintrakServiceHost
import Foundation
import Hummingbird
import Khata
import KhataStore

/// The khata on the web: parties with balances, a party's entries with the running balance (the statement's own
/// rows), a form to add an entry (chained like the chat's), and the statement PDF.
struct KhataPages: Sendable {
    let site: BooksSite

    struct ListPage {
        struct Party {
            var id: Int64
            var name: String
            var balance: String
            var side: String
        }

        var chrome: Chrome
        var owedToYou: String
        var youOwe: String
        var parties: [Party]
    }

    struct PartyPage {
        var chrome: Chrome
        var id: Int64
        var balance: String
        /// A fresh id for the add-entry form: the same form sent twice adds one entry.
        var entryID: String
        var columns: [String]
        var rows: [[String]]
        var footer: [String]
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/books/khata") { request, _ in try await list(request) }
        router.get("/books/khata/:party") { request, context in try await party(request, id: context.parameters.get("party")) }
        router.post("/books/khata/:party/entries") { request, context in try await add(request, id: context.parameters.get("party")) }
        router.get("/books/khata/:party/statement.pdf") { request, context in
            try await statement(request, id: context.parameters.get("party"))
        }
    }

    static func side(_ balance: Decimal) -> String {
        balance > 0 ? "owes you" : balance < 0 ? "you owe" : "settled"
    }

    func list(_ request: Request) async throws -> Response {
        try await site.reading(request) { [responses = site.responses] visitor, session in
            let balances = try LedgerStore(session: session, tenant: visitor.tenant).balances()
                .sorted { abs($0.balance) > abs($1.balance) }
            let parties = balances.map { entry in
                ListPage.Party(id: entry.party.id, name: entry.party.name, balance: MoneyFormat.format(abs(entry.balance)),
                               side: Self.side(entry.balance))
            }
            let owed = balances.map(\.balance).filter { $0 > 0 }.reduce(0, +)
            let owe = balances.map(\.balance).filter { $0 < 0 }.reduce(0, +)
            return responses.page("khata", ListPage(chrome: Chrome(title: "Khata", csrf: visitor.csrf, section: .khata),
                                                    owedToYou: MoneyFormat.format(owed), youOwe: MoneyFormat.format(-owe),
                                                    parties: parties))
        }
    }

    private static func find(_ id: Int64?, in store: LedgerStore) throws -> KhataParty? {
        guard let id else { return nil }
        return try store.balances().first { $0.party.id == id }?.party
    }

    func party(_ request: Request, id: String?, notice: String? = nil) async throws -> Response {
        try await site.reading(request) { [responses = site.responses, timeZone = site.timeZone] visitor, session in
            let store = LedgerStore(session: session, tenant: visitor.tenant)
            guard let party = try Self.find(id.flatMap { Int64($0) }, in: store) else { return responses.notFound() }
            let balance = try store.balance(of: party).balance
            let (statement, _) = try store.statement(of: party, printedAt: Date(), timeZone: timeZone)
            let chrome = Chrome(title: party.name, csrf: visitor.csrf, section: .khata,
                                notice: request.uri.queryParameters["added"] != nil ? "Entry added." : nil)
            return responses.page("party", PartyPage(
                chrome: chrome, id: party.id, balance: "\(MoneyFormat.format(abs(balance))) \(Self.side(balance))",
                entryID: UUID().uuidString.lowercased(), columns: Statement.columns, rows: statement.rows,
                footer: statement.footer))
        }
    }

    /// An entry from the party's page, chained like the chat's, and its notice to the party sent the chat's way.
    func add(_ request: Request, id: String?) async throws -> Response {
        let (response, written) = try await site.posting(request) {
            [responses = site.responses, chain = site.chain] visitor, form, session -> (response: Response, written: (tenant: String, messageID: String)?) in
            let store = LedgerStore(session: session, tenant: visitor.tenant)
            guard let party = try Self.find(id.flatMap { Int64($0) }, in: store) else { return (responses.notFound(), nil) }
            let back = "/books/khata/\(party.id)"
            guard let amount = form["amount"].flatMap({ Decimal(amountText: $0) }), amount > 0, amount < 1_000_000_000 else {
                return (responses.message("Amount not read", "Enter the amount in rupees, like 500 or 1250.50.",
                                          status: .unprocessableContent), nil)
            }
            guard let entryID = form["entry"].flatMap(UUID.init(uuidString:)) else {
                return (responses.message("Form expired", "Reload the page and try again.", status: .unprocessableContent), nil)
            }
            let messageID = "web-" + entryID.uuidString.lowercased()
            if try store.entry(forMessage: messageID) == nil {
                let direction: LedgerDirection = form["direction"] == "got" ? .youGot : .youGave
                let note = form["note"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
                try store.append(partyID: party.id, amount: direction.signed(amount), note: note, messageID: messageID, chain: chain)
            }
            // Also when the form came twice: the notice is then the same one, which the responder sends once.
            return (BooksResponses.redirect(back + "?added=1"), (visitor.tenant, messageID))
        }
        if let written {
            _ = try await site.notices.sendNotice(forMessage: written.messageID, tenant: written.tenant, provider: nil, now: Date(),
                                                  zone: site.timeZone)
        }
        return response
    }

    func statement(_ request: Request, id: String?) async throws -> Response {
        try await site.reading(request) { [responses = site.responses, timeZone = site.timeZone] visitor, session in
            let store = LedgerStore(session: session, tenant: visitor.tenant)
            guard let party = try Self.find(id.flatMap { Int64($0) }, in: store) else { return responses.notFound() }
            let (statement, _) = try store.statement(of: party, printedAt: Date(), timeZone: timeZone)
            return BooksResponses.download(try StatementPDF.pdf(for: statement), filename: StatementPDF.filename(party: party),
                                           contentType: StatementPDF.contentType)
        }
    }
}
