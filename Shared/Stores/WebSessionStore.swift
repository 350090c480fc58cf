import FintrakPostgres
import Foundation
import WebAccess

/// The web page's links and sessions in PostgreSQL, inside the tenant's transaction (the tenant comes from the token's
/// verified signature, so row-level security applies as everywhere else). Only digests of tokens are stored.
package enum WebSessionStore {
    /// A new one-time login link's token for `tenant`, recorded as unused.
    package static func issueLink(tenant: String, key: String, now: Date = Date(), session: PostgresSession) throws -> String {
        let token = WebToken.issue(.login, tenant: tenant, lifetime: WebToken.loginLifetime, now: now)
        let signed = token.signed(with: key)
        try session.execute("INSERT INTO web_links (token_sha256, tenant, expires_at) VALUES ($1, $2, $3)",
                            [WebToken.digest(signed), tenant, token.expires])
        return signed
    }

    /// Marks the link used and opens a session, in one transaction: the UPDATE that sets `used_at` succeeds for one
    /// caller only, so a link opens at most one session however often it is tried. nil when the link was used,
    /// expired or never issued.
    package static func consumeLink(_ link: WebToken, signed: String, key: String, now: Date = Date(),
                                    session: PostgresSession) throws -> String? {
        let used = try session.query("""
            UPDATE web_links SET used_at = now()
            WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > now() RETURNING tenant
            """, [WebToken.digest(signed)])
        guard !used.isEmpty else { return nil }
        let token = WebToken.issue(.session, tenant: link.tenant, lifetime: WebToken.sessionLifetime, now: now)
        let cookie = token.signed(with: key)
        try session.execute("INSERT INTO web_sessions (token_sha256, tenant, expires_at) VALUES ($1, $2, $3)",
                            [WebToken.digest(cookie), link.tenant, token.expires])
        return cookie
    }

    /// Whether the link can still open a session (issued, unused, not expired): read only, so looking (a link
    /// preview fetching the page) never uses it up.
    package static func isLinkOpen(signed: String, session: PostgresSession) throws -> Bool {
        try !session.query("""
            SELECT 1 FROM web_links WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > now()
            """, [WebToken.digest(signed)]).isEmpty
    }

    /// Whether the session the cookie names is still open (not revoked, not expired).
    package static func isLive(cookie: String, session: PostgresSession) throws -> Bool {
        try !session.query("""
            SELECT 1 FROM web_sessions WHERE token_sha256 = $1 AND revoked_at IS NULL AND expires_at > now()
            """, [WebToken.digest(cookie)]).isEmpty
    }

    /// Ends the one session the cookie names.
    package static func revoke(cookie: String, session: PostgresSession) throws {
        try session.execute("UPDATE web_sessions SET revoked_at = now() WHERE token_sha256 = $1 AND revoked_at IS NULL",
                            [WebToken.digest(cookie)])
    }

    /// "logout all": ends every open session of the tenant; returns how many were open.
    package static func revokeAll(session: PostgresSession) throws -> Int {
        try session.execute("UPDATE web_sessions SET revoked_at = now() WHERE revoked_at IS NULL AND expires_at > now()")
    }
}
