import AnswerFormatting
import FintrakCore
import FintrakDocuments
import FintrakServiceHost
import FintrakStores
import Foundation
import Hummingbird

/// Downloads: the bills of any period as .xlsx or .csv, and the GST summary (per supplier GSTIN and rate).
struct ExportPages: Sendable {
    let site: BooksSite

    struct FormPage {
        var chrome: Chrome
        var from: String
        var to: String
        var gstFrom: String
        var gstTo: String
        var stateGuess: String
    }

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/books/export") { request, _ in try await form(request) }
        router.get("/books/export/bills") { request, _ in try await bills(request) }
        router.get("/books/export/gst") { request, _ in try await gst(request) }
    }

    func form(_ request: Request) async throws -> Response {
        let today = CalendarDay(Date(), in: site.timeZone)
        let lastMonth = today.firstOfMonth.addingMonths(-1)
        return try await site.reading(request) { [responses = site.responses] visitor, session in
            let bills = try InvoiceStore.between(lastMonth, lastMonth.lastOfMonth, session: session).map { GSTSummary.Bill($0.record) }
            return responses.page("export", FormPage(
                chrome: Chrome(title: "Export", csrf: visitor.csrf, section: .export), from: today.firstOfMonth.description,
                to: today.description, gstFrom: lastMonth.description, gstTo: lastMonth.lastOfMonth.description,
                stateGuess: GSTSummary.homeState(given: nil, bills: bills) ?? "27"))
        }
    }

    /// The period a download asks for; nil when a date is missing or malformed, or the end comes before the start.
    static func period(_ request: Request) -> (first: CalendarDay, last: CalendarDay)? {
        let query = request.uri.queryParameters
        guard let first = query["from"].flatMap({ CalendarDay(iso: String($0)) }),
              let last = query["to"].flatMap({ CalendarDay(iso: String($0)) }), first <= last
        else { return nil }
        return (first, last)
    }

    func bills(_ request: Request) async throws -> Response {
        guard let (first, last) = Self.period(request) else { return badPeriod() }
        let csv = request.uri.queryParameters["format"] == "csv"
        return try await site.reading(request) { visitor, session in
            let invoices = try InvoiceStore.between(first, last, session: session)
            let name = "bills-\(first.description)-to-\(last.description)"
            if csv {
                let text = ([InvoiceExport.csvHeader] + invoices.map(InvoiceExport.csvLine)).joined(separator: "\n") + "\n"
                return BooksResponses.download(Data(text.utf8), filename: name + ".csv", contentType: "text/csv; charset=utf-8")
            }
            let rows = invoices.map { invoice in
                let record = invoice.record
                return BillRow(date: record.invoiceDate, payee: record.payeeName, number: record.invoiceNumber,
                               total: record.totalAmount, tax: record.taxAmount, currency: record.currency,
                               method: record.paymentMethod, category: record.category)
            }
            return BooksResponses.download(try XLSXWriter.data(for: .bills(rows, filename: name + ".xlsx")), filename: name + ".xlsx",
                                           contentType: XLSXWriter.contentType)
        }
    }

    func gst(_ request: Request) async throws -> Response {
        guard let (first, last) = Self.period(request) else { return badPeriod() }
        let state = request.uri.queryParameters["state"].map(String.init)
        return try await site.reading(request) { visitor, session in
            let bills = try InvoiceStore.between(first, last, session: session).map { GSTSummary.Bill($0.record) }
            let rows = GSTSummary.rows(bills, homeState: GSTSummary.homeState(given: state, bills: bills))
            let sheet = GSTSummary.spreadsheet(rows, period: "\(first.description) to \(last.description)")
            return BooksResponses.download(try XLSXWriter.data(for: sheet), filename: sheet.filename,
                                           contentType: XLSXWriter.contentType)
        }
    }

    private func badPeriod() -> Response {
        site.responses.message("Dates needed", "Choose a start and an end date (the end on or after the start).",
                               status: .badRequest)
    }
}
