import Foundation
import Hummingbird
import Logging

/// A request as the fake server received it.
public struct RecordedRequest: Sendable {
    public let method: String
    public let path: String
    /// The raw query, still percent-encoded, without the `?`; empty when there is none.
    public let query: String
    /// In the order received, names as the client spelled them.
    public let headers: [(name: String, value: String)]
    public let body: Data

    /// The first value of a header; case-insensitive.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the fake server answers.
public struct StubResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func text(_ text: String, status: Int = 200) -> StubResponse {
        StubResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    public static func json(_ json: String, status: Int = 200) -> StubResponse {
        StubResponse(status: status, headers: [("Content-Type", "application/json")], body: Data(json.utf8))
    }
}

/// A throwaway HTTP/1.1 server on 127.0.0.1 and a free port, standing in for a provider (Twilio, Gupshup, Meta):
/// it records every request, then answers with whatever the current handler returns (200 and no body until one
/// is set). A handler that throws gets a 500.
///
///     try await RecordingHTTPServer.run { server in
///         server.setHandler { request in .json(#"{"sid":"SM1"}"#, status: 201) }
///         … point the code under test at server.baseURL …
///         #expect(server.requests.count == 1)
///     }
public final class RecordingHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) async throws -> StubResponse

    public struct StartFailed: Error {}

    public let port: Int
    /// `http://127.0.0.1:<port>`, no trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let state: State
    private let task: Task<Void, any Error>

    private init(port: Int, state: State, task: Task<Void, any Error>) {
        self.port = port
        self.state = state
        self.task = task
    }

    /// Starts the server, runs `body`, and stops the server whether `body` returns or throws.
    public static func run<T>(
        handler: @escaping Handler = { _ in StubResponse() },
        _ body: (RecordingHTTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(handler: handler)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Returns once the server listens. Call `stop()` when done.
    public static func start(handler: @escaping Handler = { _ in StubResponse() }) async throws -> RecordingHTTPServer {
        let state = State(handler: handler)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "RecordingHTTPServer")
        logger.logLevel = .critical  // `stop()` cancels the server, which Hummingbird reports as an error
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await state.respond(to: request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { portSink.finish() }  // a server that fails to start must not leave `start` waiting
            try await app.run()
        }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            task.cancel()
            try await task.value
            throw StartFailed()
        }
        return RecordingHTTPServer(port: port, state: state, task: task)
    }

    /// Replaces the handler for the requests that follow.
    public func setHandler(_ handler: @escaping Handler) {
        state.setHandler(handler)
    }

    /// Every request received so far, oldest first (recorded before the handler runs).
    public var requests: [RecordedRequest] { state.requests }

    /// Stops listening; requests still in a handler are cancelled.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

private final class State: @unchecked Sendable {  // `handler` and `requests` are guarded by `lock`.
    private let lock = NSLock()
    private var handler: RecordingHTTPServer.Handler
    private var recorded: [RecordedRequest] = []

    init(handler: @escaping RecordingHTTPServer.Handler) {
        self.handler = handler
    }

    var requests: [RecordedRequest] { lock.withLock { recorded } }

    func setHandler(_ handler: @escaping RecordingHTTPServer.Handler) {
        lock.withLock { self.handler = handler }
    }

    func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: .max)
        let received = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.rawName, $0.value) },
            body: Data(body.readableBytesView)
        )
        let handler = lock.withLock {
            recorded.append(received)
            return self.handler
        }
        let stub = try await handler(received)
        var headers = HTTPFields()
        for (name, value) in stub.headers {
            // HTTPField itself is not re-exported by Hummingbird; HTTPFields.Element is that type.
            guard let name = HTTPFields.Element.Name(name) else { continue }
            headers.append(HTTPFields.Element(name: name, value: value))
        }
        return Response(status: .init(code: stub.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stub.body)))
    }
}
