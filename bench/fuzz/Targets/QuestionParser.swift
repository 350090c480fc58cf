import FintrakCore
import QuestionUnderstanding

/// A question (English, Hinglish, anything) through `QuestionParser`, with a vocabulary that has names to match.
let parser = QuestionParser(
    today: CalendarDay(clampingYear: 2026, month: 3, day: 31),
    vocabulary: Vocabulary(payees: ["Ramesh Traders", "Big Bazaar", "Sharma Kirana", "A"], categories: ["fuel", "rent", "groceries"]))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuestionParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = parser.understand(FuzzInput.text(data, size))
    return 0
}
