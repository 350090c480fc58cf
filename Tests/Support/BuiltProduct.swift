import FintrakChildProcess
import Foundation

/// One of this package's executables, built by `swift build --build-tests` (scripts/test.sh does that first).
public enum BuiltProduct {
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path) does not exist: run `swift build --build-tests` before `swift test`" }
    }

    public static func path(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent(".build/debug/\(name)").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        return path
    }

    /// Runs the executable to its end (on a thread of its own, not Swift's cooperative pool); returns its exit
    /// status and what it printed.
    public static func run(_ name: String, _ arguments: [String], environment: [String: String]) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let result = try await ChildProcess(try path(name), arguments, environment: environment, timeout: .seconds(300)).run()
        return (result.termination.shellStatus, result.outputText, result.errorText)
    }
}
