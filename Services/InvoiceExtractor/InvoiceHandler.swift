import BillScanning
import BillReading
import Conversation
import FintrakCore
import FintrakPostgres
import FintrakRedis
import FintrakStores
import Foundation
import InvoiceEditing
import Khata
import KhataStore
import Logging
import Metrics

/// One message from the invoice queue, handled to the end: a bill becomes an invoice and a confirmation; "edit …"
/// and "undo" change the invoice the last confirmation was about. Every path ends in exactly one reply, and a
/// redelivered message finds what it already did instead of doing it again.
struct InvoiceHandler: Sendable {
    let database: TenantDatabase
    let redis: RedisClient
    let fetcher: MediaFetcher
    let reader: BillReader
    let timeZone: TimeZone
    /// Keys the khata's chain: a bill captioned "udhaar" (bought on credit) is owed to its payee in the khata.
    var ledgerChain: LedgerChain?

    func handle(_ message: InboundMessage, logger: Logger) async throws -> [OutboundReply] {
        let body: String
        if message.media.isEmpty {
            body = try await handleText(message, logger: logger)
        } else {
            var answers: [String] = []
            for (index, attachment) in message.media.enumerated() {
                answers.append(try await handleBill(attachment, index: index, of: message, logger: logger))
            }
            body = answers.joined(separator: "\n\n")
        }
        return [OutboundReply(to: message, body: body)]
    }

    // MARK: Bills

    private enum Saving: Sendable {
        case saved(UUID)
        case duplicate(InvoiceBook.Found)
    }

    private func handleBill(_ attachment: MediaAttachment, index: Int, of message: InboundMessage,
                            logger: Logger) async throws -> String {
        let tenant = message.tenant
        // Each file of a message is its own invoice; the first keeps the message's id.
        let key = index == 0 ? message.providerMessageID : "\(message.providerMessageID)#\(index)"
        if let done = try await database.read(tenant: tenant, { try InvoiceBook.created(byMessage: key, session: $0) }) {
            return reply(for: done)
        }
        let file: MediaFile
        do {
            file = try await fetcher.fetch(attachment, provider: message.provider)
        } catch let failure as MediaFailure where !failure.isTransient {
            logger.info("media not usable", metadata: ["reason": "\(failure)"])
            Counter(label: "invoice_media_rejected_total", dimensions: [("reason", "\(failure)".prefix { $0 != " " }.description)])
                .increment()
            switch failure {
            case .tooLarge(let limit): return InvoiceReplies.tooLarge(limit: limit)
            case .unsupported: return InvoiceReplies.sendPhotoOrPDF
            default: return InvoiceReplies.mediaGone
            }
        }
        if let same = try await database.read(tenant: tenant, { try InvoiceBook.sameFile(file.sha256, session: $0) }) {
            return InvoiceReplies.alreadySaved(same.invoice.record, savedOn: CalendarDay(same.invoice.createdAt, in: timeZone))
        }

        let received = CalendarDay(message.receivedAt, in: timeZone)
        let started = ContinuousClock.now
        let extraction: InvoiceExtraction, source: BillReader.Source
        do {
            (extraction, source) = try await reader.read(file, reference: received, logger: logger)
        } catch OCRError.unreadableImage, PDFReadingError.toolFailed {
            // A file that starts like an image or PDF but does not decode: trying again will not help.
            logger.info("media could not be decoded", metadata: ["kind": "\(file.kind.rawValue)"])
            return InvoiceReplies.unreadableFile
        } catch where Self.isTooBigToRead(error) {
            // Too many pixels, or past a time or output limit: refused politely; the worker is free for the next bill.
            logger.warning("media refused", metadata: ["kind": "\(file.kind.rawValue)", "reason": "\(error)"])
            return InvoiceReplies.tooBigToRead
        }
        let elapsed = ContinuousClock.now - started
        Timer(label: "invoice_read_seconds", dimensions: [("source", source.rawValue)])
            .recordSeconds(elapsed.seconds)
        let onCredit = ledgerChain != nil && CreditTerms.onCredit(attachment.caption)
        guard let (record, confidences) = extraction.draft(category: onCredit ? nil : attachment.caption, received: received) else {
            Counter(label: "invoices_not_bills_total").increment()
            if extraction.total == nil, let payee = extraction.payee, payee.confidence >= InvoiceExtraction.sureEnough {
                return InvoiceReplies.noAmountToPay(payee: payee.value)
            }
            return InvoiceReplies.notABill
        }
        logger.info("bill read", metadata: [
            "source": "\(source.rawValue)", "kind": "\(file.kind.rawValue)",
            "confidence": "\(confidences.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
        ])

        let saving: Saving
        do {
            saving = try await database.write(tenant: tenant) { session in
                if let same = try InvoiceBook.sameBill(record, session: session) { return .duplicate(same) }
                try InvoiceBook.keepOriginal(file, tenant: tenant, session: session)
                let id = try InvoiceStore.insert(
                    record, tenant: tenant, source: .whatsapp, providerMessageID: key, mediaSHA256: file.sha256,
                    confidence: Self.json(confidences), lineItems: extraction.lineItems.isEmpty ? nil : Self.json(extraction.lineItems),
                    session: session)
                try InvoiceHistory.record(.init(kind: .created), invoice: id, tenant: tenant, messageID: key, session: session)
                if onCredit, let ledgerChain {
                    try LedgerStore(session: session, tenant: tenant).oweForBill(
                        payee: record.payeeName, total: record.totalAmount, invoiceID: id, messageID: key, chain: ledgerChain)
                }
                return .saved(id)
            }
        } catch let error as PostgresError where error.isUniqueViolation {
            // The same message handled at the same time elsewhere: answer with what that saved.
            guard let done = try await database.read(tenant: tenant, { try InvoiceBook.created(byMessage: key, session: $0) })
            else { throw error }
            return reply(for: done)
        }
        switch saving {
        case .duplicate(let same):
            Counter(label: "invoices_duplicate_total").increment()
            return InvoiceReplies.alreadySaved(same.invoice.record, savedOn: CalendarDay(same.invoice.createdAt, in: timeZone))
        case .saved(let id):
            Counter(label: "invoices_saved_total", dimensions: [("source", source.rawValue)]).increment()
            try await remember(id, for: message)
            let saved = InvoiceReplies.saved(record, unsure: InvoiceField.unsure(confidences))
            return onCredit ? saved + "\n" + KhataReplies.billOnCreditNote(payee: record.payeeName, total: record.totalAmount) : saved
        }
    }

