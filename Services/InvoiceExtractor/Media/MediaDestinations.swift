import FintrakCore
import FintrakHTTPClient
import Foundation

/// Where a provider's media may be downloaded from: its own media hosts, the host of its API base when one is
/// configured (`TWILIO_API_BASE`, `GUPSHUP_API_BASE`, `META_API_BASE`), and `MEDIA_ALLOWED_HOSTS` (a comma list of
/// hosts, each also admitting its subdomains). Loopback is allowed only when one of those explicitly names it (the
/// tests' and the acceptance harness's fake provider on 127.0.0.1); private, link-local and metadata addresses never.
/// The local chat's bills (`.console`) come from intake's own `/media/` links, so from `PUBLIC_BASE_URL`'s host only.
struct MediaDestinations: Sendable {
    /// The hosts each provider serves media from (Twilio redirects to its CDN, Cloud API media is on fbsbx.com).
    static let providerHosts: [Provider: [String]] = [
        .twilio: ["twilio.com", "twiliocdn.com"],
        .gupshup: ["gupshup.io"],
        .meta: ["facebook.com", "fbsbx.com", "whatsapp.net"],
    ]

    private var apiBaseHosts: [Provider: String] = [:]
    private var extraHosts: [String] = []
    private var intakeHost: String?

    /// `environment`: the process's (the variables above); `publicBaseURL`: intake's (`PUBLIC_BASE_URL`).
    init(environment: [String: String], publicBaseURL: String? = nil) {
        intakeHost = publicBaseURL.flatMap { URLComponents(string: $0)?.host }
        for (provider, name) in [(Provider.twilio, "TWILIO_API_BASE"), (.gupshup, "GUPSHUP_API_BASE"), (.meta, "META_API_BASE")] {
            if let host = environment[name].flatMap({ URLComponents(string: $0)?.host }) { apiBaseHosts[provider] = host }
        }
        extraHosts = (environment["MEDIA_ALLOWED_HOSTS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func policy(for provider: Provider) -> DestinationPolicy {
        if provider == .console {
            let hosts = [intakeHost].compactMap { $0 }
            return DestinationPolicy(allowedHosts: hosts, allowLoopback: hosts.contains(where: DestinationPolicy.isLoopback(host:)))
        }
        let configured = [apiBaseHosts[provider]].compactMap { $0 } + extraHosts
        return DestinationPolicy(allowedHosts: (Self.providerHosts[provider] ?? []) + configured,
                                 allowLoopback: configured.contains(where: DestinationPolicy.isLoopback(host:)))
    }
}
