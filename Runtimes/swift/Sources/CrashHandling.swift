#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A crash ends the runtime at once, as Lambda expects of a dying process: Swift's backtracer would first spend
/// 0.3–1 s symbolicating (it installs its signal handlers before `main`, so setting `SWIFT_BACKTRACE` here comes
/// too late for this process), enough to overrun a 1 s function timeout and turn a crash into a timeout.
enum CrashHandling {
    /// The signals Swift's backtracer catches.
    static let signals: [Int32] = [SIGQUIT, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGSEGV, SIGTRAP]

    /// Puts the default (fatal) handlers back and sets `SWIFT_BACKTRACE=enable=no` for anything the runtime starts;
    /// a function configured with `SWIFT_BACKTRACE=enable=yes…` keeps its backtraces.
    static func disableBacktracer() {
        if let setting = ProcessEnvironment.value("SWIFT_BACKTRACE"), setting.contains("enable=yes") { return }
        ProcessEnvironment.set("SWIFT_BACKTRACE", to: "enable=no")
        for signalNumber in signals { signal(signalNumber, SIG_DFL) }
    }
}
