import FintrakCore
import FintrakDocuments
import FintrakPostgres
import Foundation
import MediaLinks

/// Files made for replies, kept in `generated_files` under the tenant's row-level security and linked with an
/// HMAC-signed, expiring token that `webhook-intake` checks at `GET /media/{token}`.
struct GeneratedFiles: Sendable {
    static let xlsxType = XLSXWriter.contentType

    struct File: Sendable {
        var filename: String
        var contentType: String
        var bytes: Data
    }

    let publicBaseURL: String
    let signingKey: String
    /// Long enough for the provider (and the person) to fetch the file, short enough that a leaked link dies.
    var lifetime: TimeInterval = 24 * 60 * 60

    /// Queues the file's row (it goes to the server with the transaction's next statement or its COMMIT) and
    /// returns its link; the id is made here, so nothing waits for the server.
    func store(_ file: File, tenant: String, session: PostgresSession, now: Date = Date()) -> ReplyAttachment {
        let expires = now.addingTimeInterval(lifetime)
        let id = UUID()
        session.enqueue("""
            INSERT INTO generated_files (id, tenant, filename, content_type, bytes, expires_at)
            VALUES ($1, $2, $3, $4, decode($5, 'base64'), $6)
            """, [id, tenant, file.filename, file.contentType, file.bytes.base64EncodedString(), expires])
        let token = MediaToken(tenant: tenant, fileID: id, expires: expires).signed(with: signingKey)
        return ReplyAttachment(url: "\(publicBaseURL)/media/\(token)", filename: file.filename, contentType: file.contentType)
    }
}
