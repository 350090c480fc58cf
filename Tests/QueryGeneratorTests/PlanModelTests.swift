import FintrakConfiguration
import ChatModel
import AnswerFormatting
import FintrakCore
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
import Logging
@testable import QueryGenerator
import QuestionSamples
import QuestionUnderstanding
import Testing

/// `QUERY_BACKEND=openai` against a fake OpenAI-compatible server on 127.0.0.1.
@Suite struct PlanModelTests {
    let logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical    // the fallbacks below log warnings on purpose
        return logger
    }()

    func model(_ server: RecordingHTTPServer) -> PlanModel {
        PlanModel(model: ChatModelClient(
            http: HTTPClient(logger: logger),
            settings: ChatModelSettings(baseURL: server.baseURL + "/v1", apiKey: "sk-test", model: "test-model",
                                        timeout: .seconds(30))))
    }

    static func chat(_ content: String) -> StubResponse {
        let body = try! JSONSerialization.data(withJSONObject: ["choices": [["message": ["role": "assistant", "content": content]]]])
        return StubResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
    }

    @Test func theModelsPlanIsUsedWithTheTenantsOwnNames() async throws {
        try await RecordingHTTPServer.run(handler: { _ in
            Self.chat(#"{"measure": "top", "n": 2, "by": "payee", "from": "2026-10-01", "to": "2026-10-31"}"#)
        }) { server in
            let understanding = await model(server).understand("sabse bade do vendors pichle mahine", vocabulary: sampleVocabulary,
                                                               today: sampleToday, logger: logger)
            #expect(understanding?.summary == "top 2 payee 2026-10-01..2026-10-31")
            let request = try #require(server.requests.first)
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("Authorization") == "Bearer sk-test")
            let sent = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(sent["model"] as? String == "test-model")
            let messages = try #require(sent["messages"] as? [[String: String]])
            #expect(messages.last?["content"] == "sabse bade do vendors pichle mahine")
            #expect(messages.first?["content"]?.contains("Today is 2026-11-21") == true)
        }
    }

    @Test(arguments: [
        StubResponse.text("overloaded", status: 503), PlanModelTests.chat("I think you spent a lot!"),
        PlanModelTests.chat(#"{"measure": "DELETE FROM invoices"}"#), StubResponse.json("{}"),
    ])
    func aFailingOrNonsensicalModelLeavesTheQuestionToTheRules(response: StubResponse) async throws {
        try await RecordingHTTPServer.run(handler: { _ in response }) { server in
            #expect(await model(server).understand("how much last month", vocabulary: sampleVocabulary, today: sampleToday,
                                                   logger: logger) == nil)
        }
    }

    @Test func aModelCannotNameAPayeeTheTenantDoesNotHave() async throws {
        try await RecordingHTTPServer.run(handler: { _ in Self.chat(#"{"measure": "list", "payee": "Zephyrine Textiles"}"#) }) { server in
            let understanding = await model(server).understand("show everyone's bills", vocabulary: sampleVocabulary,
                                                               today: sampleToday, logger: logger)
            #expect(understanding?.summary == "unknown payee Zephyrine Textiles")
        }
    }

    @Test func theBackendIsChosenFromTheEnvironment() throws {
        func settings(_ environment: [String: String]) throws -> QuerySettings {
            var reader = EnvironmentReader(environment)
            let settings = QuerySettings.read(from: &reader)
            try reader.check()
            return settings
        }
        #expect(try settings([:]) == QuerySettings())
        let openai = try settings(["QUERY_BACKEND": "openai", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1/", "OPENAI_MODEL": "m"])
        #expect(openai.model == ChatModelSettings(baseURL: "http://127.0.0.1:9/v1", apiKey: nil, model: "m"))
        #expect(throws: ConfigurationError.self) { try settings(["QUERY_BACKEND": "gpt"]) }
        #expect(throws: ConfigurationError.self) { try settings(["QUERY_BACKEND": "openai", "OPENAI_BASE_URL": "ftp://x"]) }
    }
}
