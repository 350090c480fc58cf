import FintrakCore
import FintrakPostgres
import FintrakQueues
import FintrakRabbitMQ
import FintrakServiceHost
import FintrakStores
import FintrakTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import KhataStore
import MediaLinks
import ReminderStore
import Testing
import WebAccess
@testable import WebhookIntake

/// The books' pages against the real PostgreSQL, without a browser (Tests/Browser drives them in Chromium): the
/// link opens once, forms need their CSRF token, another tenant's bill is not there, "logout all" ends sessions.
@Suite struct BooksSiteTests {
    let database: TenantDatabase
    let site: BooksSite
    let key = "books-test-key"
    let tenant = ServiceEnvironment.uniqueTenant()
    let other = ServiceEnvironment.uniqueTenant()

    init() async throws {
        try await ServiceEnvironment.migrate()
        database = TenantDatabase(pool: PostgresPool(url: try TestEnvironment.databaseURL, size: 2, logger: Logger(label: "test")))
        // No party here is notified, so nothing is published (the publisher connects on its first publish).
        let queues = Queues(prefix: "books-site-test")
        let publisher = AMQPPublisher(url: try TestEnvironment.amqpURL, topology: queues.topology, logger: Logger(label: "test"))
        site = BooksSite(database: database, signingKey: key, ledgerSigningKey: "ledger-test-key",
                         publicBaseURL: "https://books.example.in", timeZone: TimeZone(identifier: "Asia/Kolkata") ?? .gmt,
                         notices: ReminderQueue(database: database, publisher: publisher, queues: queues), logger: Logger(label: "test"))
    }

    func bill(for tenant: String, payee: String, total: Decimal) async throws -> UUID {
        let record = InvoiceRecord(payeeName: payee, invoiceNumber: nil, invoiceDate: CalendarDay(clampingYear: 2026, month: 11, day: 5),
                                   totalAmount: total, taxAmount: nil, currency: "INR", paymentMethod: nil, category: nil, gstin: nil)
        return try await database.write(tenant: tenant) { session in
            try InvoiceStore.insert(record, tenant: tenant, source: .import, session: session)
        }
    }

    func link(for tenant: String) async throws -> String {
        try await database.write(tenant: tenant) { [key] session in try WebSessionStore.issueLink(tenant: tenant, key: key, session: session) }
    }

