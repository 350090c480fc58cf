import FintrakTestSupport
import Foundation
import Synchronization
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
            #expect(try await chat.finish() == 0)
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
            #expect(try await chat.finish() == 0)
        }
    }
}

/// A `fintrak chat` child process: lines in through a pipe, everything it prints collected from another.
final class ChatProcess: Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let printed = PrintedText()

    init(intakePort: Int, tenant: String) throws {
        let directory = try #require(Bundle.main.executableURL?.deletingLastPathComponent(), "where the test binaries are")
        process.executableURL = directory.appendingPathComponent("fintrak")
        process.arguments = ["chat", "--from", tenant, "--intake", "http://127.0.0.1:\(intakePort)", "--timeout", "30"]
        process.environment = ProcessInfo.processInfo.environment.merging(try ServiceEnvironment.make()) { $1 }
        process.standardInput = input
        process.standardOutput = output
        output.fileHandleForReading.readabilityHandler = { [printed] handle in
            let data = handle.availableData
            printed.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Types `line` and waits for `expected` to appear in what the chat printed after it.
    func send(_ line: String, expecting expected: String) async throws -> Bool {
        let before = printed.text.withLock { $0.count }
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        return try await eventually { [printed] in
            printed.text.withLock { String($0.dropFirst(before)).contains(expected) }
        }
    }

    /// Closes the chat's input (Ctrl-D) and returns its exit status.
    func finish() async throws -> Int32 {
        try input.fileHandleForWriting.close()
        _ = try await eventually { [process] in !process.isRunning }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        output.fileHandleForReading.readabilityHandler = nil
    }
}

/// What the child printed so far, appended from the pipe's reading thread.
final class PrintedText: Sendable {
    let text = Mutex("")
}
