import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import FintrakServiceHost
import FintrakStores
import FintrakTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ReminderStore
import Testing
import WebAccess
@testable import WebhookIntake

/// A khata entry made on the web page tells its party as one from the chat does: the same notice (the template
/// configured for the owner's provider, a code to answer), through the same path, once even when the form comes twice.
@Suite struct WebEntryNoticeTests {
    @Test func anEntryFromTheWebPageSendsThePartyTheChatsNoticeOnce() async throws {
        try await withReminderStack { stack in
            let noon = ReminderTests.noon
            try await stack.setUp(owes: 300, at: noon)
            #expect(try await stack.ask("notify Ramesh on", at: noon).hasPrefix("Ramesh will be sent each new entry"))
            let key = "web-notice-test-key"
            let database = TenantDatabase(pool: PostgresPool(url: try #require(stack.environment["DATABASE_URL"]), size: 2,
                                                             logger: Logger(label: "test")))
            let configuration = try FintrakConfiguration.load(service: "test", defaultPort: 0, environment: stack.environment)
            let site = BooksSite(database: database, signingKey: key, ledgerSigningKey: configuration.ledgerSigningKey.secret,
                                 publicBaseURL: "http://127.0.0.1", timeZone: TimeZone(identifier: "Asia/Kolkata") ?? .gmt,
                                 notices: ReminderQueue(database: database, publisher: stack.publisher, queues: stack.queues),
                                 logger: Logger(label: "test"))
            let link = try await database.write(tenant: stack.shop) { [shop = stack.shop] session in
                try WebSessionStore.issueLink(tenant: shop, key: key, session: session)
            }
            let party = try await stack.count("SELECT id AS n FROM ledger_parties WHERE tenant = '\(stack.shop)' AND name = 'Ramesh'")
            let router = Router(context: ServiceRequestContext.self)
            site.register(on: router)
            try await Application(router: router).test(.router) { client in
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let loginCSRF = CSRFToken.value(for: try WebToken.verify(link, purpose: .login, key: key), key: key)
                let cookie = try await client.execute(uri: "/books/login/\(link)", method: .post, headers: form,
                                                      body: ByteBuffer(string: "csrf=\(loginCSRF)")) { response in
                    try #require(SessionCookie.value(inCookieHeader: response.headers[.setCookie]?.components(separatedBy: ";").first))
                }
                let csrf = CSRFToken.value(for: try WebToken.verify(cookie, purpose: .session, key: key), key: key)
                var headers = form
                headers[.cookie] = "\(SessionCookie.name)=\(cookie)"
                let entry = UUID().uuidString.lowercased()
                for _ in 0..<2 {
                    try await client.execute(uri: "/books/khata/\(party)/entries", method: .post, headers: headers,
                                             body: ByteBuffer(string: "csrf=\(csrf)&amount=250&direction=gave&entry=\(entry)")) { response in
                        #expect(response.status == .seeOther)
                    }
                }
            }
            let notice = try #require(try await stack.partyReceives(1).last?.template)
            #expect(notice.id == FakeWhatsApp.twilioNoticeSID)
            #expect(notice.variables.first == "Gupta Kirana" && notice.variables.dropFirst().first?.contains("₹250") == true,
                    "\(notice.variables)")
            #expect(try await stack.count("SELECT count(*) AS n FROM entry_notices WHERE tenant = '\(stack.shop)'") == 1)
            #expect(try await stack.count("""
                SELECT count(*) AS n FROM outbound_messages WHERE tenant = '\(stack.shop)' AND reply_id LIKE 'notice:%'
                """) == 1)
        }
    }
}
