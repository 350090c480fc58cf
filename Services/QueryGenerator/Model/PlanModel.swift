import ChatModel
import FintrakCore
import Foundation
import Logging
import QuestionUnderstanding

/// `QUERY_BACKEND=openai`: an OpenAI-compatible chat model proposes a plan as JSON. The proposal only ever
/// becomes a `QueryPlan` (the same typed plan the rules parser makes, its names matched against the tenant's own),
/// so a model can change what is asked, never what may be read. nil means "ask the rules parser".
struct PlanModel: Sendable {
    let model: ChatModelClient
    /// A question is waited on by a person: the model gets this long at most, then the rules parser answers.
    var timeout: Duration = .seconds(8)

    func understand(_ question: String, vocabulary: Vocabulary, today: CalendarDay, logger: Logger) async -> Understanding? {
        do {
            let content = try await model.complete(
                [.system(Self.instructions(vocabulary: vocabulary, today: today)), .user(question)],
                format: .jsonObject, timeout: timeout)
            let plan = try PlanJSON(modelReply: content)
            if plan.measure == "unknown" { return .notUnderstood(mentionsOthers: false) }
            guard let understanding = plan.plan(vocabulary: vocabulary) else {
                logger.warning("plan model proposed an invalid plan; using the rules parser")
                return nil
            }
            return understanding
        } catch ChatModelError.status(let status, _) {
            logger.warning("plan model answered \(status); using the rules parser")
            return nil
        } catch {
            logger.warning("plan model failed; using the rules parser", metadata: ["error": "\(error)"])
            return nil
        }
    }

    static func instructions(vocabulary: Vocabulary, today: CalendarDay) -> String {
        """
        You turn a small Indian business owner's question about their own bills (English or Hinglish) into one JSON \
        object and nothing else. Today is \(today) (\(today.display)). Fields:
        - "measure": one of \(PlanJSON.measures.joined(separator: ", ")), or "unknown" when it is not a question about \
        their bills.
        - "n": how many, for top, largest, smallest, latest.
        - "by": payee, category, payment_method, month, week or day, for top, breakdown and average_per.
        - "metric": total (default), tax (GST) or net (before tax).
        - "from", "to": the period as YYYY-MM-DD, both days included; leave both out for all time. This month is \
        the 1st to today; last month is the previous calendar month; the financial year runs 1 April to 31 March.
        - "payee", "category": the name as the user wrote it. "payment_method": cash, card, upi, bank_transfer or cheque.
        - "amount_over", "amount_from", "amount_under", "amount_to": only bills whose total is above (>), at least (>=), \
        below (<) or at most (<=) this many rupees, as a number in a string: "bills above 3000" is "amount_over": "3000".
        - "compare": for comparisons, a list of objects with their own from, to, payee, category, payment_method \
        and a short "label".
        Their payees: \(vocabulary.payees.prefix(200).map(\.name).joined(separator: "; ")).
        Their categories: \(vocabulary.categories.prefix(100).map(\.name).joined(separator: "; ")).
        """
    }
}
