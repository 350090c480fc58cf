import FintrakChildProcess
import FintrakTestSupport
import Foundation
import Testing

/// `fintrak chat` as a real process whose stdin and stdout are pipes (as under `run-local.sh | tee chat.log`),
/// against the four services on the console provider: each reply is read while the chat's input is still open.
@Suite struct ChatThroughPipesTests {
    @Test func repliesShowWhileTheChatIsStillOpen() async throws {
        try await withStack(["WHATSAPP_PROVIDER": "console"]) { stack in
            let chat = try ChatProcess(intakePort: stack.intakePort, tenant: ServiceEnvironment.uniqueTenant())
            defer { chat.stop() }
            #expect(try await chat.send("hi", expecting: "fintrak> "))
            // A date that is no day gets a polite answer, and the next question is answered as usual.
            #expect(try await chat.send("total spend 1/1/0000", expecting: "I couldn't read the date '1/1/0000'"))
            #expect(try await chat.send("how much did I spend last month", expecting: "last month"))
            #expect(chat.isRunning)
            #expect(await chat.finish() == 0)
        }
    }

    /// A file's path typed in the chat is sent as a bill, as a PDF is sent on WhatsApp, and read back confirmed.
    @Test func aBillsPathTypedInTheChatIsReadAsABill() async throws {
        let bill = FileManager.default.temporaryDirectory.appendingPathComponent("chat-bill-\(UUID().uuidString).pdf")
        try TestBills.pdf(lines: TestBills.sharmaTraders).write(to: bill)
        defer { try? FileManager.default.removeItem(at: bill) }
        try await withStack(["WHATSAPP_PROVIDER": "console"]) { stack in
            let chat = try ChatProcess(intakePort: stack.intakePort, tenant: ServiceEnvironment.uniqueTenant())
            defer { chat.stop() }
            #expect(try await chat.send("'\(bill.path)'", expecting: "1,530"))
            #expect(try await chat.send("/no/such/bill.pdf", expecting: "fintrak> "), "a path to nothing is just text")
            #expect(await chat.finish() == 0)
        }
    }
}

/// A `fintrak chat` child process: lines in through one pipe, what it prints read line by line from another.
final class ChatProcess: Sendable {
    private let child: LiveChild

    init(intakePort: Int, tenant: String) throws {
        child = try LiveChild(
            try BuiltProduct.path("fintrak"),
            ["chat", "--from", tenant, "--intake", "http://127.0.0.1:\(intakePort)", "--timeout", "30"],
            environment: ProcessInfo.processInfo.environment.merging(try ServiceEnvironment.make()) { $1 })
    }

    var isRunning: Bool { child.termination == nil }

    /// Types `line` and reads what the chat prints after it until a line contains `expected` (false if none does
    /// within a minute; the chat itself gives up on a reply after 30 s).
    func send(_ line: String, expecting expected: String) async throws -> Bool {
        try child.write(line + "\n")
        let deadline = ContinuousClock.now + .seconds(60)
        while let printed = await child.nextLine(within: deadline - ContinuousClock.now) {
            if printed.contains(expected) { return true }
        }
        return false
    }

    /// Closes the chat's input (Ctrl-D) and returns its exit status.
    func finish() async -> Int32? {
        child.closeInput()
        return await child.waitForExit(within: .seconds(60))?.shellStatus
    }

    func stop() { child.send(SIGTERM) }
}
