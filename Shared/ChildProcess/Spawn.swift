import CSpawn
import Foundation

/// Every C call of `ChildProcess` and `LiveChild`: the pipes, `posix_spawnp`, the poll loops that feed a child's input
/// and drain its output, and the signals and waits. Nothing leaves here but Swift values and descriptors.
enum Spawn {
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func run(_ child: ChildProcess) throws -> ChildOutput {
        let descriptors = OpenDescriptors()
        defer { descriptors.closeAll() }
        let input = child.input.isEmpty ? nil : try descriptors.pipe()
        let output = try descriptors.pipe()
        let error = try descriptors.pipe()
        let pid = try spawn(child.program, child.arguments, environment: child.environment, input: input?.read,
                            output: output.write, error: error.write)
        var reaped = false
        // Whatever ends the run early (a timeout, too much output, a failed call) kills the child and reaps it.
        defer { if !reaped { kill(pid, SIGKILL); _ = wait(for: pid) } }
        // The child has its own copies; with these closed, end of file comes when the child closes its ends.
        descriptors.close(output.write)
        descriptors.close(error.write)
        if let input { descriptors.close(input.read) }
        let exit = pidfd_open(pid, 0)
        guard exit >= 0 else { throw ChildProcessError.systemCallFailed("pidfd_open", errno: errno) }
        descriptors.adopt(exit)

        var streams = Streams(child: child, descriptors: descriptors, output: output.read, error: error.read,
                              input: input?.write, exit: exit)
        try streams.exchangeUntilExit()
        reaped = true
        return ChildOutput(termination: termination(wait(for: pid)),
                           standardOutput: streams.standardOutput, standardError: streams.standardError)
    }

    // MARK: A child left running (LiveChild)

    /// Starts `program` with a pipe on its standard input and one pipe for its standard output and error together.
    static func start(_ program: String, _ arguments: [String], environment: [String: String]?) throws -> LiveDescriptors {
        let descriptors = OpenDescriptors()
        defer { descriptors.closeAll() }
        let input = try descriptors.pipe()
        let output = try descriptors.pipe()
        let pid = try spawn(program, arguments, environment: environment, input: input.read, output: output.write,
                            error: output.write)
        let exit = pidfd_open(pid, 0)
        guard exit >= 0 else {
            let failure = errno
            kill(pid, SIGKILL)
            _ = wait(for: pid)
            throw ChildProcessError.systemCallFailed("pidfd_open", errno: failure)
        }
        // These three now belong to the LiveDescriptors; the child's ends are closed with the rest.
        descriptors.release(input.write)
        descriptors.release(output.read)
        _ = fcntl(output.read, F_SETFL, fcntl(output.read, F_GETFL) | O_NONBLOCK)
        return LiveDescriptors(pid: pid, input: input.write, output: output.read, exit: exit)
    }

