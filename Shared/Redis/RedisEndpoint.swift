import Foundation

/// Where and how to connect, from `redis://[[user]:password@]host[:port][/db]`.
struct RedisEndpoint: Sendable {
    let host: String
    let port: Int
    let database: Int
    let username: String?
    let password: String?

    init(url: String) throws {
        // The message never repeats the URL: it may hold the password.
        func invalid(_ why: String) -> RedisError {
            RedisError(message: "invalid Redis URL: \(why) (expected redis://[:password@]host:port/db)", isConnectionFailure: false)
        }
        guard let components = URLComponents(string: url) else { throw invalid("cannot parse it") }
        guard components.scheme == "redis" else { throw invalid("the scheme must be redis") }
        guard let host = components.host, !host.isEmpty else { throw invalid("no host") }
        let path = components.path.drop { $0 == "/" }
        guard let database = path.isEmpty ? 0 : Int(path), database >= 0 else { throw invalid("the path must be a database number") }
        self.host = host
        self.port = components.port ?? 6379
        self.database = database
        self.username = components.user.flatMap { $0.isEmpty ? nil : $0 }
        self.password = components.password
    }

    /// The AUTH command for these credentials, if any (Redis 6 ACL users send their name too).
    var authCommand: [String]? {
        password.map { password in ["AUTH"] + (username.map { [$0] } ?? []) + [password] }
    }
}
