// swift-tools-version:6.0
import PackageDescription

/// System libraries: one module per C client, each with a shim header for the calls Swift cannot make.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, path: "Shared/\(name)", pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
// The HTTP parts Hummingbird's channel pipeline carries (`RequestReadDeadline` reads them).
let nioHTTPTypes = Target.Dependency.product(name: "NIOHTTPTypes", package: "swift-nio-extras")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")

/// What every service executable links: settings, logs and metrics, the queues, the stores and the process host.
let servicesDependencies: [Target.Dependency] = [
    "FintrakCore", "FintrakConfiguration", "FintrakObservability", "FintrakQueues", "FintrakStores", "FintrakServiceHost",
    "FailurePolicy", "FintrakPostgres", "FintrakRabbitMQ", "FintrakRedis", "FintrakHTTPClient", log, hummingbird,
]

/// Release executables carry the Swift runtime and Foundation inside them, as the image's `--static-swift-stdlib` build
/// does, so the bench measures what runs: a service maps only the runtime pages it touches (idle RSS 37–40 MB, was
/// 45–47 MB with the shared libraries). lld resolves the static archives in any order; packed relative relocations and
/// no exported symbols, because the loader otherwise reads 2.6 MB of relocations and 1.8 MB of symbol table at start.
/// The static Foundation's own libraries are named because objects compiled without `-static-stdlib` ask only for
/// `Foundation`. Debug builds and tests keep the shared runtime.
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(
        ["-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker",
         "--no-export-dynamic", "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU", "-lCoreFoundation",
         "-lswiftSynchronization"],
        .when(configuration: .release)),
]

