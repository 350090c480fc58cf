import FintrakObservability
import FailurePolicy
import Foundation
import Hummingbird
import Logging
import Metrics

/// One dependency `/ready` depends on, such as PostgreSQL, with a cheap liveness probe.
public struct DependencyCheck: Sendable {
    public let name: String
    public let probe: @Sendable () async -> Bool

    public init(name: String, probe: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.probe = probe
    }
}

/// Runs every check at once, each bounded by `timeout`, and names the ones that failed. A probe that hangs and
/// ignores cancellation (a C client blocked on a server that accepted and never answers) counts as failed at the
/// limit and is left behind: it cannot hold the answer (`withDeadline`).
public func failingDependencies(_ checks: [DependencyCheck], timeout: Duration = .seconds(2)) async -> [String] {
    await withTaskGroup(of: (String, Bool).self) { group in
        for check in checks {
            group.addTask {
                let passed = (try? await withDeadline(timeout) { await check.probe() }) ?? false
                return (check.name, passed)
            }
        }
        var failing: [String] = []
        for await (name, passed) in group where !passed { failing.append(name) }
        return failing.sorted()
    }
}

/// `/health`, `/ready` and `/metrics`, which every service answers (CONTRACT.md); services add their own routes.
/// `operatorOnly`, when given, guards `/ready` and `/metrics` (on a public port they tell outsiders too much);
/// `/health` stays open to any load balancer.
public func makeOpsRouter(checks: [DependencyCheck],
                          operatorOnly: (any MiddlewareProtocol<Request, Response, ServiceRequestContext>)? = nil) -> Router<ServiceRequestContext> {
    let router = Router(context: ServiceRequestContext.self)
    router.get("/health") { _, _ in
        jsonResponse(.ok, ["status": "ok"])
    }
    let ops = router.group()
    if let operatorOnly { ops.add(middleware: operatorOnly) }
    ops.get("/ready") { _, _ in
        let failing = await failingDependencies(checks)
        if failing.isEmpty { return jsonResponse(.ok, ["status": "ready"]) }
        return jsonResponse(.serviceUnavailable, ["status": "unavailable", "failing": failing])
    }
    ops.get("/metrics") { _, _ in
        // Readiness as a figure too, so an alert can tell "up but not ready" (dependency_up 0) from "down".
        let failing = await failingDependencies(checks)
        for check in checks {
            Gauge(label: "dependency_up", dimensions: [("dependency", check.name)]).record(failing.contains(check.name) ? 0 : 1)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: FintrakMetrics.render())))
    }
    return router
}

/// A JSON object with sorted keys, for the ops routes.
public func jsonResponse(_ status: HTTPResponse.Status, _ object: [String: any Sendable]) -> Response {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return Response(status: status, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
