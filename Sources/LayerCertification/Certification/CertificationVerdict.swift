import ConformanceModel

/// The certification rule: no MUST lint finding, the whole catalogue ran under `--strict` and passed (no
/// failure, warning or harness error), and no MUST scenario was skipped as not applicable (a probe cannot be
/// certified for what it does not claim to do). And the runtime ran in Lambda's view (`lambda` isolation): under
/// `process` isolation a runtime that writes to its code or ignores the memory limit still passes, so that run
/// certifies only when the author says so (`allowProcessIsolation`), and the manifest records it.
public enum CertificationVerdict {
    /// Reasons beyond this many are summarized in one line.
    static let maximumReasons = 12

    public static func decide(
        lint: LintReport, report: RunReport?, allowProcessIsolation: Bool = false
    ) -> (verdict: CertificationManifest.Verdict, reasons: [String]) {
        var reasons = lint.findings.filter { $0.level == .must }.map { finding in
            "lint \(finding.rule.rawValue) at \(finding.location): \(finding.message)"
        }
        guard let report else {
            reasons.append("The catalogue did not run: lint found a problem that stops the runtime from starting.")
            return (.notCertified, reasons)
        }
        if !report.strict { reasons.append("The catalogue ran without --strict.") }
        switch report.subject.environment?.isolation {
        case .lambda: break
        case .process where allowProcessIsolation: break
        case .process:
            reasons.append(
                "The catalogue ran in process isolation (not Lambda's file system, uid or limits); certify where "
                    + "bubblewrap runs, or pass --allow-process-isolation to certify there anyway.")
        case nil:
            reasons.append("The report does not say where the runtime ran (no environment): rerun certify.")
        }
        for result in report.results {
            let level = result.level.rawValue
            switch result.status {
            case .failed: reasons.append("\(result.id) (\(level)) failed: \(result.message)")
            case .warning: reasons.append("\(result.id) (\(level)) warned under --strict: \(result.message)")
            case .error: reasons.append("\(result.id) could not run: \(result.message)")
            case .notApplicable where result.level == .must:
                reasons.append("\(result.id) (MUST) is not applicable: \(result.message)")
            default: continue
            }
        }
        if reasons.count > maximumReasons {
            let more = reasons.count - maximumReasons
            reasons = Array(reasons.prefix(maximumReasons)) + ["… and \(more) more (see report.html)."]
        }
        return (reasons.isEmpty ? .certified : .notCertified, reasons)
    }
}
