// swift-tools-version:6.0
import PackageDescription

/// System libraries: one module per C client, each with a shim header for the calls Swift cannot make.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, path: "Shared/\(name)", pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let servicesDependencies: [Target.Dependency] = [
    "FintrakCore", "FintrakRuntime", "FintrakPostgres", "FintrakRabbitMQ", "FintrakRedis", "FintrakHTTPClient",
    log, hummingbird,
]

let package = Package(
    name: "fintrak",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "webhook-intake", targets: ["WebhookIntake"]),
        .executable(name: "invoice-extractor", targets: ["InvoiceExtractor"]),
        .executable(name: "query-generator", targets: ["QueryGenerator"]),
        .executable(name: "client-responder", targets: ["ClientResponder"]),
        .executable(name: "fintrak", targets: ["FintrakCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        systemLibrary("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
        systemLibrary("CRabbitMQ", pkgConfig: "librabbitmq", apt: "librabbitmq-dev"),
        systemLibrary("CHiredis", pkgConfig: "hiredis", apt: "libhiredis-dev"),
        systemLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
        systemLibrary("CTesseract", pkgConfig: "tesseract", apt: "libtesseract-dev"),
        systemLibrary("CXlsxWriter", pkgConfig: "xlsxwriter", apt: "libxlsxwriter-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),

        // Pure Swift: envelopes, phone numbers, money, dates. No I/O.
        .target(name: "FintrakCore", dependencies: [crypto], path: "Shared/Core"),
        // Pure Swift: the khata's grammar, arithmetic, hash chain and reply wording. No I/O.
        .target(name: "Khata", dependencies: ["FintrakCore", crypto], path: "Shared/Khata"),
        // One Swift wrapper per C client; each owns its handle and exposes Swift values and `throws`.
        .target(name: "FintrakPostgres", dependencies: ["CLibPQ", log], path: "Shared/Postgres"),
        .target(name: "FintrakRabbitMQ", dependencies: ["CRabbitMQ", log], path: "Shared/RabbitMQ"),
        .target(name: "FintrakRedis", dependencies: ["CHiredis", log], path: "Shared/Redis"),
        .target(name: "FintrakHTTPClient", dependencies: ["CCurl", log], path: "Shared/HTTPClient"),
        // What every service process shares: configuration, logging, metrics, the ops HTTP server, shutdown.
        .target(
            name: "FintrakRuntime",
            dependencies: [
                "FintrakCore", "FintrakPostgres", "FintrakRabbitMQ", "FintrakRedis", log, hummingbird,
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Runtime"
        ),

        .executableTarget(name: "WebhookIntake", dependencies: servicesDependencies + [crypto], path: "Services/WebhookIntake"),
        .executableTarget(
            name: "InvoiceExtractor", dependencies: servicesDependencies + ["CTesseract", crypto],
            path: "Services/InvoiceExtractor"
        ),
        .executableTarget(
            name: "QueryGenerator", dependencies: servicesDependencies + ["CXlsxWriter", "CCairo", crypto],
            path: "Services/QueryGenerator"
        ),
        .executableTarget(name: "ClientResponder", dependencies: servicesDependencies, path: "Services/ClientResponder"),
        .executableTarget(
            name: "FintrakCLI",
            dependencies: servicesDependencies + [argumentParser],
            path: "Services/FintrakCLI"
        ),

        // Test helpers: the servers' URLs, polling with a deadline, fake provider servers on 127.0.0.1.
        .target(name: "FintrakTestSupport", dependencies: ["FintrakRuntime", hummingbird, log], path: "Tests/Support"),

        .testTarget(name: "CoreTests", dependencies: ["FintrakTestSupport", "FintrakCore"], path: "Tests/CoreTests"),
        .testTarget(name: "KhataTests", dependencies: ["Khata"], path: "Tests/KhataTests"),
        .testTarget(name: "PostgresTests", dependencies: ["FintrakTestSupport", "FintrakPostgres", "FintrakRuntime"], path: "Tests/PostgresTests"),
        .testTarget(name: "RabbitMQTests", dependencies: ["FintrakTestSupport", "FintrakRabbitMQ", "FintrakRuntime"], path: "Tests/RabbitMQTests"),
        .testTarget(name: "RedisTests", dependencies: ["FintrakTestSupport", "FintrakRedis", "FintrakRuntime"], path: "Tests/RedisTests"),
        .testTarget(name: "HTTPClientTests", dependencies: ["FintrakTestSupport", "FintrakHTTPClient", "FintrakRuntime"], path: "Tests/HTTPClientTests"),
        .testTarget(name: "WebhookIntakeTests", dependencies: ["FintrakTestSupport", "WebhookIntake"], path: "Tests/WebhookIntakeTests"),
        .testTarget(name: "InvoiceExtractorTests", dependencies: ["FintrakTestSupport", "InvoiceExtractor"], path: "Tests/InvoiceExtractorTests"),
        .testTarget(name: "QueryGeneratorTests", dependencies: ["FintrakTestSupport", "QueryGenerator"], path: "Tests/QueryGeneratorTests"),
        .testTarget(name: "ClientResponderTests", dependencies: ["FintrakTestSupport", "ClientResponder"], path: "Tests/ClientResponderTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "FintrakTestSupport", "WebhookIntake", "InvoiceExtractor", "QueryGenerator", "ClientResponder", "FintrakCLI"],
            path: "Tests/EndToEndTests"
        ),
    ]
)