    /// Too many pixels or pages, or past a time or output limit: the file, not the moment, is the trouble.
    private static func isTooBigToRead(_ error: any Error) -> Bool {
        switch error {
        case OCRError.tooManyPixels, OCRError.timedOut, PDFReadingError.timedOut, PDFReadingError.outputTooLarge,
             PDFReadingError.tooManyPages, PDFReadingError.pageTooLarge: true
        default: false
        }
    }

    private func reply(for done: InvoiceBook.Found) -> String {
        done.isActive ? InvoiceReplies.saved(done.invoice.record, unsure: done.unsure) : InvoiceReplies.removed(done.invoice.record)
    }

    /// Intake sends the sender's next "edit …" or "undo" here, about this invoice, for the next hour.
    private func remember(_ invoice: UUID, for message: InboundMessage) async throws {
        let state = ConversationState(lastInvoiceID: invoice.uuidString.lowercased())
        let json = String(decoding: try EnvelopeCoding.encode(state), as: UTF8.self)
        try await redis.set(ConversationStateKey.key(tenant: message.tenant), json,
                            expireSeconds: ConversationStateKey.lifetimeSeconds)
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Edit and undo

    private func handleText(_ message: InboundMessage, logger: Logger) async throws -> String {
        guard let command = InvoiceCommand.parse(message.text) else { return InvoiceReplies.sendPhotoOrPDF }
        if case .unclear(let help) = command { return help }
        guard let id = message.conversation?.lastInvoiceID.flatMap(UUID.init(uuidString:)) else {
            return InvoiceReplies.nothingToEdit
        }
        let messageID = message.providerMessageID
        let tenant = message.tenant
        return try await database.write(tenant: tenant) { session in
            if let (invoice, event) = try InvoiceHistory.change(byMessage: messageID, session: session) {
                guard let current = try InvoiceBook.find(invoice, session: session) else { return InvoiceReplies.nothingToEdit }
                return Self.replay(event, current: current.invoice.record)
            }
            guard let found = try InvoiceBook.find(id, session: session) else { return InvoiceReplies.nothingToEdit }
            guard found.isActive else { return InvoiceReplies.alreadyRemoved }
            let current = found.invoice.record
            switch command {
            case .edit(let field, let value):
                let changed = field.apply(value, to: current)
                if let problem = changed.validationProblem { return "I can't set that: \(problem)." }
                try InvoiceHistory.set(field, to: value, invoice: id, session: session)
                try InvoiceHistory.record(.init(kind: .edited, field: field, oldValue: field.columnText(of: current), newValue: value),
                                       invoice: id, tenant: tenant, messageID: messageID, session: session)
                return InvoiceReplies.edited(field, before: current, after: changed)
            case .undo:
                if let edit = InvoiceChange.lastStandingEdit(try InvoiceHistory.changes(of: id, session: session)), let field = edit.field {
                    try InvoiceHistory.set(field, to: edit.oldValue, invoice: id, session: session)
                    try InvoiceHistory.record(.init(kind: .undone, field: field, oldValue: edit.newValue, newValue: edit.oldValue),
                                           invoice: id, tenant: tenant, messageID: messageID, session: session)
                    return InvoiceReplies.undoneEdit(field, restored: field.apply(edit.oldValue, to: current))
                }
                try InvoiceHistory.setActive(false, invoice: id, session: session)
                try InvoiceHistory.record(.init(kind: .undone), invoice: id, tenant: tenant, messageID: messageID, session: session)
                return InvoiceReplies.removed(current)
            case .unclear(let help):
                return help
            }
        }
    }

    /// The reply a redelivered edit or undo got the first time, from what it recorded.
    private static func replay(_ event: InvoiceChange, current: InvoiceRecord) -> String {
        guard let field = event.field else { return InvoiceReplies.removed(current) }
        if event.kind == .edited {
            return InvoiceReplies.edited(field, before: field.apply(event.oldValue, to: current), after: current)
        }
        return InvoiceReplies.undoneEdit(field, restored: current)
    }
}
