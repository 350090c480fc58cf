@testable import ClientResponder
import FintrakConfiguration
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
@testable import InvoiceExtractor
import Logging
@testable import QueryGenerator
import Testing
@testable import WebhookIntake

/// The four services running in this process against the real servers, replying to a fake Twilio.
struct TestStack {
    let fake: RecordingHTTPServer
    let intakePort: Int
    let http = HTTPClient(logger: Logger(label: "test"))

    struct Reply {
        var form: [String: String]
    }

    /// POSTs a Twilio-signed form to intake's `/whatsapp` and returns the HTTP status.
    func sendTwilio(from tenant: String, _ fields: [String: String], signature: String? = nil) async throws -> Int {
        var form = ["MessageSid": "SM" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(),
                    "AccountSid": ServiceEnvironment.twilioSID, "From": "whatsapp:" + tenant,
                    "To": ServiceEnvironment.twilioNumber, "ProfileName": "Test"]
        form.merge(fields) { $1 }
        let pairs = form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let url = ServiceEnvironment.publicBaseURL + "/whatsapp"
        let signed = signature ?? TwilioSignature(authToken: ServiceEnvironment.twilioToken).expected(url: url, fields: pairs)
        var request = HTTPRequest.form("http://127.0.0.1:\(intakePort)/whatsapp", pairs)
        request.headers.append((name: "X-Twilio-Signature", value: signed))
        return try await http.send(request).status
    }

    /// The messages the fake Twilio accepted for `tenant` (nil: for anyone).
    func replies(to tenant: String?) -> [Reply] {
        fake.requests.filter { $0.method == "POST" }.map { Reply(form: Dictionary(FormEncoding.decode($0.bodyText)) { a, _ in a }) }
            .filter { tenant == nil || $0.form["To"] == "whatsapp:" + tenant! }
    }

    func awaitReply(to tenant: String?, timeout: Duration = .seconds(60)) async throws -> Reply {
        _ = try await eventually(timeout: timeout) { !replies(to: tenant).isEmpty }
        return try #require(replies(to: tenant).first, "no reply reached the fake Twilio")
    }
}

/// Starts a fake Twilio and the four services, runs `body`, and stops them all.
func withStack(_ extra: [String: String] = [:], _ body: (TestStack) async throws -> Void) async throws {
    try await ServiceEnvironment.migrate()
    let sid = ServiceEnvironment.twilioSID
    let auth = "Basic " + Data("\(sid):\(ServiceEnvironment.twilioToken)".utf8).base64EncodedString()
    try await RecordingHTTPServer.run(handler: { request in
        guard request.path == "/2010-04-01/Accounts/\(sid)/Messages.json", request.header("Authorization") == auth else {
            return .json(#"{"code": 20003, "message": "Authenticate"}"#, status: 401)
        }
        return .json(#"{"sid": "SM\#(UUID().uuidString.prefix(8))"}"#, status: 201)
    }) { fake in
        // On the console provider intake's own links carry the local chat's bills to the extractor, so intake listens
        // where PUBLIC_BASE_URL says: a port the kernel just handed out.
        var extra = extra
        var intakeEnvironment: [String: String] = [:]
        if extra["WHATSAPP_PROVIDER"] == "console" {
            let probe = try SilentTCPServer()
            probe.close()
            extra["PUBLIC_BASE_URL"] = "http://127.0.0.1:\(probe.port)"
            intakeEnvironment["HTTP_PORT"] = "\(probe.port)"
        }
        let environment = try ServiceEnvironment.make(["TWILIO_API_BASE": fake.baseURL].merging(extra) { $1 })
        func configuration(_ name: String) throws -> FintrakConfiguration {
            try FintrakConfiguration.load(
                service: name, defaultPort: 0,
                environment: name == IntakeService.name ? environment.merging(intakeEnvironment) { $1 } : environment)
        }
        let intakePort = PortBox()
        let services: [@Sendable () async throws -> Void] = [
            { [intake = IntakeService(configuration: try configuration(IntakeService.name),
                                      settings: try IntakeSettings.load(try configuration(IntakeService.name)))] in
                try await intake.run { intakePort.set($0) } },
            { [query = QueryService(configuration: try configuration(QueryService.name),
                                    settings: try QuerySettings.load(try configuration(QueryService.name)))] in
                try await query.run() },
            { [extractor = ExtractorService(configuration: try configuration(ExtractorService.name),
                                            settings: try ExtractorSettings.load(try configuration(ExtractorService.name)))] in
                try await extractor.run() },
            { [responder = ResponderService(configuration: try configuration(ResponderService.name),
                                            settings: try ResponderSettings.load(try configuration(ResponderService.name)))] in
                try await responder.run() },
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask(operation: service) }
            let listening = try await eventually { intakePort.port != nil }
            try #require(listening, "webhook-intake did not start listening")
            let stack = TestStack(fake: fake, intakePort: intakePort.port!)
            try await ServiceReadiness.wait(for: IntakeService.name) { stack.intakePort }
            try await body(stack)
            group.cancelAll()
        }
    }
}
