@testable import ClientResponder
import FintrakConfiguration
import FintrakCore
import FintrakTestSupport
import Foundation
import Testing

/// Template sends on each provider's wire (Twilio `ContentSid` + `ContentVariables`, the Cloud API's `type: template`,
/// Gupshup's template API), the console's print, and the template settings' checks.
@Suite struct TemplateSendTests {
    static let template = TemplateMessage(kind: .paymentReminder, variables: ["Ramesh", "Gupta Kirana", "₹1,200", "upi://pay?pa=a@b"])

    @Test func twilioSendsTheContentSidAndNumberedVariables() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"sid": "SM9"}"#, status: 201) }) { server in
            let sender = try #require(try SenderTests.senders(base: server.baseURL)[.twilio])
            let sid = "HX" + String(repeating: "0f", count: 16)
            #expect(try await sender.send(template: Self.template, id: sid, text: "…", to: SenderTests.tenant) == "SM9")
            let form = SenderTests.form(try #require(server.requests.first))
            #expect(form["ContentSid"] == [sid] && form["Body"] == nil && form["To"] == ["whatsapp:\(SenderTests.tenant)"])
            let variables = try SenderTests.json(try #require(form["ContentVariables"]?.first))
            #expect(variables == ["1": "Ramesh", "2": "Gupta Kirana", "3": "₹1,200", "4": "upi://pay?pa=a@b"] as NSDictionary)
        }
    }

    @Test func theCloudAPISendsATemplateWithBodyParameters() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"messages": [{"id": "wamid.T"}]}"#) }) { server in
            let sender = try #require(try SenderTests.senders(base: server.baseURL)[.meta])
            #expect(try await sender.send(template: Self.template, id: "payment_reminder:hi", text: "…", to: SenderTests.tenant) == "wamid.T")
            let body = try SenderTests.json(try #require(server.requests.first).bodyText)
            #expect(body["type"] as? String == "template" && body["to"] as? String == "919812345678")
            let template = try #require(body["template"] as? NSDictionary)
            #expect(template["name"] as? String == "payment_reminder")
            #expect((template["language"] as? NSDictionary)?["code"] as? String == "hi")
            let components = try #require(template["components"] as? [NSDictionary])
            #expect(components.count == 1 && components[0]["type"] as? String == "body")
            let texts = (components[0]["parameters"] as? [NSDictionary])?.compactMap { $0["text"] as? String }
            #expect(texts == Self.template.variables)
        }
    }

    @Test func gupshupPostsToTheTemplateAPI() async throws {
        try await RecordingHTTPServer.run(handler: { _ in .json(#"{"status": "submitted", "messageId": "g1"}"#, status: 202) }) { server in
            let sender = try #require(try SenderTests.senders(base: server.baseURL)[.gupshup])
            #expect(try await sender.send(template: Self.template, id: "tpl-1", text: "…", to: SenderTests.tenant) == "g1")
            let request = try #require(server.requests.first)
            #expect(request.path == "/wa/api/v1/template/msg" && request.header("apikey") == "gupshup-test-key")
            let form = SenderTests.form(request)
            #expect(form["destination"] == ["919812345678"] && form["source"] == ["917834811114"])
            let template = try SenderTests.json(try #require(form["template"]?.first))
            #expect(template == ["id": "tpl-1", "params": Self.template.variables] as NSDictionary)
        }
    }

    @Test func theConsolePrintsTheTemplateItsVariablesAndItsText() {
        let printed = ConsoleSender.render(template: Self.template, text: "Hello Ramesh", to: "+919812345678")
        #expect(printed.contains("template payment_reminder to +919812345678") && printed.contains("Hello Ramesh"))
        #expect(printed.contains("{{4}} upi://pay?pa=a@b"))
    }

    @Test func templateSettingsAreChecked() throws {
        var good = EnvironmentReader([
            "REMINDER_TEMPLATE_TWILIO": "HX" + String(repeating: "a1", count: 16), "REMINDER_TEMPLATE_META": "payment_reminder:en",
            "ENTRY_NOTICE_TEMPLATE_GUPSHUP": "tpl-9",
        ])
        let settings = TemplateSettings.read(from: &good)
        #expect(good.problems.isEmpty)
        #expect(settings.ids[.meta]?[.paymentReminder] == "payment_reminder:en")
        #expect(settings.ids[.gupshup]?[.entryNotice] == "tpl-9" && settings.ids[.twilio]?[.entryNotice] == nil)
        var bad = EnvironmentReader(["REMINDER_TEMPLATE_TWILIO": "payment_reminder", "REMINDER_TEMPLATE_META": "payment_reminder"])
        _ = TemplateSettings.read(from: &bad)
        #expect(bad.problems.count == 2 && bad.problems.allSatisfy { $0.contains("is malformed") })
    }
}
