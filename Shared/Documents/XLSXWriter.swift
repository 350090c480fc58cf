import AnswerFormatting
import CXlsxWriter
import Foundation

/// Spreadsheet → .xlsx bytes through libxlsxwriter: a bold header row that stays in view, dates as dates,
/// amounts as numbers in Indian grouping, and a totals row of SUM formulas (with their values, for readers
/// that do not recalculate). Every libxlsxwriter pointer stays in this file.
package enum XLSXWriter {
    package struct SpreadsheetError: Error, CustomStringConvertible {
        package let description: String
    }

    /// The media type of what `data(for:)` makes.
    package static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Lakh and crore grouping: 1,23,45,678.90.
    static let indianMoneyFormat = #"[>=10000000]##\,##\,##\,##0.00;[>=100000]##\,##\,##0.00;##,##0.00"#

    package static func data(for sheet: Spreadsheet) throws -> Data {
        // libxlsxwriter 1.1 writes only to files: a private temporary one, removed once read.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fintrak-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else { throw SpreadsheetError(description: "libxlsxwriter could not create a workbook") }
        let formats = Formats(workbook)
        guard let worksheet = workbook_add_worksheet(workbook, String(sheet.title.prefix(31))) else {
            workbook_close(workbook)
            throw SpreadsheetError(description: "libxlsxwriter could not add a worksheet")
        }
        for (column, spec) in sheet.columns.enumerated() {
            worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), spec.width, nil)
            worksheet_write_string(worksheet, 0, lxw_col_t(column), spec.title, formats.header)
        }
        for (index, row) in sheet.rows.enumerated() {
            for (column, cell) in row.enumerated() {
                write(cell, worksheet, row: lxw_row_t(index + 1), column: lxw_col_t(column), formats: formats, total: false)
            }
        }
        let totalRow = lxw_row_t(sheet.rows.count + 1)
        for (column, cell) in sheet.totals.enumerated() {
            let summable = !sheet.rows.isEmpty && sheet.rows.allSatisfy { row in
                switch (row[safe: column], cell) {
                case (.money?, .money), (.integer?, .integer), (.empty?, .money): true
                default: false
                }
            }
            if summable {
                let letter = String(UnicodeScalar(UInt8(65 + column)))
                let formula = "=SUM(\(letter)2:\(letter)\(sheet.rows.count + 1))"
                worksheet_write_formula_num(worksheet, totalRow, lxw_col_t(column), formula,
                                            cell.isMoney ? formats.totalMoney : formats.total, cell.number)
            } else {
                write(cell, worksheet, row: totalRow, column: lxw_col_t(column), formats: formats, total: true)
            }
        }
        worksheet_freeze_panes(worksheet, 1, 0)
        if !sheet.rows.isEmpty {
            worksheet_autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.columns.count - 1))
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw SpreadsheetError(description: "libxlsxwriter: \(String(cString: lxw_strerror(status)))")
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    private static func write(_ cell: Spreadsheet.Cell, _ worksheet: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t,
                              column: lxw_col_t, formats: Formats, total: Bool) {
        switch cell {
        case .text(let text):
            worksheet_write_string(worksheet, row, column, text, total ? formats.total : nil)
        case .date(let day):
            var datetime = lxw_datetime(year: Int32(day.year), month: Int32(day.month), day: Int32(day.day), hour: 0, min: 0, sec: 0)
            worksheet_write_datetime(worksheet, row, column, &datetime, formats.date)
        case .money, .integer:
            worksheet_write_number(worksheet, row, column, cell.number,
                                   cell.isMoney ? (total ? formats.totalMoney : formats.money) : (total ? formats.total : nil))
        case .empty:
            if total { worksheet_write_blank(worksheet, row, column, formats.total) }
        }
    }

    /// The workbook's cell formats; libxlsxwriter owns and frees them with the workbook.
    private struct Formats {
        let header, date, money, total, totalMoney: UnsafeMutablePointer<lxw_format>

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
            date = workbook_add_format(workbook)
            format_set_num_format(date, "d mmm yyyy")
            money = workbook_add_format(workbook)
            format_set_num_format(money, XLSXWriter.indianMoneyFormat)
            total = workbook_add_format(workbook)
            format_set_bold(total)
            format_set_top(total, UInt8(LXW_BORDER_THIN.rawValue))
            totalMoney = workbook_add_format(workbook)
            format_set_bold(totalMoney)
            format_set_top(totalMoney, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_num_format(totalMoney, XLSXWriter.indianMoneyFormat)
        }
    }
}

private extension Spreadsheet.Cell {
    var isMoney: Bool {
        if case .money = self { return true }
        return false
    }

    /// Excel keeps every number as an IEEE double, so amounts become one only here, at the file format's edge,
    /// through their decimal text (the nearest double: 99.99 stays 99.99, which NSDecimalNumber's doubleValue misses).
    var number: Double {
        switch self {
        case .money(let amount): Double(amount.rounded(scale: 2).description) ?? 0
        case .integer(let value): Double(value)
        default: 0
        }
    }
}
