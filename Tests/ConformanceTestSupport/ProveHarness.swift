import Foundation

/// Debian's TAP harness (`prove`, from the perl package), reading a TAP file through `cat` as its source.
public enum ProveHarness {
    public static let path: String? = ["/usr/bin/prove", "/usr/local/bin/prove"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// `prove --verbose --exec cat FILE`: the file's text is the TAP stream of one "test".
    public static func run(_ file: String) throws -> (status: Int32, output: String) {
        guard let path else { throw ProveMissing() }
        return try CommandOutput.run(path, ["--verbose", "--exec", "cat", file])
    }

    public struct ProveMissing: Error {}
}
