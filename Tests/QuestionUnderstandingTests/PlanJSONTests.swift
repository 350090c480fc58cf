import FintrakCore
import Foundation
import QuestionSamples
@testable import QuestionUnderstanding
import Testing

@Suite struct PlanJSONTests {
    @Test(arguments: [
        "how much did i spend at dmart last month", "GST this year", "top 3 suppliers this year", "UPI vs cash in september",
        "month by month spending", "average daily spend this month", "3 biggest bills", "list all DMart bills",
        "median bill last month", "grocery spend by UPI last month", "compare this month with last", "my last 5 bills",
        "bills above 3000 last month", "1000 se 5000 ke beech ke bills", "bills of at least 2000", "under 500 ke bills",
    ])
    func plansSurviveAJSONRoundTrip(question: String) throws {
        let original = understand(question)
        let plan = try #require(original.plan)
        let json = try EnvelopeCoding.encode(PlanJSON(plan))
        let decoded = try JSONDecoder().decode(PlanJSON.self, from: json).plan(vocabulary: sampleVocabulary)
        #expect(decoded?.summary == original.summary, "\(String(decoding: json, as: UTF8.self))")
    }

    @Test func aModelsPlanIsMatchedToTheTenantsOwnNames() throws {
        let json = #"{"measure": "total", "payee": "reliance", "from": "2026-10-01", "to": "2026-10-31", "metric": "tax"}"#
        let plan = try JSONDecoder().decode(PlanJSON.self, from: Data(json.utf8)).plan(vocabulary: sampleVocabulary)
        #expect(plan?.summary == "total tax 2026-10-01..2026-10-31 payee=Reliance Digital")
    }

    @Test(arguments: [
        (#"{"measure": "total", "payee": "Zephyrine Textiles"}"#, "unknown payee Zephyrine Textiles"),
        (#"{"measure": "total", "category": "weapons"}"#, "unknown category weapons"),
    ])
    func namesTheTenantDoesNotHaveAreNotGuessed(json: String, expected: String) throws {
        let plan = try JSONDecoder().decode(PlanJSON.self, from: Data(json.utf8)).plan(vocabulary: sampleVocabulary)
        #expect(plan?.summary == expected)
    }

    @Test(arguments: [
        #"{"measure": "DROP TABLE invoices"}"#, #"{"measure": "breakdown"}"#, #"{"measure": "breakdown", "by": "tenant"}"#,
        #"{"measure": "compare", "compare": [{"payment_method": "upi"}]}"#, #"{"measure": "average_per", "by": "payee"}"#,
    ])
    func invalidPlansAreRefused(json: String) throws {
        #expect(try JSONDecoder().decode(PlanJSON.self, from: Data(json.utf8)).plan(vocabulary: sampleVocabulary) == nil)
    }

    @Test func theModelsJSONIsFoundInsideProseOrFences() throws {
        #expect(try PlanJSON(modelReply: "Sure!\n```json\n{\"measure\": \"count\"}\n```").measure == "count")
    }
}
