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

    func store(_ file: File, tenant: String, session: PostgresSession, now: Date = Date()) throws -> ReplyAttachment {
        let expires = now.addingTimeInterval(lifetime)
        let rows = try session.query("""
            INSERT INTO generated_files (tenant, filename, content_type, bytes, expires_at)
            VALUES ($1, $2, $3, decode($4, 'base64'), $5)
            RETURNING id
            """, [tenant, file.filename, file.contentType, file.bytes.base64EncodedString(), expires])
        let id = try rows.returnedRow().decode("id", as: UUID.self)
        let token = MediaToken(tenant: tenant, fileID: id, expires: expires).signed(with: signingKey)
        return ReplyAttachment(url: "\(publicBaseURL)/media/\(token)", filename: file.filename, contentType: file.contentType)
    }
}
