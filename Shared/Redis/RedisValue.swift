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
    /// The connection broke after (part of) the command was written and before its reply came: it may or may not
    /// have run. The client never resends such a command; the caller decides (intake's accept script is safe to
    /// run again with the same attempt token). A connection failure without this never reached the server.
    public let mayHaveRun: Bool

    public init(message: String, isConnectionFailure: Bool, mayHaveRun: Bool = false) {
        self.message = message
        self.isConnectionFailure = isConnectionFailure
        self.mayHaveRun = mayHaveRun
    }

    public var description: String {
        guard isConnectionFailure else { return "Redis error: \(message)" }
        return "Redis connection failure: \(message)" + (mayHaveRun ? " (after the command was sent)" : "")
    }

    static func unexpectedReply(_ value: RedisValue, to command: String) -> RedisError {
        RedisError(message: "unexpected reply to \(command): \(value)", isConnectionFailure: false)
    }
}
