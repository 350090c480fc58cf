import FintrakServiceHost
import FintrakTestSupport
import Hummingbird
import Logging
import Testing

/// A worker that fails ends the whole service, with its error, and the HTTP server closes the connections it holds
/// on the way out. (ServiceHost makes that a graceful shutdown rather than a cancellation, because a cancelled server
/// can drop a connection it accepted and had not served yet, which NIO treats as a crash: "Deinited NIOAsyncWriter
/// without calling finish()". That race is too narrow to provoke here.)
@Suite struct ShutdownTests {
    private struct WorkerFailed: Error {}

    @Test func aFailingWorkerEndsTheServiceGracefullyWithAnIdleConnectionOpen() async throws {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let (connected, connectedSink) = AsyncStream.makeStream(of: Void.self)
        let worker = WorkerService(name: "failing worker") {
            for await _ in connected { break }
            throw WorkerFailed()
        }
        let service = Task {
            try await ServiceHost.run(name: "shutdown-test", port: 0, idleTimeout: .seconds(60),
                                      router: Router(context: ServiceRequestContext.self), workers: [worker],
                                      logger: Logger(label: "shutdown-test"), onServerRunning: { portSink.yield($0) })
        }
        let port = try #require(await ports.first { _ in true })
        // A client that connected and sent nothing, at the moment the worker fails.
        let idle = try RawTCPConnection(port: port)
        connectedSink.yield()
        await #expect(throws: WorkerFailed.self) { try await service.value }
        #expect(try await eventually { idle.closedByPeer() })
    }
}
