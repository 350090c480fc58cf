@testable import BillReading
import Foundation
import Testing

@Test func scratchDump() throws {
    let text = try String(contentsOfFile: "/tmp/scratch.txt", encoding: .utf8)
    let bill = BillText(text)
    let finder = TotalsFinder(bill: bill)
    for item in finder.labelled where item.amount.isMoneyLike { print("L\(item.line) \(item.value) role=\(String(describing: item.role)) table=\(item.isTableRow) label=\(bill.label(of: item.amount, onLine: item.line))") }
    print("itemRows", finder.itemRows.map(\.value), "sum", String(describing: finder.itemsSum))
    for c in finder.totalCandidates() { print("cand", c.item.value, c.score, c.confirmed) }
    print(String(describing: finder.total()))
}
