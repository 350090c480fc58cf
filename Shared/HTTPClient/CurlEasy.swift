import FintrakCore
import CCurl
import Foundation

/// One request on its own libcurl easy handle. `perform` blocks for the whole transfer, so `HTTPClient` runs it
/// on its own threads, never on Swift's cooperative pool.
enum CurlEasy {
    /// curl_global_init must run once before any handle exists and is not thread-safe; a static runs once.
    static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    /// Connecting gets at most this much of the request's timeout.
    private static let connectTimeout = Duration.seconds(10)

    static func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        try validate(request)
        guard let handle = curl_easy_init() else { throw HTTPClientError.transport("curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }
        let received = Received(limit: request.maxResponseBytes)
        let destinations = request.destinations.map { DestinationCheck(policy: $0, handle: handle) }

        func check(_ code: CURLcode) throws {
            guard code == CURLE_OK else { throw HTTPClientError.invalidRequest(String(cString: curl_easy_strerror(code))) }
        }
        func set(_ option: CURLoption, _ value: Int) throws { try check(fintrak_curl_set_long(handle, option, value)) }
        func set(_ option: CURLoption, _ value: String) throws {
            try check(value.withCString { fintrak_curl_set_string(handle, option, $0) })  // curl copies strings
        }
        func set(_ option: CURLoption, _ pointer: UnsafeMutableRawPointer) throws {
            try check(fintrak_curl_set_pointer(handle, option, pointer))
        }

        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)  // no SIGALRM around name lookups: signals and threads do not mix
        try set(CURLOPT_TIMEOUT_MS, Int(request.timeout.millisecondsRoundedUp))
        try set(CURLOPT_CONNECTTIMEOUT_MS, Int(min(request.timeout, connectTimeout).millisecondsRoundedUp))
        try set(CURLOPT_ERRORBUFFER, errorBuffer)
        try set(CURLOPT_USERAGENT, "fintrak")
        if request.followRedirects {
            // CURLOPT_UNRESTRICTED_AUTH stays off: credentials are not sent on to another host.
            try set(CURLOPT_FOLLOWLOCATION, 1)
            try set(CURLOPT_MAXREDIRS, 5)
        }
        if let destinations {
            // No proxy from the environment: the address checked must be the one the request really goes to.
            try set(CURLOPT_PROXY, "")
            let onConnect: fintrak_curl_prereq_callback = { user, primaryIP, _, _, _ in
                Unmanaged<DestinationCheck>.fromOpaque(user!).takeUnretainedValue().admit(primaryIP)
                    ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT
            }
            try check(fintrak_curl_set_prereq_callback(handle, onConnect))
            try set(CURLOPT_PREREQDATA, Unmanaged.passUnretained(destinations).toOpaque())
        }
        if let auth = request.basicAuth {
            // Basic is curl's default scheme.
            try set(CURLOPT_USERNAME, auth.user)
            try set(CURLOPT_PASSWORD, auth.password)
        }

        let method = request.method.uppercased()
        if method == "HEAD" { try set(CURLOPT_NOBODY, 1) }
        let body = request.body ?? (method == "POST" ? Data() : nil)
        if let body {
            try check(fintrak_curl_set_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            try check(
                body.isEmpty
                    // A null pointer would make curl read the body from stdin.
                    ? fintrak_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, "")
                    : body.withUnsafeBytes { fintrak_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            )
        }
        // curl picks the method from the options above; name it only when it differs.
        if method != (method == "HEAD" ? "HEAD" : body == nil ? "GET" : "POST") { try set(CURLOPT_CUSTOMREQUEST, method) }

        var lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        if body != nil {
            lines.append("Expect:")  // no 100-continue round trip before large bodies
            if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                lines.append("Content-Type:")  // else curl would label any body as a form
            }
        }
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else { throw HTTPClientError.transport("out of memory") }
            headerList = list
        }
        if let headerList { try set(CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)) }

        let onBody: fintrak_curl_data_callback = { data, size, count, user in
            Unmanaged<Received>.fromOpaque(user!).takeUnretainedValue().body(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        let onHeader: fintrak_curl_data_callback = { data, size, count, user in
            Unmanaged<Received>.fromOpaque(user!).takeUnretainedValue().header(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        let user = Unmanaged.passUnretained(received).toOpaque()
        try check(fintrak_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, onBody))
        try set(CURLOPT_WRITEDATA, user)
        try check(fintrak_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION, onHeader))
        try set(CURLOPT_HEADERDATA, user)

        let code = withExtendedLifetime((received, destinations)) { curl_easy_perform(handle) }
        if let refusal = destinations?.refusal { throw HTTPClientError.destinationRefused(refusal) }
        let message = errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        switch code {
        case CURLE_OK: break
        case CURLE_WRITE_ERROR where received.exceededLimit: throw HTTPClientError.responseTooLarge(limit: request.maxResponseBytes)
        case CURLE_OPERATION_TIMEDOUT: throw HTTPClientError.timedOut
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR:
            throw HTTPClientError.connectionFailed(message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: throw HTTPClientError.invalidRequest(message)
        default: throw HTTPClientError.transport(message)
        }
        var status = 0
        try check(fintrak_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status))
        return HTTPResponse(status: status, headers: received.headers, body: received.body)
    }

    /// What curl would otherwise reject obscurely, truncate at a NUL, or let smuggle extra header lines.
    private static func validate(_ request: HTTPRequest) throws {
        func isClean(_ text: String) -> Bool { !text.utf8.contains { $0 == 0 || $0 == 10 || $0 == 13 } }
        guard !request.method.isEmpty, request.method.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw HTTPClientError.invalidRequest("bad method \(request.method.debugDescription)")
        }
        guard isClean(request.url) else { throw HTTPClientError.invalidRequest("control characters in the URL") }
        for (name, value) in request.headers {
            guard !name.isEmpty, isClean(name), isClean(value), !name.contains(where: { $0 == ":" || $0.isWhitespace }) else {
                throw HTTPClientError.invalidRequest("bad header \(name.debugDescription)")
            }
        }
        if let auth = request.basicAuth, !isClean(auth.user) || !isClean(auth.password) {
            throw HTTPClientError.invalidRequest("control characters in the credentials")
        }
        guard request.timeout > .zero else { throw HTTPClientError.invalidRequest("the timeout must be positive") }
        guard request.maxResponseBytes >= 0 else { throw HTTPClientError.invalidRequest("maxResponseBytes must not be negative") }
    }
}

