import Crypto
import FailurePolicy
import FintrakConfiguration
import FintrakCore
import FintrakHTTPClient
import Foundation

/// The kinds of file a bill may come as, told by their first bytes (a provider's content type can be wrong).
enum MediaKind: String, Sendable, CaseIterable {
    case jpeg, png, webp, pdf

    var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        }
    }

    static func detect(_ data: Data) -> MediaKind? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        // "%PDF" may follow a little junk; readers accept it within the first kilobyte.
        if data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil { return .pdf }
        return nil
    }

    /// Whether a declared content type could be a bill; nil or a generic type is worth downloading to look at.
    static func mayBeBill(declared contentType: String?) -> Bool {
        guard let type = contentType?.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces),
              !type.isEmpty else { return true }
        return allCases.contains { $0.contentType == type } || type == "image/jpg" || type == "application/octet-stream"
            || type == "binary/octet-stream"
    }
}

/// A downloaded bill, ready to keep and to read.
struct MediaFile: Sendable {
    var data: Data
    var kind: MediaKind
    /// Lower-case hex SHA-256: the original's address in `media_objects`, and how a re-sent file is recognised.
    var sha256: String

    init(data: Data, kind: MediaKind) {
        self.data = data
        self.kind = kind
        sha256 = SHA256.hash(data: data).hexString
    }
}

enum MediaFailure: TransientFailure, Equatable, CustomStringConvertible {
    /// Not a JPEG, PNG, WebP or PDF (a voice note, a video, a spreadsheet).
    case unsupported(String?)
    case tooLarge(limit: Int)
    /// The provider says the file is not there (expired link, wrong id): sending it again is the fix.
    case gone(status: Int)
    /// The provider could not be reached or failed: worth retrying.
    case unavailable(String)
    /// The message names no file to fetch.
    case noLocation
    /// The URL, or a redirect, leads somewhere media never comes from (`MediaDestinations`): nothing was fetched.
    case forbidden(String)

    var description: String {
        switch self {
        case .unsupported(let type): "unsupported media type \(type ?? "unknown")"
        case .tooLarge(let limit): "media larger than \(limit) bytes"
        case .gone(let status): "media not available (HTTP \(status))"
        case .unavailable(let reason): "media download failed: \(reason)"
        case .noLocation: "no media URL or id"
        case .forbidden(let reason): "media location refused: \(reason)"
        }
    }

    /// Retrying later may succeed; the others are answered right away.
    var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }
}

/// Downloads a message's media the way its provider serves it: Twilio URLs with the account's Basic auth and
/// redirects (to their storage host, which gets no credentials), Gupshup URLs as they are, Cloud API media ids
/// through the Graph API (`GET {META_API_BASE}/{id}` with the Bearer token, then the returned URL with it again).
struct MediaFetcher: Sendable {
    let http: HTTPClient
    let twilio: TwilioSettings?
    let meta: MetaSettings?
    let timeout: Duration
    let maxBytes: Int
    let destinations: MediaDestinations

    func fetch(_ attachment: MediaAttachment, provider: Provider) async throws -> MediaFile {
        guard MediaKind.mayBeBill(declared: attachment.contentType) else {
            throw MediaFailure.unsupported(attachment.contentType)
        }
        var request: HTTPRequest
        if let id = attachment.mediaID, attachment.url == nil {
            request = try await metaMediaRequest(id: id)
        } else if let url = attachment.url {
            request = HTTPRequest(url: url)
            request.followRedirects = true
            if provider == .twilio, let twilio {
                request.basicAuth = (twilio.accountSID, twilio.authToken)
            } else if provider == .meta, let meta {
                request.headers.append(("Authorization", "Bearer \(meta.accessToken)"))
            }
        } else {
            throw MediaFailure.noLocation
        }
        let response = try await send(request, provider: provider)
        guard let kind = MediaKind.detect(response.body) else {
            throw MediaFailure.unsupported(response.header("Content-Type") ?? attachment.contentType)
        }
        return MediaFile(data: response.body, kind: kind)
    }

    /// Cloud API: the media id's lookup answers `{"url": …}`, a short-lived link that wants the same Bearer token.
    private func metaMediaRequest(id: String) async throws -> HTTPRequest {
        guard let meta else { throw MediaFailure.unavailable("META_ACCESS_TOKEN is not configured") }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !id.isEmpty, id.unicodeScalars.allSatisfy(allowed.contains) else { throw MediaFailure.gone(status: 404) }
        let lookup = HTTPRequest(url: "\(meta.apiBase)/\(id)", headers: [("Authorization", "Bearer \(meta.accessToken)")])
        let response = try await send(lookup, provider: .meta)
        struct Location: Decodable { var url: String }
        guard let location = try? JSONDecoder().decode(Location.self, from: response.body) else {
            throw MediaFailure.unavailable("media lookup answered without a url")
        }
        var request = HTTPRequest(url: location.url, headers: [("Authorization", "Bearer \(meta.accessToken)")])
        request.followRedirects = true
        return request
    }

    private func send(_ original: HTTPRequest, provider: Provider) async throws -> HTTPResponse {
        var request = original
        request.timeout = timeout
        request.maxResponseBytes = maxBytes
        request.destinations = destinations.policy(for: provider)
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch HTTPClientError.responseTooLarge(let limit) {
            throw MediaFailure.tooLarge(limit: limit)
        } catch HTTPClientError.destinationRefused(let reason) {
            throw MediaFailure.forbidden(reason)
        } catch {
            throw MediaFailure.unavailable("\(error)")
        }
        switch response.status {
        case 200..<300: return response
        case 404, 410, 400, 403, 401: throw MediaFailure.gone(status: response.status)
        default: throw MediaFailure.unavailable("HTTP \(response.status)")
        }
    }
}
