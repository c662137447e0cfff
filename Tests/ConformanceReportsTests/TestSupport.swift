import Foundation
import Testing

/// Runs a Python 3 snippet (the suite's independent oracle: jsonschema, junitparser, hashlib).
enum Python {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// - Parameters:
    ///   - script: Python source, passed with `-c`.
    ///   - arguments: available as `sys.argv[1:]`.
    static func run(_ script: String, arguments: [String] = []) throws -> Output {
        // Debian's python3, where .ci/setup installs python3-jsonschema and python3-junitparser; else the first on PATH.
        let process = Process()
        let system = "/usr/bin/python3"
        let useSystem = FileManager.default.isExecutableFile(atPath: system)
        process.executableURL = URL(fileURLWithPath: useSystem ? system : "/usr/bin/env")
        process.arguments = (useSystem ? [] : ["python3"]) + ["-c", script] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty script cannot fill the pipe and block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

/// A scratch directory per test, removed by the caller.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lambdaspec-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ data: Data, named name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }

    func write(_ text: String, named name: String) throws -> String {
        try write(Data(text.utf8), named: name)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The package root, found from this file's path, for `docs/report.schema.json`.
enum PackageRoot {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
