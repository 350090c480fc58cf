import FintrakConfiguration
import Foundation

/// How bills are read: `ocr` (Tesseract on this machine, no account, no network — the default) or `openai` (a vision
/// model behind any OpenAI-compatible chat-completions server, with OCR as the fallback).
enum ExtractorBackend: String, Sendable, CaseIterable {
    case ocr, openai
}

struct OpenAISettings: Sendable {
    /// Up to and including the version path: `https://api.openai.com/v1`; requests go to `{base}/chat/completions`.
    var baseURL: String
    var apiKey: String?
    var model: String
    var timeout: Duration
}

/// The extractor's own environment, beyond the contract's (CONTRACT.md):
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `EXTRACTOR_BACKEND` | `ocr` or `openai` | `ocr` |
/// | `OPENAI_BASE_URL`, `OPENAI_API_KEY`, `OPENAI_MODEL` | the chat-completions server, key and model | `https://api.openai.com/v1`, none, `gpt-4o-mini` |
/// | `OPENAI_TIMEOUT_SECONDS` | one model call's limit, after which OCR reads the bill | 30 |
/// | `OCR_WORKERS` | bills read at once, one Tesseract per worker | 2 |
/// | `OCR_LANGUAGES` | Tesseract languages, e.g. `eng+hin` | `eng` |
/// | `MEDIA_TIMEOUT_SECONDS` | one media download's limit | 20 |
struct ExtractorSettings: Sendable {
    var backend = ExtractorBackend.ocr
    var openAI: OpenAISettings?
    var ocrWorkers = min(2, ProcessInfo.processInfo.activeProcessorCount)
    var ocrLanguages = "eng"
    var mediaTimeout = Duration.seconds(20)
    /// WhatsApp's own limit for images is 5 MB and documents are larger; bills never need more than this.
    var maxMediaBytes = 10 * 1024 * 1024

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Self {
        var env = EnvironmentReader(environment)
        let backend = env.choice("EXTRACTOR_BACKEND", default: ExtractorBackend.ocr)
        var openAI: OpenAISettings?
        if backend == .openai {
            let base = env.optional("OPENAI_BASE_URL") == nil
                ? "https://api.openai.com/v1"
                : env.url("OPENAI_BASE_URL", schemes: ["http", "https"], example: "https://api.openai.com/v1")
            openAI = OpenAISettings(
                baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base, apiKey: env.optional("OPENAI_API_KEY"),
                model: env.optional("OPENAI_MODEL") ?? "gpt-4o-mini",
                timeout: .seconds(env.integer("OPENAI_TIMEOUT_SECONDS", default: 30, range: 1...600)))
        }
        var settings = Self()
        settings.backend = backend
        settings.openAI = openAI
        settings.ocrWorkers = env.integer("OCR_WORKERS", default: settings.ocrWorkers, range: 1...64)
        settings.ocrLanguages = env.optional("OCR_LANGUAGES") ?? settings.ocrLanguages
        settings.mediaTimeout = .seconds(env.integer("MEDIA_TIMEOUT_SECONDS", default: 20, range: 1...300))
        try env.check()
        return settings
    }
}
