import ConformanceModel
import Foundation
import LambdaSandbox
import Synchronization
import ZIPFoundation

/// Runs `body` with a fresh private folder that is deleted afterwards, whatever happens.
func withTemporaryFolder<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    var template = Array((FileManager.default.temporaryDirectory.path + "/lambdaspec-test-XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    let folder = URL(fileURLWithPath: String(cString: created)).resolvingSymlinksInPath().path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try await body(folder)
}

/// Writes a file with the given permissions, creating its folders.
func writeFile(_ path: String, _ contents: String, mode: Int = 0o644) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

func readFile(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// One item of a zip built by a test.
enum ZipItem {
    case file(String, String, mode: UInt16 = 0o644)
    case directory(String, mode: UInt16 = 0o755)
    case symlink(String, target: String)
}

/// Builds a zip with ZIPFoundation, entry paths exactly as given (including hostile ones).
func makeZip(at path: String, _ items: [ZipItem]) throws {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for item in items {
        switch item {
        case .file(let name, let contents, let mode):
            let data = Data(contents.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), permissions: mode,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        case .directory(let name, let mode):
            try archive.addEntry(with: name, type: .directory, uncompressedSize: Int64(0), permissions: mode) { _, _ in
                Data()
            }
        case .symlink(let name, let target):
            let data = Data(target.utf8)
            try archive.addEntry(with: name, type: .symlink, uncompressedSize: Int64(data.count)) { _, _ in data }
        }
    }
}

/// Collects what a spawned process printed, from the reader threads, and what `onExit` reported.
final class ProcessOutput: Sendable {
    private let lines = Mutex<[(stream: LogLine.Stream, text: String)]>([])
    private let exits = Mutex<[ExitStatus]>([])
    private let bytes = Mutex(0)

    func append(_ stream: LogLine.Stream, _ captured: [CapturedLine]) {
        lines.withLock { lines in lines += captured.map { (stream, $0.text) } }
        if stream == .stdout { bytes.withLock { $0 += captured.reduce(0) { $0 + $1.byteCount } } }
    }

    func exited(_ status: ExitStatus) {
        exits.withLock { $0.append(status) }
    }

    var stdout: [String] { lines.withLock { $0.filter { $0.stream == .stdout }.map(\.text) } }
    var stderr: [String] { lines.withLock { $0.filter { $0.stream == .stderr }.map(\.text) } }
    var exitReports: [ExitStatus] { exits.withLock { $0 } }
    /// Bytes of stdout, as the lines counted them.
    var stdoutBytes: Int { bytes.withLock { $0 } }

    /// Polls until stdout has `count` lines; the reader threads deliver them asynchronously.
    func waitForStdout(count: Int, seconds: Double = 10) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while stdout.count < count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return stdout
    }
}

/// Spawns `script` (written to `folder/script.sh`, mode 755) with `environment`, collecting into `output`.
func spawnScript(
    _ script: String, in folder: String, environment: [String: String] = [:], output: ProcessOutput
) throws -> RuntimeProcess {
    let path = folder + "/script.sh"
    try writeFile(path, "#!/bin/sh\n" + script + "\n", mode: 0o755)
    return try spawn(path, in: folder, environment: environment, output: output)
}

func spawn(
    _ executable: String, in folder: String, environment: [String: String] = [:], output: ProcessOutput
) throws -> RuntimeProcess {
    try RuntimeProcess.spawn(
        executable: executable, environment: environment, workingDirectory: folder,
        onOutput: { output.append($0, $1) }, onExit: { output.exited($0) })
}
