import Foundation

/// A program run to its end with `posix_spawn` (Spawn.swift holds every C call), in place of Foundation's `Process`,
/// whose `run()` lists /proc/self/fd before each spawn and over-reads once a process has more than about 1,360
/// descriptors (swift-corelibs-foundation #5472). The child gets the given standard input, its standard output and
/// error are read together (neither pipe can fill and stop it), and it inherits no other descriptor.
public struct ChildProcess: Sendable {
    /// A name looked up on the parent's PATH, or a path (anything with a "/").
    public var program: String
    public var arguments: [String]
    /// The child's whole environment; nil gives it the parent's.
    public var environment: [String: String]?
    /// Written to the child's standard input, which is then closed; /dev/null when empty.
    public var input: Data
    /// Past this the child is killed (SIGKILL) and `run` throws `timedOut`.
    public var timeout: Duration
    /// The most bytes kept of standard output and of standard error: past either the child is killed and `run` throws
    /// `outputTooLarge`.
    public var maxOutputBytes: Int
    public var maxErrorBytes: Int

    public init(_ program: String, _ arguments: [String] = [], environment: [String: String]? = nil, input: Data = Data(),
                timeout: Duration = .seconds(60), maxOutputBytes: Int = 64 << 20, maxErrorBytes: Int = 1 << 20) {
        self.program = program
        self.arguments = arguments
        self.environment = environment
        self.input = input
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
        self.maxErrorBytes = maxErrorBytes
    }

    /// Runs the child on a thread of its own (the wait blocks, and must not hold one of Swift's cooperative threads).
    public func run() async throws -> ChildOutput {
        try await onThreadOfItsOwn { Result { try runOnThisThread() } }.get()
    }

    /// Runs the child, blocking the calling thread until it ends.
    public func runOnThisThread() throws -> ChildOutput {
        try Spawn.run(self)
    }
}

/// `body`'s result, computed on a new thread: a blocking wait must not hold one of Swift's few cooperative threads.
func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

/// What a finished child printed and how it ended.
public struct ChildOutput: Sendable {
    public var termination: Termination
    public var standardOutput: Data
    public var standardError: Data

    public var succeeded: Bool { termination == .exited(0) }
    public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// How a child ended: its exit status, or the signal that killed it.
public enum Termination: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case killed(signal: Int32)

    /// As a shell's `$?` gives it: the exit status, or 128 + the signal.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let status): status
        case .killed(let signal): 128 + signal
        }
    }

    public var description: String {
        switch self {
        case .exited(let status): "exited with \(status)"
        case .killed(let signal): "killed by signal \(signal)"
        }
    }
}

/// Why a child could not be run to its end.
public enum ChildProcessError: Error, Equatable, CustomStringConvertible {
    case programNotFound(String)
    case spawnFailed(String, errno: Int32)
    case timedOut(String, after: Duration)
    case outputTooLarge(String, stream: OutputStream, limit: Int)
    /// A pipe, poll or wait failed in the parent.
    case systemCallFailed(String, errno: Int32)

    public enum OutputStream: Sendable { case standardOutput, standardError }

    public var description: String {
        switch self {
        case .programNotFound(let program): "\(program): no such program"
        case .spawnFailed(let program, let errno): "\(program) could not be started: \(Spawn.message(errno))"
        case .timedOut(let program, let after): "\(program) took longer than \(after) and was killed"
        case .outputTooLarge(let program, let stream, let limit): "\(program) wrote more than \(limit) bytes to \(stream)"
        case .systemCallFailed(let call, let errno): "\(call) failed: \(Spawn.message(errno))"
        }
    }
}
