import Foundation
import Testing
import WebAccess

@Suite("Login links, sessions and CSRF tokens")
struct WebTokenTests {
    let key = "test-key"
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aSignedTokenVerifiesToItsTenantUntilItExpires() throws {
        let token = WebToken.issue(.login, tenant: "+919812345678", lifetime: WebToken.loginLifetime, now: now)
        let signed = token.signed(with: key)
        #expect(try WebToken.verify(signed, purpose: .login, key: key, now: now) == token)
        #expect(throws: WebToken.Problem.expired) {
            try WebToken.verify(signed, purpose: .login, key: key, now: now.addingTimeInterval(15 * 60 + 1))
        }
        #expect(token.nonce.count == 64)
    }

    @Test func aTokenCannotBeMovedToAnotherTenantPurposeOrKey() throws {
        let signed = WebToken.issue(.login, tenant: "+919812345678", lifetime: 900, now: now).signed(with: key)
        let parts = signed.split(separator: ".").map(String.init)
        let forged = WebToken(purpose: .login, tenant: "+919800000000", nonce: String(repeating: "a", count: 64),
                              expires: now.addingTimeInterval(900)).signed(with: "other key")
        let moved = forged.split(separator: ".")[0] + "." + parts[1]
        #expect(throws: WebToken.Problem.badSignature) { try WebToken.verify(String(moved), purpose: .login, key: key, now: now) }
        #expect(throws: WebToken.Problem.badSignature) { try WebToken.verify(signed, purpose: .session, key: key, now: now) }
        #expect(throws: WebToken.Problem.badSignature) { try WebToken.verify(signed, purpose: .login, key: "k2", now: now) }
        for garbage in ["", ".", "abc", "a.b.c", String(repeating: "x", count: 600), "%%%.%%%"] {
            #expect(throws: WebToken.Problem.self) { try WebToken.verify(garbage, purpose: .login, key: key, now: now) }
        }
    }

    @Test func twoTokensNeverShareANonceAndTheDigestIsHex() {
        let a = WebToken.issue(.session, tenant: "+919812345678", lifetime: 60, now: now)
        let b = WebToken.issue(.session, tenant: "+919812345678", lifetime: 60, now: now)
        #expect(a.nonce != b.nonce)
        let digest = WebToken.digest(a.signed(with: key))
        #expect(digest.count == 64 && digest.allSatisfy(\.isHexDigit))
    }

    @Test func csrfTokenBelongsToOneSession() {
        let session = WebToken.issue(.session, tenant: "+919812345678", lifetime: 60, now: now)
        let other = WebToken.issue(.session, tenant: "+919812345678", lifetime: 60, now: now)
        let value = CSRFToken.value(for: session, key: key)
        #expect(CSRFToken.isValid(value, for: session, key: key))
        #expect(!CSRFToken.isValid(value, for: other, key: key))
        #expect(!CSRFToken.isValid(nil, for: session, key: key))
        #expect(!CSRFToken.isValid("", for: session, key: key))
        #expect(!CSRFToken.isValid(String(value.dropLast()), for: session, key: key))
    }

    @Test func cookieAttributesFollowThePublicAddress() {
        let https = SessionCookie(publicBaseURL: "https://books.example.in").setting("v")
        #expect(https == "fintrak_session=v; Path=/books; Max-Age=604800; HttpOnly; SameSite=Lax; Secure")
        let http = SessionCookie(publicBaseURL: "http://127.0.0.1:8000")
        #expect(!http.setting("v").contains("Secure") && http.setting("v").contains("HttpOnly"))
        #expect(http.clearing().contains("Max-Age=0"))
        #expect(SessionCookie.value(inCookieHeader: "a=1; fintrak_session=abc.def; b=2") == "abc.def")
        #expect(SessionCookie.value(inCookieHeader: "fintrak_session=") == nil)
        #expect(SessionCookie.value(inCookieHeader: nil) == nil)
    }
}
