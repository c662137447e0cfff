#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide state a runtime touches: environment variables and the two standard streams.
///
/// Lambda configures a runtime through its environment, and the runtime in turn configures the handler through it
/// (`_X_AMZN_TRACE_ID`), so these are plain `getenv`/`setenv` calls. Lines go out with `write(2)` instead of stdio:
/// stdout is a pipe under Lambda, and a buffered log line could still sit in memory when the process exits or
/// crashes.
enum ProcessEnvironment {
    enum Stream {
        case standardOutput
        case standardError

        var fileDescriptor: Int32 {
            switch self {
            case .standardOutput: STDOUT_FILENO
            case .standardError: STDERR_FILENO
            }
        }
    }

    /// The value of an environment variable, or nil if it is not set.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Sets a variable, or removes it for `nil`, so a stale value can never outlive the invocation it belonged to.
    static func set(_ name: String, to value: String?) {
        if let value {
            setenv(name, value, 1)
        } else {
            unsetenv(name)
        }
    }

    /// Writes `text` and a newline to a standard stream in one `write(2)` call where possible.
    static func writeLine(_ text: String, to stream: Stream) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(stream.fileDescriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // the reader went away; there is nobody left to tell
            }
        }
    }

    /// Logs a diagnostic of the runtime itself on stderr, where Lambda collects it with the function's logs.
    static func log(_ message: String) {
        writeLine("[swift-runtime] \(message)", to: .standardError)
    }
}
