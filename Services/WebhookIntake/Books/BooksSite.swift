import AnswerFormatting
import FintrakCore
import FintrakDocuments
import FintrakPostgres
import FintrakServiceHost
import FintrakStores
import Foundation
import Hummingbird
import InvoiceEditing
import Khata
import KhataStore
import Logging
import Mustache
import ReminderStore
import WebAccess
import WebhookReading

/// The books on the web, under `/books`: reached through a one-time link from the chat ("web"), then by a session
/// cookie. Every page reads and writes as the session's tenant under row-level security, so another tenant's bill
/// is simply not there (404). Every POST must carry the session's CSRF token.
struct BooksSite: Sendable {
    let database: TenantDatabase
    /// Signs login links, session cookies, CSRF tokens and the originals' `/media/` links (`MEDIA_SIGNING_KEY`).
    let signingKey: String
    let chain: LedgerChain
    let timeZone: TimeZone
    /// Where a khata entry's notice to its party goes, as from the chat.
    let notices: ReminderQueue
    let responses: BooksResponses
    let logger: Logger

    /// Forms are small; anything bigger is refused unread.
    static let formLimit = 16 * 1024

    init(database: TenantDatabase, signingKey: String, ledgerSigningKey: String, publicBaseURL: String, timeZone: TimeZone,
         notices: ReminderQueue, logger: Logger) {
        self.database = database
        self.notices = notices
        self.signingKey = signingKey
        chain = LedgerChain(signingKey: ledgerSigningKey)
        self.timeZone = timeZone
        self.logger = logger
        // The templates are part of the program: a test parses every one, so none can fail here.
        responses = BooksResponses(library: (try? BooksTemplates.library()) ?? MustacheLibrary(),
                                   cookie: SessionCookie(publicBaseURL: publicBaseURL))
    }

    /// A request with a live session: its tenant and token, and the CSRF token its forms carry.
    struct Visitor: Sendable {
        var token: WebToken
        var cookie: String
        var csrf: String
        var tenant: String { token.tenant }
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/books/static/style.css") { _, _ in BooksResponses.stylesheet() }
        router.get("/books") { _, _ in BooksResponses.redirect("/books/bills") }
        router.get("/books/login/:token") { _, context in try await loginPage(context.parameters.get("token") ?? "") }
        router.post("/books/login/:token") { request, context in try await login(context.parameters.get("token") ?? "", request: request) }
        router.post("/books/logout") { request, _ in try await logout(request) }
        router.get("/books/bills") { request, _ in try await billsPage(request) }
        router.get("/books/bills/:id") { request, context in try await billPage(request, id: context.parameters.get("id")) }
        router.post("/books/bills/:id/edit") { request, context in try await editBill(request, id: context.parameters.get("id")) }
        router.post("/books/bills/:id/remove") { request, context in try await removeBill(request, id: context.parameters.get("id")) }
        KhataPages(site: self).register(on: router)
        router.get("/books/questions") { request, _ in try await questionsPage(request) }
        ExportPages(site: self).register(on: router)
    }

    // MARK: Signing in and out

    /// The link's page: a button that signs in. Opening the link uses nothing up, because WhatsApp's and mail's link
    /// previews fetch it too; only the button's POST (with the link's CSRF token) opens the session.
    func loginPage(_ signed: String) async throws -> Response {
        let link: WebToken
        switch checkedLink(signed) {
        case .success(let valid): link = valid
        case .failure(let refusal): return refusal.response
        }
        let open = try await database.read(tenant: link.tenant) { session in
            try WebSessionStore.isLinkOpen(signed: signed, session: session)
        }
        guard open else { return linkUsed() }
        return responses.page("login", LoginPage(chrome: Chrome(title: "Your books"), token: signed,
                                                 csrf: CSRFToken.value(for: link, key: signingKey)))
    }

    /// The button's POST: the link used up (once, whoever asks) and the session cookie set.
    func login(_ signed: String, request: Request) async throws -> Response {
        let link: WebToken
        switch checkedLink(signed) {
        case .success(let valid): link = valid
        case .failure(let refusal): return refusal.response
        }
        let bytes = try await request.body.collect(upTo: Self.formLimit)
        let form = Dictionary(FormBody.decode(bytes.readableBytesView)) { first, _ in first }
        guard CSRFToken.isValid(form[CSRFToken.field], for: link, key: signingKey) else {
            logger.warning("web sign-in without a valid CSRF token", metadata: ["tenant": "\(TenantTag.of(link.tenant))"])
            return responses.message("Form expired", "This form could not be checked. Open the link from the chat again.",
                                     status: .forbidden)
        }
        let cookie = try await database.write(tenant: link.tenant) { [signingKey] session in
            try WebSessionStore.consumeLink(link, signed: signed, key: signingKey, session: session)
        }
        guard let cookie else { return linkUsed() }
        logger.info("web session opened", metadata: ["tenant": "\(TenantTag.of(link.tenant))"])
        return BooksResponses.redirect("/books/bills", setCookie: responses.cookie.setting(cookie))
    }

