import BillReading
import FintrakCore

/// The day the bill tests read as of: a bill of March 2026 is recent, one of 2016 is old enough to ask about.
let billTestDay = CalendarDay(year: 2026, month: 3, day: 31)

/// A bill's text read as of `billTestDay`.
func parse(_ text: String) -> InvoiceExtraction {
    InvoiceParser.parse(text, reference: billTestDay)
}
