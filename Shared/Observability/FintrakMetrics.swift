import Metrics
import Prometheus
import Synchronization

/// The process's one Prometheus registry behind swift-metrics; `/metrics` renders it.
public enum FintrakMetrics {
    public static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    /// Idempotent: several services may share one process in tests, and MetricsSystem allows one bootstrap.
    public static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }

    /// Every metric in Prometheus's text format, for `/metrics`.
    public static func render() -> String {
        registry.emitToString()
    }
}

extension FintrakMetrics {
    /// `dead_letters_total{queue}`: messages given up on into a dead-letter queue. Services make it at start-up, so
    /// it shows 0 and the first dead letter is an increase that an alert can see.
    public static func deadLetters(queue: String) -> Metrics.Counter {
        Metrics.Counter(label: "dead_letters_total", dimensions: [("queue", queue)])
    }
}
