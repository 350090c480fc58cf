import BillScanning
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor

/// A made-up bill's page rendered as a photo would show it.
extension TestBills {
    /// The PDF's page as a JPEG, like a photo of a printed bill.
    static func photo(lines: [String]) async throws -> Data {
        var reader = PDFReader()
        reader.dpi = 200
        return try await reader.renderPages(of: pdf(lines: lines), as: .jpeg)[0]
    }
}
