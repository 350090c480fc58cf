import CRabbitMQ
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
/// thread when it sleeps in `wait` (an eventfd, so one `poll` watches commands and the socket together; one
/// descriptor where a pipe took two, and every connection has a mailbox).
final class Mailbox<Command: Sendable>: Sendable {
    private struct State {
        var commands: [Command] = []
        /// The eventfd's counter is not zero; it is at most one, so writing never blocks.
        var signalled = false
        var closed = false
    }

    private let state = Mutex(State())
    private let wakeUp: Int32

    init() {
        wakeUp = eventfd(0, Int32(EFD_CLOEXEC))
        // Out of descriptors: the process cannot talk to anything any more.
        precondition(wakeUp >= 0, "eventfd() failed: errno \(errno)")
    }

    deinit {
        closeDescriptor(wakeUp)
    }

    /// Queues `command` for the owner; false when the owner has stopped reading.
    func post(_ command: Command) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.commands.append(command)
            if !state.signalled {
                state.signalled = true
                var one: UInt64 = 1
                _ = write(wakeUp, &one, 8)
            }
            return true
        }
    }

    /// Everything posted since the last call, in order.
    func take() -> [Command] {
        state.withLock { state in
            if state.signalled {
                state.signalled = false
                var counter: UInt64 = 0
                _ = read(wakeUp, &counter, 8)
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
        var descriptors = [pollfd(fd: wakeUp, events: Int16(POLLIN), revents: 0)]
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
