import Foundation
import Hummingbird
import Mustache
import WebAccess

/// How the books' pages answer: HTML from the templates with the security headers every page sends, redirects and
/// downloads. The Content-Security-Policy admits this origin's stylesheet, images and form targets and nothing else:
/// no script, no frame, no other origin (the pages work offline on a LAN).
struct BooksResponses: Sendable {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    let library: MustacheLibrary
    let cookie: SessionCookie

    static func securityHeaders() -> HTTPFields {
        var headers = HTTPFields()
        headers[.init("Content-Security-Policy")!] = contentSecurityPolicy
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.cacheControl] = "private, no-store"
        return headers
    }

    func page(_ template: String, _ context: Any, status: HTTPResponse.Status = .ok, setCookie: String? = nil) -> Response {
        var headers = Self.securityHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        if let setCookie { headers[.setCookie] = setCookie }
        let html = library.render(context, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page with a title and one line, e.g. why a link does not work.
    func message(_ title: String, _ text: String, status: HTTPResponse.Status, clearCookie: Bool = false) -> Response {
        page("message", MessagePage(chrome: Chrome(title: title), text: text), status: status,
             setCookie: clearCookie ? cookie.clearing() : nil)
    }

    func signedOut() -> Response {
        message("Signed out", "Your session has ended. Send “web” in the WhatsApp chat for a new link.", status: .unauthorized,
                clearCookie: true)
    }

    func notFound() -> Response {
        message("Not found", "There is no such page in your books.", status: .notFound)
    }

    static func redirect(_ location: String, setCookie: String? = nil) -> Response {
        var headers = securityHeaders()
        headers[.location] = location
        if let setCookie { headers[.setCookie] = setCookie }
        return Response(status: .seeOther, headers: headers)
    }

    static func download(_ bytes: Data, filename: String, contentType: String) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = contentType
        let safeName = filename.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        headers[.contentDisposition] = "attachment; filename=\"\(safeName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func stylesheet() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: BooksStyle.css)))
    }
}

/// What the layout shows around every page: the title, the navigation (only when signed in: it carries the CSRF
/// token of the logout form) and a notice or a problem.
struct Chrome {
    enum Section {
        case bills, khata, questions, export
    }

    var title: String
    var csrf: String?
    var onBills = false, onKhata = false, onQuestions = false, onExport = false
    var notice: String?
    var problem: String?

    init(title: String, csrf: String? = nil, section: Section? = nil, notice: String? = nil, problem: String? = nil) {
        self.title = title
        self.csrf = csrf
        self.notice = notice
        self.problem = problem
        switch section {
        case .bills?: onBills = true
        case .khata?: onKhata = true
        case .questions?: onQuestions = true
        case .export?: onExport = true
        case nil: break
        }
    }
}

struct MessagePage {
    var chrome: Chrome
    var text: String
}

/// The login link's page: the button that signs in, with the link's own CSRF token (there is no session yet).
struct LoginPage {
    var chrome: Chrome
    var token: String
    var csrf: String
}
