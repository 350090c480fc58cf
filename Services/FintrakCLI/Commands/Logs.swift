import ArgumentParser
import Foundation

/// `fintrak logs`: the services' log files (as `scripts/run-local.sh` writes them) interleaved in one terminal,
/// each service in its own colour; JSON lines are shown as "time level service event message key=value …".
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show all services' logs interleaved, coloured by service (for scripts/run-local.sh).",
        discussion: "Reads DIR/*.log. Exit status 1 when DIR has no log files.")

    @Option(help: "The folder with one SERVICE.log per service.")
    var dir = ".local/logs"

    @Flag(name: .shortAndLong, help: "Keep printing new lines as they are written (Ctrl-C stops).")
    var follow = false

    @Option(help: "Lines from the end of each file to show first.")
    var lines = 20

    @Flag(help: "No colours (also when NO_COLOR is set or stdout is not a terminal).")
    var plain = false

    static let colours = ["\u{1B}[36m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[32m", "\u{1B}[34m", "\u{1B}[31m"]

    func run() async throws {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".log") }.sorted()
        guard !files.isEmpty else {
            printError("no .log files in \(dir): start Fintrak with scripts/run-local.sh first")
            throw ExitCode.failure
        }
        let colour = !plain && isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let width = files.map { $0.count - 4 }.max() ?? 0
        var readers = files.enumerated().map { index, file in
            LogTail(path: dir + "/" + file, service: String(file.dropLast(4)),
                    prefix: colour ? Self.colours[index % Self.colours.count] : "", reset: colour ? "\u{1B}[0m" : "")
        }
        // The last lines of every file, in time order where the lines carry a time.
        var backlog: [(String, String)] = []
        for index in readers.indices {
            backlog += readers[index].readNew().suffix(lines).map { (Self.sortKey($0), readers[index].render($0, width: width)) }
        }
        let first = backlog.sorted { $0.0 < $1.0 }.map { $0.1 + "\n" }.joined()
        FileHandle.standardOutput.write(Data(first.utf8))
        while follow {
            try await Task.sleep(for: .milliseconds(200))
            var text = ""
            for index in readers.indices {
                for line in readers[index].readNew() { text += readers[index].render(line, width: width) + "\n" }
            }
            // Unbuffered, so a `| grep` sees each line as it comes.
            if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
        }
    }

    /// A JSON line's time, so lines from different files interleave in order; other lines sort first.
    static func sortKey(_ line: String) -> String {
        guard line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { return "" }
        return object["time"] as? String ?? ""
    }

    /// A JSON log line as one readable line; anything else as it is.
    static func readable(_ line: String) -> String {
        guard line.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { return line }
        let time = (object["time"] as? String ?? "").split(separator: "T").last.map(String.init) ?? ""
        let level = object["level"] as? String ?? ""
        let message = object["msg"] as? String ?? object["message"] as? String ?? ""
        let skip: Set<String> = ["time", "level", "msg", "message", "service", "logger"]
        let rest = object.keys.filter { !skip.contains($0) }.sorted().map { "\($0)=\(object[$0].map { "\($0)" } ?? "")" }
        return ([time, level.padding(toLength: 7, withPad: " ", startingAt: 0), message] + rest).joined(separator: " ")
    }
}

/// One log file read from where it was last read.
struct LogTail {
    let path: String
    let service: String
    let prefix: String
    let reset: String
    private var offset: UInt64 = 0
    private var partial = ""

    init(path: String, service: String, prefix: String, reset: String) {
        self.path = path
        self.service = service
        self.prefix = prefix
        self.reset = reset
    }

    /// Complete lines added since the last call (a file that shrank, e.g. truncated on restart, is read anew).
    mutating func readNew() -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        if size < offset { offset = 0; partial = "" }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.readToEnd()) ?? Data()
        offset += UInt64(data.count)
        let text = partial + String(decoding: data, as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        partial = lines.removeLast()
        return lines.filter { !$0.isEmpty }
    }

    func render(_ line: String, width: Int) -> String {
        prefix + service.padding(toLength: width, withPad: " ", startingAt: 0) + reset + " │ " + Logs.readable(line)
    }
}
