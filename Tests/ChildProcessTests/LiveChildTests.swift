import FintrakChildProcess
import Foundation
import Testing

@Suite struct LiveChildTests {
    @Test func linesWrittenAreReadBackWhileTheChildRuns() async throws {
        let child = try LiveChild("cat")
        try child.write("first\n")
        #expect(await child.nextLine(within: .seconds(30)) == "first")
        try child.write("second\nthird\n")
        #expect(await child.nextLine(within: .seconds(30)) == "second")
        #expect(await child.nextLine(within: .seconds(30)) == "third")
        #expect(child.termination == nil)
        child.closeInput()
        #expect(await child.waitForExit(within: .seconds(30)) == .exited(0))
    }

    /// Standard error comes through the same pipe, in order; what follows the last newline is a last line once the
    /// child has ended, and after it there is nothing more.
    @Test func errorAndAnUnfinishedLastLineAreRead() async throws {
        let child = try LiveChild("/bin/sh", ["-c", "echo out; echo err >&2; printf tail"])
        #expect(await child.nextLine(within: .seconds(30)) == "out")
        #expect(await child.nextLine(within: .seconds(30)) == "err")
        #expect(await child.nextLine(within: .seconds(30)) == "tail")
        #expect(await child.nextLine(within: .seconds(30)) == nil)
        #expect(child.printedText == "out\nerr\ntail")
    }

    /// `cat` with nothing to read prints nothing and waits.
    @Test func aChildThatPrintsNothingGivesNoLineAtTheDeadlineAndEndsOnASignal() async throws {
        let child = try LiveChild("cat")
        let line = await child.nextLine(within: .milliseconds(200))
        #expect(line == nil)
        let early = await child.waitForExit(within: .milliseconds(200))
        #expect(early == nil)
        child.send(SIGTERM)
        let termination = await child.waitForExit(within: .seconds(30))
        #expect(termination == .killed(signal: SIGTERM))
    }

    /// Four megabytes printed and never read: the pipe holds 64 KiB, so only the draining thread lets the child end.
    @Test func aChildWhoseOutputNobodyReadsStillEnds() async throws {
        let child = try LiveChild("/bin/sh", ["-c", "head -c 4000000 /dev/zero; echo done"])
        #expect(await child.waitForExit(within: .seconds(30)) == .exited(0))
        #expect(child.printedText.hasSuffix("done\n"))
    }

    /// Writing to a child that has ended throws (rather than the SIGPIPE killing this process), and a signal then
    /// reaches nothing.
    @Test func writingToAnEndedChildThrowsAndSignalsAreIgnored() async throws {
        let child = try LiveChild("true")
        #expect(await child.waitForExit(within: .seconds(30)) == .exited(0))
        #expect(throws: ChildProcessError.systemCallFailed("write", errno: EPIPE)) { try child.write("anyone?\n") }
        child.send(SIGKILL)
        child.closeInput()
        #expect(throws: ChildProcessError.systemCallFailed("write", errno: EBADF)) { try child.write("anyone?\n") }
    }

    /// A `LiveChild` dropped while its child runs kills it, and the child is reaped: its id no longer answers.
    @Test func aChildStillRunningWhenDroppedIsKilledAndReaped() async throws {
        var child: LiveChild? = try LiveChild("/bin/sh", ["-c", "echo $$; exec cat"])
        let pid = try #require(await child?.nextLine(within: .seconds(30)).flatMap { Int32($0) })
        #expect(kill(pid, 0) == 0)
        child = nil
        let deadline = ContinuousClock.now + .seconds(30)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test func aMissingProgramIsNamed() throws {
        #expect(throws: ChildProcessError.programNotFound("no-such-program-fintrak")) {
            try LiveChild("no-such-program-fintrak")
        }
    }
}