    /// Why a login link is refused before the database is asked: the page to answer with.
    struct LinkRefusal: Error {
        var response: Response
    }

    private func checkedLink(_ signed: String) -> Result<WebToken, LinkRefusal> {
        do {
            return .success(try WebToken.verify(signed, purpose: .login, key: signingKey))
        } catch .expired {
            return .failure(LinkRefusal(response: responses.message(
                "Link expired", "This link has expired. Send “web” in the WhatsApp chat for a new one.", status: .gone)))
        } catch {
            return .failure(LinkRefusal(response: responses.message(
                "Link not valid", "This link is not valid. Send “web” in the WhatsApp chat for a new one.", status: .forbidden)))
        }
    }

    private func linkUsed() -> Response {
        responses.message("Link already used",
                          "This link was already used: each link opens the books once. Send “web” in the WhatsApp chat for a new one.",
                          status: .gone)
    }

    func logout(_ request: Request) async throws -> Response {
        try await posting(request) { visitor, _, session in
            try WebSessionStore.revoke(cookie: visitor.cookie, session: session)
            return responses.message("Signed out", "You are signed out. Send “web” in the WhatsApp chat to come back.",
                                     status: .ok, clearCookie: true)
        }
    }

    /// The session the request's cookie names, if its signature holds (whether it is still open is checked in the
    /// page's own transaction).
    func visitor(_ request: Request) -> Visitor? {
        guard let cookie = SessionCookie.value(inCookieHeader: request.headers[.cookie]),
              let token = try? WebToken.verify(cookie, purpose: .session, key: signingKey)
        else { return nil }
        return Visitor(token: token, cookie: cookie, csrf: CSRFToken.value(for: token, key: signingKey))
    }

    /// A GET page: read as the visitor's tenant once the session is known to be open; signed out otherwise.
    func reading(_ request: Request, _ body: @escaping @Sendable (Visitor, PostgresSession) throws -> Response) async throws -> Response {
        guard let visitor = visitor(request) else { return responses.signedOut() }
        let response = try await database.read(tenant: visitor.tenant) { session in
            guard try WebSessionStore.isLive(cookie: visitor.cookie, session: session) else { return nil as Response? }
            return try body(visitor, session)
        }
        return response ?? responses.signedOut()
    }

    /// A POST: the form read (16 KiB at most), the CSRF token checked (403 without it), then written as the
    /// visitor's tenant once the session is known to be open.
    func posting(_ request: Request,
                 _ body: @escaping @Sendable (Visitor, [String: String], PostgresSession) throws -> Response) async throws -> Response {
        try await posting(request) { visitor, form, session in (try body(visitor, form, session), ()) }.response
    }

    /// A POST as above whose handler also hands something on to do after the commit (`KhataPages.add`: the entry's
    /// notice); nil when nothing was written.
    func posting<Written: Sendable>(
        _ request: Request,
        _ body: @escaping @Sendable (Visitor, [String: String], PostgresSession) throws -> (response: Response, written: Written?)
    ) async throws -> (response: Response, written: Written?) {
        guard let visitor = visitor(request) else { return (responses.signedOut(), nil) }
        let bytes = try await request.body.collect(upTo: Self.formLimit)
        let form = Dictionary(FormBody.decode(bytes.readableBytesView)) { first, _ in first }
        guard CSRFToken.isValid(form[CSRFToken.field], for: visitor.token, key: signingKey) else {
            logger.warning("web form without a valid CSRF token", metadata: ["tenant": "\(TenantTag.of(visitor.tenant))"])
            return (responses.message("Form expired", "This form could not be checked. Go back, reload the page and try again.",
                                      status: .forbidden), nil)
        }
        let outcome = try await database.write(tenant: visitor.tenant) { session in
            guard try WebSessionStore.isLive(cookie: visitor.cookie, session: session) else {
                return nil as (response: Response, written: Written?)?
            }
            return try body(visitor, form, session)
        }
        return outcome ?? (responses.signedOut(), nil)
    }

    // MARK: Bills

