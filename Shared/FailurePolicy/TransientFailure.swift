/// An error that knows whether it is the moment's fault — a lost connection, a timeout, a server shutting down —
/// rather than the message's. A transient failure is put off and tried again later without using up an attempt.
public protocol TransientFailure: Error {
    /// True when trying the same thing again later may well succeed.
    var isTransient: Bool { get }
}

extension DeadlineExceeded: TransientFailure {
    /// An operation past its limit (a publish unconfirmed, a dependency hanging) is the moment's trouble.
    public var isTransient: Bool { true }
}
