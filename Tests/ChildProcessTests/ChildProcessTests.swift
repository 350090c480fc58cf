import FintrakChildProcess
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func outputAndErrorAreCapturedApart() async throws {
        let result = try await ChildProcess("/bin/sh", ["-c", "echo out; echo err >&2"]).run()
        #expect(result.termination == .exited(0))
        #expect(result.outputText == "out\n")
        #expect(result.errorText == "err\n")
    }

    /// A megabyte on each stream, error first: a reader that waited for the end of the output would never see it,
    /// since the child would stop on its full error pipe.
    @Test func aMegabyteOnEachStreamIsReadWithoutDeadlock() async throws {
        let megabyte = 1 << 20
        let result = try await ChildProcess(
            "/bin/sh", ["-c", "head -c \(megabyte) /dev/zero >&2; head -c \(megabyte) /dev/zero"], timeout: .seconds(30)
        ).run()
        #expect(result.succeeded)
        #expect(result.standardOutput.count == megabyte)
        #expect(result.standardError.count == megabyte)
    }

    /// A megabyte through `cat`: it writes back while its input is still being written.
    @Test func inputIsDeliveredWhileOutputIsRead() async throws {
        let input = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let result = try await ChildProcess("cat", input: input, timeout: .seconds(30)).run()
        #expect(result.succeeded)
        #expect(result.standardOutput == input)
    }

    @Test func aChildThatStopsReadingItsInputEndsTheRun() async throws {
        let result = try await ChildProcess("/bin/sh", ["-c", "head -c 1"], input: Data(count: 1 << 20)).run()
        #expect(result.succeeded)
        #expect(result.standardOutput.count == 1)
    }

    @Test func exitStatusAndSignalAreReported() throws {
        #expect(try ChildProcess("/bin/sh", ["-c", "exit 3"]).runOnThisThread().termination == .exited(3))
        #expect(try ChildProcess("/bin/sh", ["-c", "kill -TERM $$"]).runOnThisThread().termination == .killed(signal: SIGTERM))
    }

    @Test func theEnvironmentIsTheOneGiven() throws {
        let result = try ChildProcess("/usr/bin/env", environment: ["ONLY": "this"]).runOnThisThread()
        #expect(result.outputText == "ONLY=this\n")
    }

    /// Past its timeout the child is killed and reaped: its process id no longer answers (a zombie would).
    @Test func aChildPastItsTimeoutIsKilledAndReaped() async throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let child = ChildProcess("/bin/sh", ["-c", "echo $$ > \(pidFile.path); exec sleep 30"], timeout: .milliseconds(500))
        await #expect(throws: ChildProcessError.timedOut("/bin/sh", after: .milliseconds(500))) { try await child.run() }
        let pid = try #require(Int32(String(decoding: try Data(contentsOf: pidFile), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test func outputPastItsLimitStopsTheChild() throws {
        let child = ChildProcess("/bin/sh", ["-c", "head -c 1000000 /dev/zero; sleep 30"], maxOutputBytes: 1000)
        #expect(throws: ChildProcessError.outputTooLarge("/bin/sh", stream: .standardOutput, limit: 1000)) {
            try child.runOnThisThread()
        }
    }

    @Test func aMissingProgramIsNamed() throws {
        #expect(throws: ChildProcessError.programNotFound("no-such-program-fintrak")) {
            try ChildProcess("no-such-program-fintrak").runOnThisThread()
        }
        #expect(ChildProcessError.programNotFound("pdftoppm").description == "pdftoppm: no such program")
    }

    /// Foundation's `Process.run` lists /proc/self/fd before each spawn and over-reads past about 1,360 descriptors
    /// (swift-corelibs-foundation #5472). With 1,500 more open, a child still starts, and inherits none of them: it
    /// sees its three standard streams and the descriptor `ls` opens to list the folder.
    @Test func aChildStartsBesideFifteenHundredOpenDescriptorsAndInheritsNone() throws {
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        try #require(devNull >= 0)
        defer { close(devNull) }
        // Without close-on-exec, as a library's descriptors may be.
        let extra = (0..<1500).map { _ in dup(devNull) }
        defer { extra.forEach { close($0) } }
        try #require(extra.allSatisfy { $0 >= 0 })
        let result = try ChildProcess("ls", ["/proc/self/fd"]).runOnThisThread()
        #expect(result.succeeded)
        #expect(result.outputText.split(separator: "\n").count == 4, "\(result.outputText)")
    }
}
