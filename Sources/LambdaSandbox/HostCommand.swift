import Foundation

/// Runs a short host tool (mkfs, mount, umount, bwrap's self-test) to completion and keeps its stderr for the
/// error message. Not for bootstraps: those go through `ProcessSpawner`.
enum HostCommand {
    struct Outcome {
        var status: Int32
        var errorOutput: String
        var succeeded: Bool { status == 0 }
    }

    static func run(_ executable: String, _ arguments: [String]) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return Outcome(status: 127, errorOutput: "\(executable): \(error)")
        }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            errorOutput: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The first `name` found in PATH or the usual system folders, which a minimal sudo PATH may lack.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        return folders.map { $0 + "/" + name }.first { access($0, X_OK) == 0 }
    }
}