    @Test func everyTemplateParses() throws {
        let library = try BooksTemplates.library()
        for (name, _) in BooksTemplates.all { #expect(library.getTemplate(named: name) != nil, "\(name)") }
    }

    @Test func theLinkOpensOnceAndTheSessionReachesOnlyItsOwnBills() async throws {
        let mine = try await bill(for: tenant, payee: "Sharma <Traders>", total: 1350)
        let theirs = try await bill(for: other, payee: "Secret Supplier", total: 999)
        let link = try await link(for: tenant)
        let router = Router(context: ServiceRequestContext.self)
        site.register(on: router)
        try await Application(router: router).test(.router) { client in
            let cookie = try await client.execute(uri: "/books/login/\(link)", method: .post, headers: loginForm,
                                                  body: try loginBody(link)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/books/bills")
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("; Secure"))
                return try #require(SessionCookie.value(inCookieHeader: setCookie.components(separatedBy: ";").first))
            }
            try await client.execute(uri: "/books/login/\(link)", method: .post, headers: loginForm, body: try loginBody(link)) { response in
                #expect(response.status == .gone)
                #expect(String(buffer: response.body).contains("already used"))
            }
            try await client.execute(uri: "/books/login/\(link)", method: .get) { response in
                #expect(response.status == .gone)
            }
            let headers: HTTPFields = [.cookie: "\(SessionCookie.name)=\(cookie)"]
            try await client.execute(uri: "/books/bills?month=2026-11", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Sharma &lt;Traders&gt;") && !html.contains("<Traders>"), "payee names are escaped")
                #expect(!html.contains("Secret Supplier"))
                #expect(response.headers[.init("Content-Security-Policy")!]?.hasPrefix("default-src 'none'") == true)
            }
            try await client.execute(uri: "/books/bills/\(theirs.uuidString)", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            var form = headers
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/books/bills/\(mine.uuidString)/edit", method: .post, headers: form,
                                     body: ByteBuffer(string: "field=total&value=1")) { response in
                #expect(response.status == .forbidden)
            }
            let session = try WebToken.verify(cookie, purpose: .session, key: key)
            let csrf = CSRFToken.value(for: session, key: key)
            try await client.execute(uri: "/books/bills/\(theirs.uuidString)/edit", method: .post, headers: form,
                                     body: ByteBuffer(string: "csrf=\(csrf)&field=total&value=1")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/books/bills/\(mine.uuidString)/edit", method: .post, headers: form,
                                     body: ByteBuffer(string: "csrf=\(csrf)&field=total&value=1%2C530.50")) { response in
                #expect(response.status == .seeOther)
            }
            let ended = try await database.write(tenant: tenant) { session in try WebSessionStore.revokeAll(session: session) }
            #expect(ended == 1)
            try await client.execute(uri: "/books/bills", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
        let totals = try await database.read(tenant: tenant) { session in
            try session.query("SELECT total_amount FROM invoices WHERE id = $1", [mine]).first?.decode("total_amount", as: Decimal.self)
        }
        #expect(totals == Decimal(string: "1530.50"))
        let untouched = try await database.read(tenant: other) { session in
            try session.query("SELECT total_amount FROM invoices WHERE id = $1", [theirs]).first?.decode("total_amount", as: Decimal.self)
        }
        #expect(untouched == 999)
    }

    let loginForm: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The sign-in button's form for `link`.
    func loginBody(_ link: String) throws -> ByteBuffer {
        ByteBuffer(string: "csrf=\(CSRFToken.value(for: try WebToken.verify(link, purpose: .login, key: key), key: key))")
    }

    /// WhatsApp's and mail's link previews fetch the link: that shows a page and uses nothing up; the page's button
    /// (a POST with the link's CSRF token) signs in, and a POST without the token is refused and uses nothing up either.
    @Test func openingTheLinkUsesNothingUpOnlyTheButtonSignsIn() async throws {
        let link = try await link(for: tenant)
        let router = Router(context: ServiceRequestContext.self)
        site.register(on: router)
        try await Application(router: router).test(.router) { client in
            var csrf = ""
            for _ in 0..<2 {
                try await client.execute(uri: "/books/login/\(link)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.setCookie] == nil)
                    let html = String(buffer: response.body)
                    #expect(html.contains("<form method=\"post\" action=\"/books/login/\(link)\">"))
                    let field = try #require(html.range(of: "name=\"csrf\" value=\""))
                    csrf = String(html[field.upperBound...].prefix { $0 != "\"" })
                }
            }
            try await client.execute(uri: "/books/login/\(link)", method: .post, headers: loginForm,
                                     body: ByteBuffer(string: "csrf=forged")) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/books/login/\(link)", method: .post, headers: loginForm,
                                     body: ByteBuffer(string: "csrf=\(csrf)")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/books/bills")
                #expect(response.headers[.setCookie]?.hasPrefix(SessionCookie.name + "=") == true)
            }
        }
    }

    @Test func aLinkForOneTenantCannotBeReplayedAsAnother() async throws {
        let link = try await link(for: tenant)
        let token = try WebToken.verify(link, purpose: .login, key: key)
        let moved = WebToken(purpose: .login, tenant: other, nonce: token.nonce, expires: token.expires).signed(with: "guess")
        // Re-signed with a different key (an attacker has no key): refused before the database is asked.
        let router = Router(context: ServiceRequestContext.self)
        site.register(on: router)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/books/login/\(moved)", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    /// Signs in `tenant` and returns the cookie header and the CSRF token of the session.
    func signIn(_ client: some TestClientProtocol, tenant: String) async throws -> (headers: HTTPFields, csrf: String) {
        let link = try await link(for: tenant)
        let cookie = try await client.execute(uri: "/books/login/\(link)", method: .post, headers: loginForm,
                                              body: try loginBody(link)) { response in
            try #require(SessionCookie.value(inCookieHeader: response.headers[.setCookie]?.components(separatedBy: ";").first))
        }
        let session = try WebToken.verify(cookie, purpose: .session, key: key)
        return ([.cookie: "\(SessionCookie.name)=\(cookie)"], CSRFToken.value(for: session, key: key))
    }

    @Test func aBillShowsItsOriginalAndItsDoubtfulFieldsFirst() async throws {
        let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let sha = String(repeating: "ab", count: 32)
        let id = try await database.write(tenant: tenant) { [tenant] session in
            try session.execute("INSERT INTO media_objects (tenant, sha256, content_type, bytes) VALUES ($1, $2, 'image/png', decode($3, 'base64'))",
                                [tenant, sha, photo.base64EncodedString()])
            let record = InvoiceRecord(payeeName: "Blurry Mart", invoiceNumber: nil, invoiceDate: CalendarDay(clampingYear: 2026, month: 11, day: 9),
                                       totalAmount: 410, taxAmount: nil, currency: "INR", paymentMethod: nil, category: nil, gstin: nil)
            return try InvoiceStore.insert(record, tenant: tenant, source: .whatsapp, mediaSHA256: sha,
                                           confidence: #"{"total_amount": 0.3, "payee_name": 0.95}"#, session: session)
        }
        let router = Router(context: ServiceRequestContext.self)
        site.register(on: router)
        MediaRoute(database: database, signingKey: key).register(on: router)
        try await Application(router: router).test(.router) { client in
            let (headers, _) = try await signIn(client, tenant: tenant)
            let html = try await client.execute(uri: "/books/bills/\(id.uuidString)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            let image = try #require(html.firstMatch(of: /<img src="(\/media\/[^"]+)"/)?.1)
            let fields = html.matches(of: /id="field-([a-z]+)"/).map { String($0.1) }
            #expect(fields.first == "total", "the doubtful total comes first: \(fields)")
            #expect(html.contains("? check"))
            try await client.execute(uri: String(image), method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == photo)
                #expect(response.headers[.contentType] == "image/png")
            }
            try await client.execute(uri: "/books/bills?month=2026-11", method: .get, headers: headers) { response in
                #expect(String(buffer: response.body).contains("check Total"))
            }
        }
    }

    @Test func aKhataEntryFromTheFormIsChainedOnceEvenWhenSentTwice() async throws {
        let router = Router(context: ServiceRequestContext.self)
        site.register(on: router)
        let party = try await database.write(tenant: tenant) { [tenant] session in
            try LedgerStore(session: session, tenant: tenant).createParty(named: "Ramesh").id
        }
        try await Application(router: router).test(.router) { client in
            var (headers, csrf) = try await signIn(client, tenant: tenant)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let entry = UUID().uuidString
            for _ in 0..<2 {
                try await client.execute(uri: "/books/khata/\(party)/entries", method: .post, headers: headers,
                                         body: ByteBuffer(string: "csrf=\(csrf)&entry=\(entry)&direction=gave&amount=500&note=saman")) { response in
                    #expect(response.status == .seeOther)
                }
            }
            try await client.execute(uri: "/books/khata/\(party)", method: .get, headers: headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("₹500.00 owes you"))
                #expect(html.contains("saman"))
            }
            try await client.execute(uri: "/books/khata/\(party)/statement.pdf", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("%PDF"))
            }
        }
        let entries = try await database.read(tenant: tenant) { session in
            try session.query("SELECT count(*) AS n FROM ledger_entries WHERE party_id = $1", [party]).first?.decode("n", as: Int.self)
        }
        #expect(entries == 1)
    }
}
