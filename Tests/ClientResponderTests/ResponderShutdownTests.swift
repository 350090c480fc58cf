@testable import ClientResponder
import FintrakConfiguration
import FintrakCore
import FintrakPostgres
import FintrakRabbitMQ
import FintrakTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A provider request held until the test releases it, so a shutdown can come while a reply is with the provider.
final class HeldRequest: Sendable {
    private struct State {
        var arrived = false
        var released = false
        var waiting: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    var arrived: Bool { state.withLock { $0.arrived } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                state.arrived = true
                if state.released { return true }
                state.waiting = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func release() {
        state.withLock { state in
            state.released = true
            defer { state.waiting = nil }
            return state.waiting
        }?.resume()
    }
}

@Suite struct ResponderShutdownTests {
    /// The responder stops (here cancelled, as a failing service group or a test stops it) while the provider holds
    /// a reply. The reply is still recorded as sent once the provider accepts it: the database connections close only
    /// after the consumers' last replies are recorded, so shutting down neither loses the record (which would send
    /// the reply again on redelivery) nor waits a minute retrying on a closed pool.
    @Test func aReplyWithTheProviderAtShutdownIsStillRecordedSent() async throws {
        try await ServiceEnvironment.migrate()
        let held = HeldRequest()
        let provider = ScriptedProvider([{ request in
            await held.wait()
            return try await ScriptedProvider.created(request)
        }])
        try await RecordingHTTPServer.run(handler: { try await provider.handle($0) }) { server in
            let environment = try ServiceEnvironment.make(ResponderHarness.providerSettings(server))
            let configuration = try FintrakConfiguration.load(service: ResponderService.name, defaultPort: 0, environment: environment)
            let responder = ResponderService(configuration: configuration, settings: try ResponderSettings.load(configuration))
            let logger = Logger(label: "test")
            let publisher = AMQPPublisher(url: configuration.amqpURL, topology: configuration.queues.topology, logger: logger)
            let pool = PostgresPool(url: try TestEnvironment.databaseURL, size: 1, logger: logger)
            defer { pool.close() }
            let harness = ResponderHarness(environment: environment, queues: configuration.queues, publisher: publisher,
                                           pool: pool, server: server, provider: provider, port: 0)
            let reply = harness.reply("held at shutdown \(UUID())")
            let running = Task { try await responder.run() }
            try await harness.publish(reply)
            await publisher.close()
            let arrived = try await eventually(timeout: .seconds(60), pollEvery: .milliseconds(20)) { held.arrived }
            try #require(arrived, "the reply never reached the provider")
            running.cancel()
            held.release()
            try await running.value
            #expect(try await harness.status(reply.replyID) == "sent")
            #expect(provider.accepted.count == 1)
        }
    }
}
