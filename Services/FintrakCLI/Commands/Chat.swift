import ArgumentParser
import FintrakCore
import FintrakHTTPClient
import FintrakStores
import Foundation

/// A terminal stand-in for WhatsApp when Fintrak runs with `WHATSAPP_PROVIDER=console`: each line typed is sent
/// to intake's `/console` endpoint as if from `--from`, and the replies are read back from the database. A line that
/// names a file sends the file, as a photo or PDF of a bill is sent on WhatsApp.
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chat with a local Fintrak (WHATSAPP_PROVIDER=console).")

    @Option(help: "Whose phone you are.") var from = "+919999900001"
    @Option(help: "webhook-intake's address.") var intake = "http://127.0.0.1:8000"
    @Option(help: "Seconds to wait for a reply.") var timeout = 60

    func run() async throws {
        guard let tenant = PhoneNumber.e164(from) else { throw ValidationError("--from \(from) is not a phone number") }
        var environment = CommandEnvironment()
        let pool = try environment.postgres()
        defer { pool.close() }
        let http = HTTPClient(logger: environment.logger)
        let database = TenantDatabase(pool: pool)
        say("Chatting with Fintrak as \(tenant). Type \"hi\" for the menu, or a photo's or PDF's path to send a bill;"
            + " Ctrl-D or Ctrl-C to leave.")
        while true {
            say("you> ", ending: "")
            guard let line = readLine() else { break }
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let request: HTTPRequest
            do {
                request = try HTTPRequest.json(intake + "/console", try ConsoleRequest(line: text, from: tenant))
            } catch {
                say("(could not read that file: \(error))")
                continue
            }
            let response: HTTPResponse
            do {
                response = try await http.send(request)
            } catch {
                say("(could not reach webhook-intake at \(intake): \(error))")
                continue
            }
            struct Accepted: Decodable { var message_id: String }
            guard response.status == 200, let accepted = try? JSONDecoder().decode(Accepted.self, from: response.body) else {
                say("(webhook-intake answered \(response.status): \(String(decoding: response.body, as: UTF8.self)))")
                continue
            }
            let bodies = try await replies(to: accepted.message_id, tenant: tenant, database: database)
            if bodies.isEmpty { say("(no reply within \(timeout) s — are all four services running?)") }
            for body in bodies { say("fintrak> " + body.replacingOccurrences(of: "\n", with: "\n         ")) }
        }
    }

    /// Straight to file descriptor 1, unbuffered: `print` is block-buffered when stdout is a pipe
    /// (`run-local.sh | tee chat.log`), and a reply must show as soon as it came, not when the chat ends.
    private func say(_ text: String, ending: String = "\n") {
        FileHandle.standardOutput.write(Data((text + ending).utf8))
    }

    /// Polls until the reply (or the first of several) has been sent, then returns all sent so far.
    private func replies(to messageID: String, tenant: String, database: TenantDatabase) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            let rows = try await database.read(tenant: tenant) { session in
                try session.query("""
                    SELECT body, attachments::text AS attachments FROM outbound_messages
                    WHERE in_reply_to = $1 AND status = 'sent' ORDER BY reply_id
                    """, [messageID])
            }
            if !rows.isEmpty {
                return try rows.map { row in
                    let files = try EnvelopeCoding.decode([ReplyAttachment].self, from: Data((row["attachments"] ?? "[]").utf8))
                    return (row["body"] ?? "") + files.map { "\n📎 \($0.filename): \($0.url)" }.joined()
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return []
    }
}

/// What a typed line posts to `/console`: a line naming a file (as a terminal pastes a dragged one, perhaps quoted,
/// or starting with `~`) sends that file; any other line is text.
struct ConsoleRequest: Encodable {
    struct File: Encodable {
        var name: String
        var content_type: String
        /// The bytes, base64.
        var data: String
    }

    /// The types the extractor reads, by the file's extension; it looks at the bytes themselves anyway.
    static let contentTypes = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
                               "pdf": "application/pdf"]

    var from: String
    var text: String?
    var file: File?

    init(line: String, from: String) throws {
        self.from = from
        let path = NSString(string: line.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))).expandingTildeInPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            text = line
            return
        }
        let url = URL(fileURLWithPath: path)
        file = File(name: url.lastPathComponent,
                    content_type: Self.contentTypes[url.pathExtension.lowercased()] ?? "application/octet-stream",
                    data: try Data(contentsOf: url).base64EncodedString())
    }
}
