import FintrakCore
import BillReading

/// A bill's text (as OCR or a PDF's text layer hands it over) through `InvoiceParser`; a reading that becomes a
/// record is one the database accepts, with confidences between 0 and 1.
let reference = CalendarDay(clampingYear: 2026, month: 3, day: 31)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBillText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    if let (record, confidences) = InvoiceParser.parse(text, reference: reference).draft(category: nil, received: reference) {
        precondition(record.validationProblem == nil, "draft fails validation: \(record.validationProblem ?? "")")
        precondition(confidences.values.allSatisfy { (0...1).contains($0) }, "confidence out of range")
    }
    return 0
}
