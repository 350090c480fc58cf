import AnswerFormatting
import Conversation
import FintrakCore
import FintrakDocuments
import FintrakStores
import Foundation
import QuestionUnderstanding

/// The chat's side of the web page: "web" gets a one-time login link, "logout all" ends every web session, and
/// "GST report November" gets the GST summary as a spreadsheet.
struct WebCommandHandler: Sendable {
    let database: TenantDatabase
    let files: GeneratedFiles
    let publicBaseURL: String
    /// Signs login links and session cookies (`MEDIA_SIGNING_KEY`; intake checks them with the same key).
    let signingKey: String
    let timeZone: TimeZone

    func reply(to command: WebCommand, message: InboundMessage) async throws -> OutboundReply {
        let tenant = message.tenant
        switch command {
        case .loginLink:
            let token = try await database.write(tenant: tenant) { [signingKey] session in
                try WebSessionStore.issueLink(tenant: tenant, key: signingKey, now: message.receivedAt, session: session)
            }
            return OutboundReply(to: message, body: """
                Your books on the web: \(publicBaseURL)/books/login/\(token)
                The link works once, for 15 minutes, and only for you. Send "logout all" to sign out everywhere.
                """)
        case .logoutAll:
            let ended = try await database.write(tenant: tenant) { session in try WebSessionStore.revokeAll(session: session) }
            return OutboundReply(to: message, body: ended == 0
                ? "You were not signed in on the web anywhere."
                : "Signed out of the web page everywhere (\(ended) session\(ended == 1 ? "" : "s")).")
        case .gstReport(let phrase):
            let period = Period.report(phrase, today: CalendarDay(message.receivedAt, in: timeZone))
            let (text, attachment) = try await database.write(tenant: tenant) { [files] session in
                let bills = try InvoiceStore.between(period.range.first, period.range.last, session: session)
                    .map { GSTSummary.Bill($0.record) }
                let rows = GSTSummary.rows(bills, homeState: GSTSummary.homeState(given: nil, bills: bills))
                let text = GSTSummary.reply(rows, period: period.label)
                guard !rows.isEmpty else { return (text, nil as ReplyAttachment?) }
                let sheet = GSTSummary.spreadsheet(rows, period: period.label)
                let file = GeneratedFiles.File(filename: sheet.filename, contentType: XLSXWriter.contentType,
                                               bytes: try XLSXWriter.data(for: sheet))
                return (text, files.store(file, tenant: tenant, session: session, now: message.receivedAt))
            }
            return OutboundReply(to: message, body: text, attachments: attachment.map { [$0] } ?? [])
        }
    }
}
