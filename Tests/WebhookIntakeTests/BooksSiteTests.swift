import FintrakCore
import FintrakPostgres
import FintrakServiceHost
import FintrakStores
import FintrakTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MediaLinks
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
        site = BooksSite(database: database, signingKey: key, ledgerSigningKey: "ledger-test-key",
                         publicBaseURL: "https://books.example.in", timeZone: TimeZone(identifier: "Asia/Kolkata") ?? .gmt,
                         logger: Logger(label: "test"))
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
            let cookie = try await client.execute(uri: "/books/login/\(link)", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/books/bills")
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("; Secure"))
                return try #require(SessionCookie.value(inCookieHeader: setCookie.components(separatedBy: ";").first))
            }
            try await client.execute(uri: "/books/login/\(link)", method: .get) { response in
                #expect(response.status == .gone)
                #expect(String(buffer: response.body).contains("already used"))
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
}