    func billsPage(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let today = CalendarDay(Date(), in: timeZone)
        let month = BillsPageContent.month(query["month"].map(String.init)) ?? .month(today.year, today.month)
        let search = query["q"].map { String($0.prefix(100)).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        return try await reading(request) { [responses] visitor, session in
            let chrome = Chrome(title: "Bills", csrf: visitor.csrf, section: .bills)
            return responses.page("bills", try BillsPageContent.list(month: month, query: search, chrome: chrome, session: session))
        }
    }

    func billPage(_ request: Request, id: String?) async throws -> Response {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return responses.notFound() }
        let saved = request.uri.queryParameters["saved"].flatMap { InvoiceField(rawValue: String($0)) }
        return try await reading(request) { [responses, signingKey, timeZone] visitor, session in
            guard let bill = try BillsPageContent.find(id, session: session) else { return responses.notFound() }
            let chrome = Chrome(title: bill.invoice.record.payeeName, csrf: visitor.csrf, section: .bills,
                                notice: saved.map { "\($0.label) saved." })
            return responses.page("bill", try BillsPageContent.detail(bill, tenant: visitor.tenant, chrome: chrome, mediaKey: signingKey,
                                                               timeZone: timeZone, session: session))
        }
    }

    /// One field changed from the bill's page: read with the chat's own rules (`InvoiceCommand.columnText`), kept in
    /// `invoice_events` with the value before and after, like an "edit" in the chat.
    func editBill(_ request: Request, id: String?) async throws -> Response {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return responses.notFound() }
        return try await posting(request) { [responses, signingKey, timeZone] visitor, form, session in
            guard let bill = try BillsPageContent.find(id, forUpdate: true, session: session) else { return responses.notFound() }
            let problem = { (text: String) in
                let chrome = Chrome(title: bill.invoice.record.payeeName, csrf: visitor.csrf, section: .bills, problem: text)
                return responses.page("bill", try BillsPageContent.detail(bill, tenant: visitor.tenant, chrome: chrome,
                                                                   mediaKey: signingKey, timeZone: timeZone, session: session),
                                      status: .unprocessableContent)
            }
            guard let field = form["field"].flatMap(InvoiceField.init(rawValue:)) else { return try problem("Unknown field.") }
            guard bill.isActive else { return try problem("This bill was removed; it can no longer be changed.") }
            let typed = (form["value"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let value: String?
            if typed.isEmpty || (field.isOptional && InvoiceCommand.clearWords.contains(typed.lowercased())) {
                guard field.isOptional else { return try problem("\(field.label) cannot be empty.") }
                value = nil
            } else {
                guard let text = InvoiceCommand.columnText(field, typed) else {
                    return try problem("“\(typed)” is not a \(field.label.lowercased()) I can read.")
                }
                value = text
            }
            let current = bill.invoice.record
            guard value != field.columnText(of: current) else {
                return BooksResponses.redirect("/books/bills/\(id.uuidString.lowercased())")
            }
            if let invalid = field.apply(value, to: current).validationProblem { return try problem("Not saved: \(invalid).") }
            try InvoiceHistory.set(field, to: value, invoice: id, session: session)
            try InvoiceHistory.record(InvoiceChange(kind: .edited, field: field, oldValue: field.columnText(of: current), newValue: value),
                                      invoice: id, tenant: visitor.tenant, messageID: nil, session: session)
            return BooksResponses.redirect("/books/bills/\(id.uuidString.lowercased())?saved=\(field.rawValue)")
        }
    }

    /// "Mark as duplicate" or "Remove": the bill leaves the books as a reversal kept in its history, never deleted.
    func removeBill(_ request: Request, id: String?) async throws -> Response {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return responses.notFound() }
        return try await posting(request) { [responses] visitor, form, session in
            guard let bill = try BillsPageContent.find(id, forUpdate: true, session: session) else { return responses.notFound() }
            if bill.isActive {
                let reason = form["reason"] == "duplicate" ? "duplicate" : "removed"
                try InvoiceHistory.setActive(false, invoice: id, session: session)
                try InvoiceHistory.record(InvoiceChange(kind: .undone, newValue: reason), invoice: id, tenant: visitor.tenant,
                                          messageID: nil, session: session)
            }
            return BooksResponses.redirect("/books/bills/\(id.uuidString.lowercased())")
        }
    }

    // MARK: Questions

    struct QuestionsPage {
        struct Item {
            var when: String
            var question: String
            var answer: String
            var understood: Bool
        }

        var chrome: Chrome
        var questions: [Item]
    }

    func questionsPage(_ request: Request) async throws -> Response {
        try await reading(request) { [responses, timeZone] visitor, session in
            let items = try session.query("""
                SELECT question, answer_summary, understood, created_at FROM queries ORDER BY id DESC LIMIT 200
                """).map { row in
                QuestionsPage.Item(when: BillsPageContent.when(try row.decode("created_at"), timeZone), question: try row.decode("question"),
                                   answer: try row.decode("answer_summary", as: String?.self) ?? "(no answer recorded)",
                                   understood: try row.decode("understood"))
            }
            return responses.page("questions", QuestionsPage(chrome: Chrome(title: "Questions", csrf: visitor.csrf, section: .questions),
                                                             questions: items))
        }
    }
}
