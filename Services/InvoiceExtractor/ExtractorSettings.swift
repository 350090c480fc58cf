import ChatModel
import FintrakConfiguration
import Foundation

/// How bills are read: `ocr` (Tesseract on this machine, no account, no network — the default) or `openai` (a vision
/// model behind any OpenAI-compatible chat-completions server, with OCR as the fallback).
enum ExtractorBackend: String, Sendable, CaseIterable {
    case ocr, openai
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
struct ExtractorSettings: ServiceSettings {
    var backend = ExtractorBackend.ocr
    var openAI: ChatModelSettings?
    var ocrWorkers = min(2, ProcessInfo.processInfo.activeProcessorCount)
    var ocrLanguages = "eng"
    var mediaTimeout = Duration.seconds(20)
    /// WhatsApp's own limit for images is 5 MB and documents are larger; bills never need more than this.
    var maxMediaBytes = 10 * 1024 * 1024

    /// Reads the variables above from the service's environment (the same pass as the contract's).
    static func read(from env: inout EnvironmentReader, configuration: FintrakConfiguration) -> Self {
        let backend = env.choice("EXTRACTOR_BACKEND", default: ExtractorBackend.ocr)
        let openAI = backend == .openai ? ChatModelSettings.read(from: &env) : nil
        var settings = Self()
        settings.backend = backend
        settings.openAI = openAI
        settings.ocrWorkers = env.integer("OCR_WORKERS", default: settings.ocrWorkers, range: 1...64)
        settings.ocrLanguages = env.optional("OCR_LANGUAGES") ?? settings.ocrLanguages
        settings.mediaTimeout = .seconds(env.integer("MEDIA_TIMEOUT_SECONDS", default: 20, range: 1...300))
        return settings
    }
}
