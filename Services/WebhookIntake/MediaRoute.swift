import FintrakCore
import FintrakServiceHost
import FintrakStores
import Foundation
import Hummingbird
import MediaLinks

/// `GET /media/{token}`: the files made for replies (spreadsheets, charts, statements) and the originals of bills
/// (the books' page links them), private and expiring.
/// The token's signature and expiry are checked first; the file is then read under the token's tenant, so row-level
/// security keeps even a valid token to its own tenant's files. Anything wrong is a plain 404.
struct MediaRoute: Sendable {
    let database: TenantDatabase
    let signingKey: String

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/media/:token") { _, context in
            guard let file = try await file(for: context.parameters.get("token") ?? "") else { throw IntakeHTTPError.notFound }
            return Self.response(file)
        }
    }

    struct StoredFile: Sendable, Equatable {
        var filename: String
        var contentType: String
        var bytes: Data
    }

    /// The file a token names, if its signature holds, it has not expired and it belongs to the token's tenant.
    func file(for token: String, now: Date = Date()) async throws -> StoredFile? {
        guard let media = try? MediaToken.verify(token, key: signingKey, now: now) else { return nil }
        return try await database.read(tenant: media.tenant) { session in
            // A generated file by its id, or the original of the bill with that id (the books' page links both).
            try session.query("""
                SELECT filename, content_type, encode(bytes, 'base64') AS data
                FROM generated_files WHERE id = $1 AND expires_at > now()
                UNION ALL
                SELECT 'bill-' || left(m.sha256, 12) || CASE WHEN m.content_type = 'application/pdf' THEN '.pdf' ELSE '' END,
                       m.content_type, encode(m.bytes, 'base64')
                FROM invoices i JOIN media_objects m ON m.sha256 = i.media_sha256
                WHERE i.id = $1
                LIMIT 1
                """, [media.fileID]).first.map { row in
                StoredFile(filename: try row.decode("filename"), contentType: try row.decode("content_type"),
                           bytes: Data(base64Encoded: try row.decode("data", as: String.self), options: .ignoreUnknownCharacters)
                               ?? Data())
            }
        }
    }

    static func response(_ file: StoredFile) -> Response {
        let safeName = file.filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return Response(
            status: .ok,
            headers: [.contentType: file.contentType, .contentDisposition: "attachment; filename=\"\(safeName)\"",
                      .cacheControl: "private, no-store", .init("X-Content-Type-Options")!: "nosniff"],
            body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
