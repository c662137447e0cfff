import Foundation
import Synchronization

/// Unbuffered writes to the standard streams, so live progress appears as it happens.
///
/// Plain `write(2)`: a reader that goes away (`lambdaspec run … | head`) must end the output, not crash the run.
enum FileHandleOutput {
    /// Set once an interrupt is being handled: what the dying run still prints (scenarios failing because their
    /// sandboxes were just removed) would be noise, so only the interrupt's own line gets out.
    private static let muted = Atomic(false)

    static func standardOutput(_ text: String) {
        guard !muted.load(ordering: .acquiring) else { return }
        write(text, to: STDOUT_FILENO)
    }

    static func standardError(_ text: String) {
        guard !muted.load(ordering: .acquiring) else { return }
        write(text, to: STDERR_FILENO)
    }

    /// Mutes everything after; `lastWords` still goes to stderr.
    static func mute(lastWords: String) {
        muted.store(true, ordering: .releasing)
        write(lastWords, to: STDERR_FILENO)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    static var useColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
