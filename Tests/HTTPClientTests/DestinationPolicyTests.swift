@testable import FintrakHTTPClient
import FintrakTestSupport
import Logging
import Testing

@Suite("destination policy")
struct DestinationPolicyTests {
    @Test func internalAddressesAreToldApart() {
        let internalAddresses = ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                        "224.0.0.1", "255.255.255.255", "fe80::1%eth0", "fd00:ec2::254", "fc00::1", "::", "ff02::1",
                        "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::10.0.0.1"]
        for address in internalAddresses { #expect(IPAddress(address)?.kind == .internal, "\(address)") }
        for address in ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"] {
            #expect(IPAddress(address)?.kind == .loopback, "\(address)")
        }
        for address in ["8.8.8.8", "172.32.0.1", "157.240.1.35", "2606:4700::1111", "2a03:2880:f003:c07:face:b00c::2"] {
            #expect(IPAddress(address)?.kind == .public, "\(address)")
        }
        for text in ["", "1.2.3", "1.2.3.256", "01234::", "1::2::3", "localhost", "1.2.3.4.5", ":::"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        let policy = DestinationPolicy(allowedHosts: ["Twilio.com."])
        #expect(policy.allows(host: "api.twilio.com") && policy.allows(host: "TWILIO.COM"))
        #expect(!policy.allows(host: "eviltwilio.com") && !policy.allows(host: ""))
        #expect(!policy.allows(address: "127.0.0.1") && policy.allows(address: "8.8.8.8") && !policy.allows(address: "nonsense"))
    }

    @Test func theConnectedAddressIsCheckedNotJustTheName() async throws {
        try await RecordingHTTPServer.run { server in
            server.setHandler { _ in .text("secret") }
            let http = HTTPClient(logger: Logger(label: "test"))
            var request = HTTPRequest(url: server.baseURL + "/x")
            request.destinations = DestinationPolicy(allowedHosts: ["127.0.0.1"])
            await #expect(throws: HTTPClientError.self) { _ = try await http.send(request) }
            #expect(server.requests.isEmpty)
            request.destinations = DestinationPolicy(allowedHosts: ["127.0.0.1"], allowLoopback: true)
            let response = try await http.send(request)
            #expect(response.status == 200)
        }
    }
}
