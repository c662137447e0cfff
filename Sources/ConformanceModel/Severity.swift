/// How bad a verdict is, for comparing two runs of a scenario: a run only regresses when a scenario gets worse.
///
/// Passed, info, skipped and not-applicable are all `none` (nothing failed; coverage changes are not failures);
/// a harness error ranks above a failure so that a known failure cannot hide a broken run.
public enum Severity: Int, Comparable, Sendable {
    case none = 0
    case warning = 1
    case failure = 2
    case error = 3

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ResultStatus {
    public var severity: Severity {
        switch self {
        case .passed, .info, .skipped, .notApplicable: .none
        case .warning: .warning
        case .failed: .failure
        case .error: .error
        }
    }

    /// Whether this verdict fails a run by itself: failures and harness errors always, warnings under `--strict`.
    public func failsRun(strict: Bool) -> Bool {
        switch self {
        case .failed, .error: true
        case .warning: strict
        default: false
        }
    }
}
