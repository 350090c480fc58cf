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

    /// Runs the executable to its end on a thread of its own (not Swift's cooperative pool); returns its exit
    /// status and what it printed.
    public static func run(_ name: String, _ arguments: [String], environment: [String: String]) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let executable = try path(name)
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    process.environment = environment
                    let out = Pipe()
                    let err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    // stderr is small (warnings only); read stdout to its end, then stderr.
                    let stdout = out.fileHandleForReading.readDataToEndOfFile()
                    let stderr = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self),
                            String(decoding: stderr, as: UTF8.self))
                })
            }
        }
    }
}
