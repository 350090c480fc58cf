import FintrakCore
import FintrakPostgres
import Foundation
import MediaLinks

/// Files kept in `generated_files` under the tenant's row-level security and linked with an HMAC-signed, expiring
/// token that `webhook-intake` checks at `GET /media/{token}`: the files made for replies, and the bills sent in the
/// local chat (`WHATSAPP_PROVIDER=console`), which the extractor then fetches as it fetches a provider's media.
public struct GeneratedFiles: Sendable {
    public struct File: Sendable, Equatable {
        public var filename: String
        public var contentType: String
        public var bytes: Data

        public init(filename: String, contentType: String, bytes: Data) {
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let publicBaseURL: String
    public let signingKey: String
    /// Long enough for the provider (and the person) to fetch the file, short enough that a leaked link dies.
    public var lifetime: TimeInterval = 24 * 60 * 60

    public init(publicBaseURL: String, signingKey: String) {
        self.publicBaseURL = publicBaseURL
        self.signingKey = signingKey
    }

    /// Queues the file's row (it goes to the server with the transaction's next statement or its COMMIT) and
    /// returns its link; the id is made here, so nothing waits for the server.
    public func store(_ file: File, tenant: String, session: PostgresSession, now: Date = Date()) -> ReplyAttachment {
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
