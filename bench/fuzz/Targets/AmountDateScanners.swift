@testable import BillReading

/// A line of text through `AmountScanner` and `DateScanner`: every match lies inside the line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmountDateScanners(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    let length = text.count
    for amount in AmountScanner.amounts(in: text) {
        precondition(0 <= amount.start && amount.start < amount.end && amount.end <= length, "amount outside the line")
    }
    for date in DateScanner.dates(in: text) {
        precondition(0 <= date.start && date.start < date.end && date.end <= length, "date outside the line")
    }
    return 0
}