let package = Package(
    name: "fintrak",
    platforms: [.macOS(.v15)],  // Mutex and Atomic (Synchronization) need macOS 15
    products: [
        .executable(name: "webhook-intake", targets: ["WebhookIntake"]),
        .executable(name: "invoice-extractor", targets: ["InvoiceExtractor"]),
        .executable(name: "query-generator", targets: ["QueryGenerator"]),
        .executable(name: "client-responder", targets: ["ClientResponder"]),
        .executable(name: "fintrak", targets: ["FintrakCLI"]),
        .executable(name: "bill-reading-bench", targets: ["BillReadingBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // Hummingbird's own transport: the peer's address and the server's idle timeout are NIOCore types.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        systemLibrary("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
        systemLibrary("CRabbitMQ", pkgConfig: "librabbitmq", apt: "librabbitmq-dev"),
        systemLibrary("CHiredis", pkgConfig: "hiredis", apt: "libhiredis-dev"),
        systemLibrary("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
        systemLibrary("CTesseract", pkgConfig: "tesseract", apt: "libtesseract-dev"),
        systemLibrary("CXlsxWriter", pkgConfig: "xlsxwriter", apt: "libxlsxwriter-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),
        // posix_spawn's Linux extensions (glibc's own headers, nothing to link).
        .systemLibrary(name: "CSpawn", path: "Shared/CSpawn"),

        // Pure Swift, no C module and no I/O in the closure: the rules, tested without servers.
        // Envelopes, phone numbers, money, calendar days, hex and duration arithmetic.
        .target(name: "FintrakCore", path: "Shared/Core"),
        // A question in English or Hinglish → a typed query plan (the question grammar).
        .target(name: "QuestionUnderstanding", dependencies: ["FintrakCore"], path: "Shared/QuestionUnderstanding"),
        // A query result → the reply's wording, spreadsheet rows and chart bars.
        .target(name: "AnswerFormatting", dependencies: ["FintrakCore", "QuestionUnderstanding"], path: "Shared/AnswerFormatting"),
        // A khata line → what it asks (English and Hinglish grammar); ledger arithmetic, the HMAC hash chain, replies.
        .target(name: "Khata", dependencies: ["FintrakCore", "QuestionUnderstanding", crypto], path: "Shared/Khata"),
        // Reminders' rules: UPI links (NPCI), the owner's and the party's reminder grammar, schedules, quiet hours, wording.
        .target(name: "Reminders", dependencies: ["FintrakCore", "Khata", "QuestionUnderstanding"], path: "Shared/Reminders"),
        // The chat's rules shared by services: menu words, routing by content, the conversation state's key.
        .target(name: "Conversation", dependencies: ["FintrakCore"], path: "Shared/Conversation"),
        // Every retry and back-off rule, by name (`RetryPolicies`), and the one `Backoff` they use.
        .target(name: "FailurePolicy", path: "Shared/FailurePolicy"),
        // A bill's text or positioned words → its fields with confidences.
        .target(name: "BillReading", dependencies: ["FintrakCore"], path: "Shared/BillReading"),
        // Tesseract and poppler behind Swift types: words with boxes from images, text layers from PDFs.
        .target(name: "BillScanning", dependencies: ["BillReading", "FintrakChildProcess", "FintrakCore", "PageImage", "CTesseract"], path: "Shared/BillScanning"),
        // A scan's grey pixels and the pure steps that prepare them for OCR (dark borders, contrast).
        .target(name: "PageImage", path: "Shared/PageImage"),
        // A stored invoice's correctable fields, the edit commands' grammar and the history of changes (chat and web alike).
        .target(name: "InvoiceEditing", dependencies: ["BillReading", "Conversation", "FintrakCore"], path: "Shared/InvoiceEditing"),
        // The web page's tokens: one-time login links, session cookies and their attributes, CSRF tokens (HMAC-SHA256).
        .target(name: "WebAccess", dependencies: ["FintrakCore", "MediaLinks", crypto], path: "Shared/WebAccess"),
        // The providers' webhook bodies (Twilio's form, Gupshup's and the Cloud API's JSON) → normalised envelopes.
        .target(name: "WebhookReading", dependencies: ["FintrakCore"], path: "Shared/WebhookReading"),
        // A reply → the messages one provider takes (length limits, numbered parts, where files go).
        .target(name: "MessageLayout", dependencies: ["FintrakCore"], path: "Shared/MessageLayout"),

        // One Swift wrapper per C client; each owns its handle and exposes Swift values and `throws`.
        .target(name: "FintrakPostgres", dependencies: ["CLibPQ", "FintrakCore", "FailurePolicy", log], path: "Shared/Postgres"),
        .target(name: "FintrakRabbitMQ", dependencies: ["CRabbitMQ", "FintrakCore", "FailurePolicy", log], path: "Shared/RabbitMQ"),
        .target(name: "FintrakRedis", dependencies: ["CHiredis", "FintrakCore", "FailurePolicy", crypto, log], path: "Shared/Redis"),
        .target(name: "FintrakHTTPClient", dependencies: ["CCurl", "FintrakCore", "FailurePolicy", log], path: "Shared/HTTPClient"),
        // Programs run to their end with posix_spawn (poppler's tools; scripts in tests): output, timeout, exit status.
        .target(name: "FintrakChildProcess", dependencies: ["CSpawn", "FintrakCore"], path: "Shared/ChildProcess"),
        // The OpenAI-compatible chat-completions client and its settings, shared by the extractor and query-generator.
        .target(name: "ChatModel", dependencies: ["FintrakConfiguration", "FintrakHTTPClient"], path: "Shared/ChatModel"),
        // The signed, expiring `/media/{token}` links (HMAC-SHA256).
        .target(name: "MediaLinks", dependencies: [crypto], path: "Shared/MediaLinks"),

        // Spreadsheets (libxlsxwriter) and khata statements (cairo PDF): the files replies and the web page hand out.
        .target(
            name: "FintrakDocuments", dependencies: ["AnswerFormatting", "FintrakCore", "Khata", "CXlsxWriter", "CCairo"],
            path: "Shared/Documents"),

        // The environment read into one settings value, every problem reported at once.
        .target(name: "FintrakConfiguration", dependencies: ["FintrakCore"], path: "Shared/Configuration"),
        // JSON logs and the Prometheus registry.
        .target(name: "FintrakObservability", dependencies: ["FintrakCore", log, metrics, prometheus], path: "Shared/Observability"),
        // The queue topology the services talk through.
        .target(
            name: "FintrakQueues", dependencies: ["FintrakCore", "FintrakConfiguration", "FailurePolicy", "FintrakRabbitMQ"],
            path: "Shared/Queues"),
        // Tenant-scoped SQL: row-level security as `fintrak_app`, invoices, the schema migration.
        .target(name: "FintrakStores", dependencies: ["FintrakCore", "FintrakPostgres", "InvoiceEditing", "MediaLinks", "WebAccess"], path: "Shared/Stores"),
        // The khata's parties, chained entries, balances and cash book in PostgreSQL (inside tenant transactions).
        .target(name: "KhataStore", dependencies: ["Khata", "FintrakCore", "FintrakPostgres"], path: "Shared/KhataStore"),
        // Reminders in PostgreSQL: settings, party phones, due work claimed with SKIP LOCKED, notices and claims.
        .target(
            name: "ReminderStore",
            dependencies: ["Reminders", "Khata", "KhataStore", "FintrakCore", "FintrakPostgres", "FintrakStores", "FintrakQueues",
                           "FintrakRabbitMQ", log],
            path: "Shared/ReminderStore"),
        // A service process: connections, `/health` `/ready` `/metrics`, consumers, graceful shutdown.
        .target(
            name: "FintrakServiceHost",
            dependencies: [
                "FintrakCore", "FintrakConfiguration", "FintrakObservability", "FintrakQueues", "FintrakStores",
                "Conversation", "FailurePolicy", "FintrakPostgres", "FintrakRabbitMQ", "FintrakRedis", log, metrics, hummingbird,
                nioHTTPTypes, serviceLifecycle, nioCore,
            ],
            path: "Shared/ServiceHost"
        ),

        .executableTarget(
            name: "WebhookIntake",
            dependencies: servicesDependencies + [
                "Conversation", "MediaLinks", "WebhookReading", crypto, "WebAccess", "InvoiceEditing", "AnswerFormatting",
                "FintrakDocuments", "Khata", "KhataStore", "ReminderStore", mustache,
            ],
            path: "Services/WebhookIntake", linkerSettings: staticSwiftRuntime),
        .executableTarget(
            name: "InvoiceExtractor",
            dependencies: servicesDependencies + [
                "BillReading", "BillScanning", "ChatModel", "Conversation", "InvoiceEditing", "Khata", "KhataStore", crypto,
            ],
            path: "Services/InvoiceExtractor", linkerSettings: staticSwiftRuntime
        ),
        .executableTarget(
            name: "QueryGenerator",
            dependencies: servicesDependencies + [
                "QuestionUnderstanding", "AnswerFormatting", "ChatModel", "Conversation", "MediaLinks", "CCairo", "CZlib",
                "FintrakDocuments", "Khata", "KhataStore", "Reminders", "ReminderStore", "WebAccess",
            ],
            path: "Services/QueryGenerator", linkerSettings: staticSwiftRuntime
        ),
        .executableTarget(
            name: "ClientResponder", dependencies: servicesDependencies + ["MessageLayout"], path: "Services/ClientResponder", linkerSettings: staticSwiftRuntime),
        // The operator's tool links no HTTP server: configuration, stores and queues only.
        .executableTarget(
            name: "FintrakCLI",
            dependencies: [
                "FintrakCore", "FintrakConfiguration", "FintrakQueues", "FintrakStores", "FintrakPostgres",
                "FintrakRabbitMQ", "FintrakHTTPClient", "Khata", "KhataStore", "ReminderStore", log, argumentParser, crypto,
            ],
            path: "Services/FintrakCLI", linkerSettings: staticSwiftRuntime
        ),

        // Reads folders of bills with the offline reader, OCR cached: bench/extractor/score.py scores it. Linked as
        // `invoice-extractor` is, so its CPU figures (`score.py --cpu --release`) are the service's.
        .executableTarget(
            name: "BillReadingBench", dependencies: ["BillReading", "BillScanning", "FintrakCore", crypto],
            path: "bench/extractor/BillReadingBench", linkerSettings: staticSwiftRuntime
        ),

        // Test helpers: the servers' URLs, polling with a deadline, fake provider servers on 127.0.0.1.
        .target(
            name: "FintrakTestSupport",
            dependencies: ["FintrakChildProcess", "FintrakConfiguration", "FintrakHTTPClient", "FintrakStores", "FintrakPostgres", hummingbird, log],
            path: "Tests/Support"),

        // Pure tests: no server, no C library, no test support that links one.
        .testTarget(name: "CoreTests", dependencies: ["FintrakCore"], path: "Tests/CoreTests"),
        // Seeded hostile text (edge dates, huge numbers, emoji, random Unicode) for "every input returns" tests.
        .target(name: "GeneratedInput", path: "Tests/GeneratedInput"),
        // Sample books and a plan's one-line description, for the tests of questions and answers.
        .target(name: "QuestionSamples", dependencies: ["QuestionUnderstanding", "FintrakCore"], path: "Tests/QuestionSamples"),
        .testTarget(
            name: "QuestionUnderstandingTests",
            dependencies: ["QuestionUnderstanding", "QuestionSamples", "FintrakCore", "GeneratedInput", "Conversation", "Khata", "Reminders"],
            path: "Tests/QuestionUnderstandingTests"),
        .testTarget(
            name: "AnswerFormattingTests", dependencies: ["AnswerFormatting", "QuestionUnderstanding", "QuestionSamples", "FintrakCore"],
            path: "Tests/AnswerFormattingTests"),
        .testTarget(name: "KhataTests", dependencies: ["Khata"], path: "Tests/KhataTests"),
        .testTarget(name: "RemindersTests", dependencies: ["Reminders", "FintrakCore"], path: "Tests/RemindersTests"),
        .testTarget(name: "BillReadingTests", dependencies: ["BillReading", "FintrakCore", "GeneratedInput"], path: "Tests/BillReadingTests"),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "FintrakCore"], path: "Tests/ConversationTests"),
        .testTarget(name: "FailurePolicyTests", dependencies: ["FailurePolicy"], path: "Tests/FailurePolicyTests"),
        .testTarget(name: "WebAccessTests", dependencies: ["WebAccess", "AnswerFormatting", "QuestionUnderstanding", "FintrakCore"], path: "Tests/WebAccessTests"),
        .testTarget(name: "MessageLayoutTests", dependencies: ["MessageLayout", "FintrakCore"], path: "Tests/MessageLayoutTests"),
        .testTarget(name: "ChildProcessTests", dependencies: ["FintrakChildProcess"], path: "Tests/ChildProcessTests"),
        .testTarget(name: "ObservabilityTests", dependencies: ["FintrakObservability", log], path: "Tests/ObservabilityTests"),

        // Integration tests: real PostgreSQL, Redis and RabbitMQ.
        .testTarget(name: "PostgresTests", dependencies: ["FintrakChildProcess", "FintrakTestSupport", "FintrakPostgres", "FintrakStores"], path: "Tests/PostgresTests"),
        .testTarget(name: "RabbitMQTests", dependencies: ["FintrakChildProcess", "FintrakTestSupport", "FintrakRabbitMQ", "FintrakQueues"], path: "Tests/RabbitMQTests"),
        .testTarget(name: "RedisTests", dependencies: ["FintrakTestSupport", "FintrakRedis"], path: "Tests/RedisTests"),
        .testTarget(
            name: "ServiceHostTests",
            dependencies: [
                "FintrakTestSupport", "FintrakServiceHost", "FintrakConfiguration", "FintrakQueues", "FintrakRabbitMQ", hummingbird,
                hummingbirdTesting, log,
            ],
            path: "Tests/ServiceHostTests"),
        .testTarget(name: "HTTPClientTests", dependencies: ["FintrakTestSupport", "FintrakHTTPClient"], path: "Tests/HTTPClientTests"),
        .testTarget(
            name: "WebhookIntakeTests",
            dependencies: [
                "FintrakTestSupport", "WebhookIntake", "WebhookReading", "FintrakServiceHost", "Conversation", "GeneratedInput",
                "WebAccess", "MediaLinks", "KhataStore", "ReminderStore", "FintrakQueues", "FintrakRabbitMQ",
                hummingbird, hummingbirdTesting,
            ],
            path: "Tests/WebhookIntakeTests"),
        .testTarget(
            name: "InvoiceExtractorTests", dependencies: ["FintrakTestSupport", "InvoiceExtractor", "BillScanning", "BillReading", "InvoiceEditing"],
            path: "Tests/InvoiceExtractorTests"),
        .testTarget(name: "PageImageTests", dependencies: ["PageImage"], path: "Tests/PageImageTests"),
        .testTarget(name: "QueryGeneratorTests", dependencies: ["FintrakChildProcess", "FintrakTestSupport", "QueryGenerator", "QuestionUnderstanding", "AnswerFormatting", "QuestionSamples", "Khata", "KhataStore", "FintrakDocuments"], path: "Tests/QueryGeneratorTests"),
        .testTarget(name: "ClientResponderTests", dependencies: ["FintrakChildProcess", "FintrakTestSupport", "ClientResponder", "MessageLayout"], path: "Tests/ClientResponderTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "FintrakChildProcess", "FintrakTestSupport", "WebhookIntake", "InvoiceExtractor", "QueryGenerator", "ClientResponder", "FintrakCLI",
                "Khata", "KhataStore", "FintrakConfiguration", "Reminders", "ReminderStore", "WebAccess", hummingbirdTesting],
            path: "Tests/EndToEndTests"
        ),
    ]
)
