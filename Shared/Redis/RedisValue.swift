/// A Redis reply. Error replies are not values: they throw `RedisError`.
public enum RedisValue: Sendable, Equatable {
    case null
    case string(String)
    case integer(Int)
    case status(String)
    case array([RedisValue])
}

public struct RedisError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// True when the connection broke (or could not be made): the command may not have run, and the next one
    /// reconnects. False for the server's error replies and misuse, after which the connection is still good.
    public let isConnectionFailure: Bool

    public init(message: String, isConnectionFailure: Bool) {
        self.message = message
        self.isConnectionFailure = isConnectionFailure
    }

    public var description: String {
        isConnectionFailure ? "Redis connection failure: \(message)" : "Redis error: \(message)"
    }

    static func unexpectedReply(_ value: RedisValue, to command: String) -> RedisError {
        RedisError(message: "unexpected reply to \(command): \(value)", isConnectionFailure: false)
    }
}
