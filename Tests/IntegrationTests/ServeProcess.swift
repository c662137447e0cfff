import Foundation

/// A running `lambdaspec serve`, started as a user would, with its stdout in a file the test reads while it runs.
final class ServeProcess {
    let process = Process()
    /// The TMPDIR given to lambdaspec: every sandbox of the session lives under it.
    let sandboxes: URL
    private let scratch: URL
    private let stdoutURL: URL

    init(_ arguments: [String]) throws {
        scratch = try LambdaSpecExecutable.temporaryDirectory()
        sandboxes = scratch.appendingPathComponent("sandboxes")
        try FileManager.default.createDirectory(at: sandboxes, withIntermediateDirectories: true)
        stdoutURL = scratch.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        process.executableURL = PackagePaths.productsDirectory.appendingPathComponent("lambdaspec")
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = PackagePaths.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TMPDIR"] = sandboxes.path
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Everything printed so far.
    var output: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }

    /// The port from the `invoke endpoint:` line serve prints first; nil if it does not appear in time.
    func port(timeout: Duration = .seconds(30)) async -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            for line in output.split(separator: "\n") where line.hasPrefix("invoke endpoint: http://127.0.0.1:") {
                let rest = line.dropFirst("invoke endpoint: http://127.0.0.1:".count)
                if let port = Int(rest.prefix { $0.isNumber }) { return port }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits until `text` has been printed.
    func waitForOutput(_ text: String, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return output.contains(text)
    }

    /// Sends SIGINT (Ctrl-C) and waits up to `timeout` for the process to end; false if it did not.
    func interrupt(timeout: Duration = .seconds(10)) async -> Bool {
        if process.isRunning { process.interrupt() }
        return await waitForExit(timeout: timeout)
    }

    /// Sends SIGTERM (a service manager's stop) and waits up to `timeout` for the process to end.
    func terminate(timeout: Duration = .seconds(10)) async -> Bool {
        if process.isRunning { process.terminate() }
        return await waitForExit(timeout: timeout)
    }

    private func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !process.isRunning
    }

    /// Processes whose environment mentions the sandbox folder: runtimes of this session still alive.
    func survivors() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil, Int32(entry) != process.processIdentifier,
                let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
            else { return false }
            return String(decoding: environ, as: UTF8.self).contains(sandboxes.path)
        }
    }

    /// Kills serve if a test left it running, and removes the scratch folder.
    func cleanUp() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A `POST` of `event` to the invoke path, with extra header lines.
    static func invoke(_ event: String, headers: [String] = []) -> String {
        var text = "POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for header in headers { text += header + "\r\n" }
        return text + "Content-Length: \(event.utf8.count)\r\n\r\n" + event
    }
}
