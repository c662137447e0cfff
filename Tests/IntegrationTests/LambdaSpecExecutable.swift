import ConformanceTestSupport
import Foundation

/// Runs the built `lambdaspec` executable as a user would, capturing its output in files (pipes could fill up and
/// stall a chatty run).
enum LambdaSpecExecutable {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Wall time of the whole command.
        var seconds: Double = 0
    }

    /// - Parameters:
    ///   - executable: another `lambdaspec` binary (an installed or copied one); default: the one just built.
    ///   - directory: the working directory; default: the package root.
    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], executable: URL? = nil,
        directory: URL? = nil
    ) throws -> Outcome {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = executable ?? PackagePaths.productsDirectory.appendingPathComponent("lambdaspec")
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? PackagePaths.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        // The suite may itself run in a GitLab `parallel:` job; a test asks for a shard explicitly.
        environment.removeValue(forKey: "CI_NODE_INDEX")
        environment.removeValue(forKey: "CI_NODE_TOTAL")
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = stdout
        process.standardError = stderr
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        try stdout.close()
        try stderr.close()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        )
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lambdaspec-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a Python snippet (the independent consumers: jsonschema, junitparser); returns its status and output.
    static func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        // Debian's python3, where .ci/setup installs python3-junitparser; else the first on PATH.
        let system = "/usr/bin/python3"
        let useSystem = FileManager.default.isExecutableFile(atPath: system)
        return try CommandOutput.run(
            useSystem ? system : "/usr/bin/env", (useSystem ? [] : ["python3"]) + ["-c", script] + arguments)
    }
}
