import FintrakCore
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a thread of its own: rabbitmq-c blocks, and a connection must stay on one thread,
/// so connections never run on Swift's small cooperative pool.
func startConnectionThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.start()
}

/// Hands commands from any thread to the one thread that owns a connection, and wakes that
/// thread when it sleeps in `wait` (a pipe, so one `poll` watches commands and the socket together).
final class Mailbox<Command: Sendable>: Sendable {
    private struct State {
        var commands: [Command] = []
        /// A byte is in the pipe; at most one ever is, so writing never blocks.
        var signalled = false
        var closed = false
    }

    private let state = Mutex(State())
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [0, 0]
        // Out of descriptors: the process cannot talk to anything any more.
        precondition(pipe(&ends) == 0, "pipe() failed: errno \(errno)")
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        closeDescriptor(readEnd)
        closeDescriptor(writeEnd)
    }

    /// Queues `command` for the owner; false when the owner has stopped reading.
    func post(_ command: Command) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.commands.append(command)
            if !state.signalled {
                state.signalled = true
                var byte: UInt8 = 1
                _ = write(writeEnd, &byte, 1)
            }
            return true
        }
    }

    /// Everything posted since the last call, in order.
    func take() -> [Command] {
        state.withLock { state in
            if state.signalled {
                state.signalled = false
                var byte: UInt8 = 0
                _ = read(readEnd, &byte, 1)
            }
            defer { state.commands = [] }
            return state.commands
        }
    }

    /// Later posts fail; returns what was still queued.
    func close() -> [Command] {
        state.withLock { $0.closed = true }
        return take()
    }

    /// Sleeps until something is posted, `descriptor` (a socket) is readable, or `timeout` passes (nil: no limit).
    func wait(orReadable descriptor: Int32?, timeout: Duration?) {
        var descriptors = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let descriptor { descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32(clamping: $0.milliseconds) } ?? -1
        // EINTR and errors just end the wait early; the caller loops.
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
    }
}

extension Mailbox {
    /// Sleeps until a command arrives or the broker sends something, waking in time to service heartbeats.
    func wait(for connection: AMQPConnection?) {
        let timeout = connection == nil ? nil : AMQPConnection.serviceInterval
        wait(orReadable: connection?.socketDescriptor, timeout: timeout)
    }
}

/// The C `close`, which `Mailbox.close()` hides inside the class.
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }

/// Whether a connection is up, written by its thread and read anywhere (for /ready).
final class ConnectedFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set(_ connected: Bool) { value.store(connected, ordering: .relaxed) }
}