    /// Hands what the child prints to `received` as it comes until the child has exited, then what is left in the
    /// pipe (a grandchild may keep it open: its end of file is not waited for), and reaps the child.
    static func drain(_ child: LiveDescriptors, _ received: (Data) -> Void) -> Termination {
        var outputOpen = true
        while true {
            // poll skips a negative descriptor: the output once at its end.
            var watched = [pollfd(fd: child.exit, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: outputOpen ? child.output : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&watched, 2, -1) < 0 {
                if errno == EINTR { continue }
                break  // cannot happen with valid descriptors; the wait below still reaps the child
            }
            if watched[1].revents != 0 { outputOpen = readAvailable(child.output, received) }
            if watched[0].revents != 0 { break }
        }
        _ = readAvailable(child.output, received)
        return termination(wait(for: child.pid))
    }

    /// Reads a non-blocking descriptor until it is empty (true) or at its end (false).
    private static func readAvailable(_ descriptor: Int32, _ received: (Data) -> Void) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                received(Data(buffer[0..<count]))
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return count < 0 && errno == EAGAIN
            }
        }
    }

    /// Writes all of `data`, waiting while the pipe is full. A child that closed its input raises no SIGPIPE here:
    /// the write throws (EPIPE).
    static func writeAll(_ data: Data, to descriptor: Int32) throws {
        var sigpipe = sigset_t(), previous = sigset_t()
        sigemptyset(&sigpipe)
        sigaddset(&sigpipe, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &sigpipe, &previous)
        var brokenPipe = false
        defer {
            var now = timespec()
            if brokenPipe { _ = sigtimedwait(&sigpipe, nil, &now) }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        var left = data[...]
        while !left.isEmpty {
            let written = left.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                left = left.dropFirst(written)
            } else if errno != EINTR {
                brokenPipe = errno == EPIPE
                throw ChildProcessError.systemCallFailed("write", errno: errno)
            }
        }
    }

    /// Sends `signal` through the child's pidfd: once the child is reaped this fails (ESRCH) instead of reaching a
    /// process that took its id.
    static func send(_ signal: Int32, to child: LiveDescriptors) {
        _ = pidfd_send_signal(child.exit, signal, nil, 0)
    }

    static func close(_ descriptor: Int32) { _ = Glibc.close(descriptor) }

    /// How a child ended, from its wait status.
    private static func termination(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .killed(signal: signal)
    }

    /// Starts the program with the pipes as its standard streams, every other descriptor closed, no signal blocked and
    /// every signal at its default (whatever the calling thread blocks or the process ignores).
    private static func spawn(_ program: String, _ arguments: [String], environment: [String: String]?, input: Int32?,
                              output: Int32, error: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid = pid_t()
        let result = withCStrings([program] + arguments) { arguments in
            guard let environment else {
                return posix_spawnp(&pid, program, &actions, &attributes, arguments, environ)
            }
            return withCStrings(environment.map { "\($0.key)=\($0.value)" }) { environment in
                posix_spawnp(&pid, program, &actions, &attributes, arguments, environment)
            }
        }
        if result == ENOENT { throw ChildProcessError.programNotFound(program) }
        guard result == 0 else { throw ChildProcessError.spawnFailed(program, errno: result) }
        return pid
    }

    /// The child's wait status, once it has ended.
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    /// The parent's ends of the child's streams, and what came through them.
    private struct Streams {
        let child: ChildProcess
        let descriptors: OpenDescriptors
        var output: Int32?
        var error: Int32?
        var input: Int32?
        let exit: Int32
        var standardOutput = Data()
        var standardError = Data()
        var inputLeft: Data
        /// A write to the input found the child no longer reading: the SIGPIPE that raised is taken back.
        var brokenPipe = false

        init(child: ChildProcess, descriptors: OpenDescriptors, output: Int32, error: Int32, input: Int32?, exit: Int32) {
            self.child = child
            self.descriptors = descriptors
            self.output = output
            self.error = error
            self.input = input
            self.exit = exit
            inputLeft = child.input
            for descriptor in [output, error] + (input.map { [$0] } ?? []) {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
        }

        /// Writes the input and reads output and error as each is ready, until the child has exited; then takes what
        /// is left in the pipes (a grandchild may keep them open: their end of file is not waited for).
        mutating func exchangeUntilExit() throws {
            var sigpipe = sigset_t(), previous = sigset_t()
            sigemptyset(&sigpipe)
            sigaddset(&sigpipe, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &sigpipe, &previous)
            defer {
                var now = timespec()
                if brokenPipe { _ = sigtimedwait(&sigpipe, nil, &now) }
                pthread_sigmask(SIG_SETMASK, &previous, nil)
            }
            let deadline = ContinuousClock.now + child.timeout
            var exited = false
            while !exited {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { throw ChildProcessError.timedOut(child.program, after: child.timeout) }
                var watched = [pollfd(fd: exit, events: Int16(POLLIN), revents: 0)]
                for descriptor in [output, error].compactMap({ $0 }) {
                    watched.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
                }
                if let input { watched.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
                let milliseconds = Int32(clamping: Int((left / .milliseconds(1)).rounded(.up)))
                if poll(&watched, nfds_t(watched.count), milliseconds) < 0 {
                    if errno == EINTR { continue }
                    throw ChildProcessError.systemCallFailed("poll", errno: errno)
                }
                for ready in watched where ready.revents != 0 {
                    if ready.fd == exit {
                        exited = true
                    } else if ready.fd == input {
                        try writeInput()
                    } else {
                        try readAvailable(ready.fd)
                    }
                }
            }
            for descriptor in [output, error].compactMap({ $0 }) { try readAvailable(descriptor) }
        }

        /// Reads until the pipe is empty or at its end (then it is no longer watched).
        private mutating func readAvailable(_ descriptor: Int32) throws {
            let isOutput = descriptor == output
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
                    // End of file, or an error that ends this stream all the same.
                    if isOutput { output = nil } else { error = nil }
                    return
                }
                if count < 0 {
                    if errno == EAGAIN { return }
                    continue
                }
                if isOutput {
                    standardOutput.append(contentsOf: buffer[0..<count])
                    if standardOutput.count > child.maxOutputBytes {
                        throw ChildProcessError.outputTooLarge(child.program, stream: .standardOutput, limit: child.maxOutputBytes)
                    }
                } else {
                    standardError.append(contentsOf: buffer[0..<count])
                    if standardError.count > child.maxErrorBytes {
                        throw ChildProcessError.outputTooLarge(child.program, stream: .standardError, limit: child.maxErrorBytes)
                    }
                }
            }
        }

        /// Writes what the pipe takes of the input; closes it once all is written or the child stopped reading.
        private mutating func writeInput() throws {
            guard let descriptor = input else { return }
            let written = inputLeft.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                inputLeft = inputLeft.dropFirst(written)
                if !inputLeft.isEmpty { return }
            } else if errno == EINTR || errno == EAGAIN {
                return
            } else {
                brokenPipe = errno == EPIPE
            }
            descriptors.close(descriptor)  // the child reads end of file
            input = nil
        }
    }

    /// Descriptors this run opened, each closed once (by `close` or at the end of the run).
    private final class OpenDescriptors {
        private var open: Set<Int32> = []

        /// A pipe whose ends close on exec: the child gets only the ends it is given as standard streams.
        func pipe() throws -> (read: Int32, write: Int32) {
            var ends: [Int32] = [-1, -1]
            guard pipe2(&ends, O_CLOEXEC) == 0 else { throw ChildProcessError.systemCallFailed("pipe2", errno: errno) }
            open.formUnion(ends)
            return (ends[0], ends[1])
        }

        func adopt(_ descriptor: Int32) { open.insert(descriptor) }

        /// No longer closed here: its new owner closes it.
        func release(_ descriptor: Int32) { open.remove(descriptor) }

        func close(_ descriptor: Int32) {
            if open.remove(descriptor) != nil { Glibc.close(descriptor) }
        }

        func closeAll() {
            for descriptor in open { Glibc.close(descriptor) }
            open = []
        }
    }
}