/// The `DestinationPolicy` check libcurl calls once each connection is made (CURLOPT_PREREQFUNCTION), before each
/// request of a redirect chain is sent: the hop's host by name, and the address actually connected to, so neither a
/// redirect nor a name that resolves to an internal address gets through. Used only inside curl_easy_perform.
private final class DestinationCheck {
    let policy: DestinationPolicy
    let handle: UnsafeMutableRawPointer
    /// Why a hop was refused, once one was.
    private(set) var refusal: String?

    init(policy: DestinationPolicy, handle: UnsafeMutableRawPointer) {
        self.policy = policy
        self.handle = handle
    }

    func admit(_ primaryIP: UnsafeMutablePointer<CChar>?) -> Bool {
        var url: UnsafeMutablePointer<CChar>?
        _ = fintrak_curl_get_string(handle, CURLINFO_EFFECTIVE_URL, &url)
        let host = url.flatMap { URLComponents(string: String(cString: $0))?.host } ?? ""
        let address = primaryIP.map { String(cString: $0) } ?? ""
        if !policy.allows(host: host) {
            refusal = "host \(host.debugDescription) is not one of the allowed hosts"
        } else if !policy.allows(address: address) {
            refusal = "\(host) is at \(address), which is not a public address"
        }
        return refusal == nil
    }
}

/// What the callbacks collect; used only by the thread inside curl_easy_perform.
private final class Received {
    let limit: Int
    private(set) var body = Data()
    private(set) var headers: [String: String] = [:]
    private(set) var exceededLimit = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Returning less than was given makes curl abort the transfer.
    func body(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Called once per header line of every response, 1xx and redirects included; a status line starts afresh.
    func header(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return bytes.count
    }
}
