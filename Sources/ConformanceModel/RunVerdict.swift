/// What a run amounts to, for a CI gate: a green run must never hide an untested runtime.
public enum RunVerdict: String, Codable, Sendable, Hashable {
    /// Every applicable MUST passed (under `--strict` every SHOULD too) and every MUST scenario ran.
    case passed
    /// A MUST failed, a harness error occurred, or (under `--strict`) a SHOULD warned.
    case failed
    /// Nothing failed, but some MUST scenarios did not run (not applicable: the probe does not claim the
    /// capability), so the run is no evidence for them. A failure under `--strict`, as in `certify`.
    case incomplete

    /// The word the console, TAP and badge print.
    public var word: String { rawValue.uppercased() }
}

extension RunReport {
    /// MUST scenarios that were not applicable to this probe.
    public var mustNotRun: Int { summary.byLevel[Level.must.rawValue]?[ResultStatus.notApplicable.rawValue] ?? 0 }

    /// `failed` before `incomplete`: a failure is the more urgent news. (`verdict` stores it in report.json.)
    public var runVerdict: RunVerdict {
        if !passed { return .failed }
        return mustNotRun > 0 ? .incomplete : .passed
    }

    /// Whether the run should exit 0: passed, or incomplete without `--strict`.
    public var succeeds: Bool { runVerdict == .passed || (runVerdict == .incomplete && !strict) }
}
