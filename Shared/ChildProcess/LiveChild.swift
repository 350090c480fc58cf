import FintrakCore
import Foundation
import Synchronization

/// A program started with `posix_spawn` (Spawn.swift holds every C call) and left running, for a caller that talks
/// to it while it runs: text written to its standard input, what it prints read line by line with a deadline, a
/// signal, its end awaited. Standard output and error come through one pipe, in the order the child wrote them. A
/// thread of its own drains that pipe as the child writes, so the child never stops on a full pipe, whether or not
/// anyone reads, and reaps the child when it ends. It inherits no other descriptor. A child still running when its
/// `LiveChild` goes away is killed (SIGKILL).
public final class LiveChild: Sendable {
    public let program: String
    private let descriptors: LiveDescriptors
    private let printed = PrintedLines()

    /// - Parameter environment: the child's whole environment; nil gives it the parent's.
    public init(_ program: String, _ arguments: [String] = [], environment: [String: String]? = nil) throws {
        self.program = program
        let descriptors = try Spawn.start(program, arguments, environment: environment)
        self.descriptors = descriptors
        let thread = Thread { [printed] in
            printed.finish(Spawn.drain(descriptors) { printed.append($0) })
        }
        thread.name = "child \(program)"
        thread.start()
    }

    deinit {
        if termination == nil { Spawn.send(SIGKILL, to: descriptors) }
        descriptors.closeInput()
    }

    /// Writes `text` to the child's standard input (waiting while the pipe is full).
    /// - Throws: `ChildProcessError.systemCallFailed` when the child no longer reads it, or after `closeInput()`.
    public func write(_ text: String) throws {
        try descriptors.withInput { try Spawn.writeAll(Data(text.utf8), to: $0) }
    }

    /// Closes the child's standard input: it reads end of file (Ctrl-D at a terminal).
    public func closeInput() { descriptors.closeInput() }

    /// The next whole line the child prints (without its newline), waiting up to `timeout` for it. Once the child
    /// has ended, what it printed after its last newline comes as a last line. Nil at the deadline, or when all it
    /// printed has been read and it has ended.
    public func nextLine(within timeout: Duration) async -> String? {
        await onThreadOfItsOwn { [printed] in printed.nextLine(before: .now + timeout.seconds) }
    }

    /// Everything the child printed so far, read or not (for a failure's message).
    public var printedText: String { printed.text }

    /// Sends `signal` (SIGTERM, SIGKILL…); nothing once the child has ended.
    public func send(_ signal: Int32) { Spawn.send(signal, to: descriptors) }

    /// How the child ended; nil while it runs.
    public var termination: Termination? { printed.termination }

    /// How the child ended, waiting up to `timeout` for it; nil if it still runs then.
    public func waitForExit(within timeout: Duration) async -> Termination? {
        await onThreadOfItsOwn { [printed] in printed.termination(before: .now + timeout.seconds) }
    }
}

/// The parent's ends of a live child: the pidfd (signals, and readable once the child exits), the output pipe (read
/// by the draining thread) and the input pipe (closed early by `closeInput`). Closed when neither the `LiveChild` nor
/// its draining thread holds them any more, so no signal or read can reach a descriptor number reused meanwhile.
final class LiveDescriptors: Sendable {
    let pid: pid_t
    let output: Int32
    let exit: Int32
    private let input: Mutex<Int32?>

    init(pid: pid_t, input: Int32, output: Int32, exit: Int32) {
        self.pid = pid
        self.input = Mutex(input)
        self.output = output
        self.exit = exit
    }

    deinit {
        closeInput()
        Spawn.close(output)
        Spawn.close(exit)
    }

    func withInput(_ body: (Int32) throws -> Void) throws {
        try input.withLock { input in
            guard let input else { throw ChildProcessError.systemCallFailed("write", errno: EBADF) }
            try body(input)
        }
    }

    func closeInput() {
        input.withLock { input in
            if let open = input { Spawn.close(open) }
            input = nil
        }
    }
}

/// What a live child printed, split into lines as it is read, and how it ended; waited on from other threads.
private final class PrintedLines: @unchecked Sendable {  // Its `var`s are guarded by `condition`.
    private let condition = NSCondition()
    private var bytes = Data()
    /// Where the lines not yet returned by `nextLine` start.
    private var unread = 0
    private var ended: Termination?

    func append(_ data: Data) {
        condition.withLock {
            bytes.append(data)
            condition.broadcast()
        }
    }

    func finish(_ termination: Termination) {
        condition.withLock {
            ended = termination
            condition.broadcast()
        }
    }

    var text: String { condition.withLock { String(decoding: bytes, as: UTF8.self) } }
    var termination: Termination? { condition.withLock { ended } }

    func nextLine(before deadline: Date) -> String? {
        condition.withLock {
            while true {
                let rest = bytes[(bytes.startIndex + unread)...]
                if let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
                    unread = newline + 1 - bytes.startIndex
                    return String(decoding: rest[..<newline], as: UTF8.self)
                }
                if ended != nil {
                    unread = bytes.count
                    return rest.isEmpty ? nil : String(decoding: rest, as: UTF8.self)
                }
                guard condition.wait(until: deadline) else { return nil }
            }
        }
    }

    func termination(before deadline: Date) -> Termination? {
        condition.withLock {
            while ended == nil, condition.wait(until: deadline) {}
            return ended
        }
    }
}
