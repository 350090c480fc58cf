@testable import FintrakCLI
import Logging
import FintrakPostgres
import FintrakCore
import FintrakObservability
import FintrakHTTPClient
import FintrakTestSupport
import Foundation
import Testing

/// One message end to end through real PostgreSQL, Redis and RabbitMQ, with a fake Twilio on 127.0.0.1.
@Suite struct MessagePathTests {
    @Test func hiOverTwilioIsAnsweredWithTheMenu() async throws {
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            let status = try await stack.sendTwilio(from: tenant, ["Body": "hi", "NumMedia": "0"])
            #expect(status == 200)
            let reply = try await stack.awaitReply(to: tenant)
            #expect(reply.form["From"] == ServiceEnvironment.twilioNumber)
            #expect(reply.form["Body"]?.contains("1. Save an invoice") == true)
        }
    }

    @Test func metricsCountTheMessageItsWaitAndTheDependencies() async throws {
        FintrakMetrics.bootstrap()
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            #expect(try await stack.sendTwilio(from: tenant, ["Body": "hi", "NumMedia": "0"]) == 200)
            _ = try await stack.awaitReply(to: tenant)
            let metrics = String(decoding: try await stack.http.send(
                HTTPRequest(url: "http://127.0.0.1:\(stack.intakePort)/metrics")).body, as: UTF8.self)
            let answered = metrics.split(separator: "\n").filter {
                $0.hasPrefix("messages_total{") && $0.contains(#"kind="text""#) && $0.contains(#"outcome="answered""#)
            }
            #expect(!answered.isEmpty, "messages_total for answered texts")
            #expect(metrics.contains("queue_lag_seconds_bucket{"))
            #expect(metrics.contains("handler_duration_seconds_bucket{"))
            #expect(metrics.contains(#"dead_letters_total{queue=""#), "dead letters counted from 0")
            for dependency in ["postgresql", "redis", "rabbitmq"] {
                #expect(metrics.contains(#"dependency_up{dependency="\#(dependency)"} 1"#), "dependency_up \(dependency)")
            }
        }
    }

    @Test func traceShowsTheMessagePathThroughEveryService() async throws {
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            let id = "SMtrace" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20)
            #expect(try await stack.sendTwilio(from: tenant, ["Body": "hi", "NumMedia": "0", "MessageSid": id]) == 200)
            _ = try await stack.awaitReply(to: tenant)
            let pool = PostgresPool(url: try TestEnvironment.serviceDatabaseURL, size: 1, logger: Logger(label: "test"))
            defer { pool.close() }
            var steps: [Trace.Step] = []
            let complete = try await eventually { () async throws -> Bool in
                steps = try await Trace.steps(for: id, last: 5, in: pool)
                return Set(steps.map(\.event)).isSuperset(of: ["received", "answered", "sent"])
            }
            #expect(complete, "the responder's step is written within the deadline")
            // A loaded machine may add steps of legitimate retries (a postponed question, a failed send tried again);
            // the path is each milestone's first step, in the order the steps happened.
            let milestones = ["received", "answered", "sent"]
            let path = steps.filter { milestones.contains($0.event) }
            let firsts = milestones.compactMap { milestone in path.firstIndex { $0.event == milestone } }
            #expect(firsts.count == milestones.count && firsts == firsts.sorted(), "milestones in order: \(steps.map(\.event))")
            #expect(firsts.map { path[$0].service } == ["webhook-intake", "query-generator", "client-responder"])
            #expect(steps.allSatisfy { $0.tenantTag == TenantTag.of(tenant) })
            let byPhone = try await Trace.steps(for: String(tenant.dropFirst(3)), last: 1, in: pool)
            #expect(!byPhone.isEmpty && byPhone.allSatisfy { $0.messageID == id },
                    "a number without its country code finds the same message")
            let report = Trace.render(steps)
            #expect(report.contains("message \(id)"))
            #expect(!report.contains(tenant), "the phone number is never shown")
        }
    }

    @Test func fintrakSendPostsWebhooksIntakeAcceptsForEveryProvider() async throws {
        let secrets = ["GUPSHUP_WEBHOOK_TOKEN": "gupshup-secret", "META_APP_SECRET": "meta-secret",
                       "GUPSHUP_API_KEY": "k", "GUPSHUP_APP_NAME": "FintrakTest", "GUPSHUP_SOURCE_NUMBER": "917834811114"]
        try await withStack(secrets) { stack in
            for provider in SendWebhook.ProviderName.allCases {
                let secret = [.twilio: ServiceEnvironment.twilioToken, .gupshup: "gupshup-secret", .meta: "meta-secret"][provider] ?? ""
                let (request, id) = SendWebhook.request(
                    provider: provider, from: ServiceEnvironment.uniqueTenant(), text: "hi", secret: secret,
                    publicBase: ServiceEnvironment.publicBaseURL, intake: "http://127.0.0.1:\(stack.intakePort)",
                    twilio: (account: ServiceEnvironment.twilioSID, number: ServiceEnvironment.twilioNumber))
                let status = try await stack.http.send(request).status
                #expect(status == 200, "\(provider.rawValue) \(id)")
            }
            let forged = SendWebhook.request(
                provider: .meta, from: ServiceEnvironment.uniqueTenant(), text: "hi", secret: "not the secret",
                publicBase: ServiceEnvironment.publicBaseURL, intake: "http://127.0.0.1:\(stack.intakePort)",
                twilio: (account: ServiceEnvironment.twilioSID, number: ServiceEnvironment.twilioNumber)).0
            let refused = try await stack.http.send(forged).status
            #expect(refused == 403)
        }
    }

    @Test func aBillPhotoReachesTheExtractor() async throws {
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            let status = try await stack.sendTwilio(from: tenant, [
                "Body": "", "NumMedia": "1", "MediaUrl0": stack.fake.baseURL + "/media/bill.jpg",
                "MediaContentType0": "image/jpeg",
            ])
            #expect(status == 200)
            let reply = try await stack.awaitReply(to: tenant)
            #expect(reply.form["Body"]?.isEmpty == false)
        }
    }

    @Test func aForgedSignatureIsRefusedAndNothingIsSent() async throws {
        try await withStack { stack in
            let tenant = ServiceEnvironment.uniqueTenant()
            let status = try await stack.sendTwilio(from: tenant, ["Body": "hi"], signature: "bm90IGEgc2lnbmF0dXJl")
            #expect(status == 403)
            let good = try await stack.sendTwilio(from: ServiceEnvironment.uniqueTenant(), ["Body": "hi"])
            #expect(good == 200)
            _ = try await stack.awaitReply(to: nil)
            #expect(stack.replies(to: tenant).isEmpty)
        }
    }
}
