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
