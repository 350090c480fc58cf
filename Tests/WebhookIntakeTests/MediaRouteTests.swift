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
@testable import WebhookIntake

/// `GET /media/{token}` against the real PostgreSQL: only a valid, unexpired token opens a file, and only its tenant's.
@Suite struct MediaRouteTests {
    let database: TenantDatabase
    let route: MediaRoute
    let tenant = ServiceEnvironment.uniqueTenant()
    let other = ServiceEnvironment.uniqueTenant()

    init() async throws {
        try await ServiceEnvironment.migrate()
        database = TenantDatabase(pool: PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: Logger(label: "test")))
        route = MediaRoute(database: database, signingKey: "media-test-key")
    }

    func store(_ bytes: Data, for tenant: String, expiresIn seconds: Int = 3600) async throws -> UUID {
        try await database.write(tenant: tenant) { session in
            try session.query("""
                INSERT INTO generated_files (tenant, filename, content_type, bytes, expires_at)
                VALUES ($1, 'bills-2026-11-21.xlsx', 'application/vnd.ms-excel', decode($2, 'base64'), now() + make_interval(secs => $3))
                RETURNING id
                """, [tenant, bytes.base64EncodedString(), seconds])[0].decode("id")
        }
    }

    func token(_ tenant: String, _ id: UUID, key: String = "media-test-key", expires: Date = Date().addingTimeInterval(600)) -> String {
        MediaToken(tenant: tenant, fileID: id, expires: expires).signed(with: key)
    }

    @Test func aValidTokenOpensItsFile() async throws {
        let bytes = Data((0..<3000).map { UInt8($0 % 251) })
        let id = try await store(bytes, for: tenant)
        let file = try await route.file(for: token(tenant, id))
        #expect(file == MediaRoute.StoredFile(filename: "bills-2026-11-21.xlsx", contentType: "application/vnd.ms-excel", bytes: bytes))
        let response = MediaRoute.response(try #require(file))
        #expect(response.status == .ok)
        #expect(response.headers[.contentDisposition] == "attachment; filename=\"bills-2026-11-21.xlsx\"")
        #expect(response.headers[.cacheControl] == "private, no-store")
    }

    @Test func badExpiredOrForeignTokensOpenNothing() async throws {
        let id = try await store(Data("secret".utf8), for: tenant)
        #expect(try await route.file(for: token(tenant, id, key: "another-key")) == nil)
        #expect(try await route.file(for: token(tenant, id, expires: Date().addingTimeInterval(-1))) == nil)
        #expect(try await route.file(for: token(other, id)) == nil, "a token signed for another tenant does not reach this file")
        #expect(try await route.file(for: "not-a-token") == nil)
        #expect(try await route.file(for: token(tenant, UUID())) == nil)
    }

    @Test func theRouteAnswers404ForWhatOpensNothing() async throws {
        let id = try await store(Data("secret".utf8), for: tenant)
        let router = Router(context: ServiceRequestContext.self)
        route.register(on: router)
        try await Application(router: router).test(.router) { client in
            for path in ["/media/not-a-token", "/media/" + token(other, id)] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body) == "not found\n")
                }
            }
            try await client.execute(uri: "/media/" + token(tenant, id), method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "secret")
            }
        }
    }

    @Test func aFileThatHasExpiredInTheDatabaseIsGone() async throws {
        let id = try await store(Data("old".utf8), for: tenant, expiresIn: -5)
        #expect(try await route.file(for: token(tenant, id)) == nil)
    }
}
