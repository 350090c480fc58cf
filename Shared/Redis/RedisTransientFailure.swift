import FailurePolicy

extension RedisError: TransientFailure {
    /// A broken connection, or a server that is loading its data or busy: trying again later may succeed.
    public var isTransient: Bool {
        isConnectionFailure || ["LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN"].contains { message.hasPrefix($0) }
    }
}
