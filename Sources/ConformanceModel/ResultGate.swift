/// Decides which failures a run forgives: those an expectations file lists, and those a baseline run had too.
///
/// A result worse than its expectation (a warning expected, a failure seen) is not forgiven; an expectation wins
/// over the baseline for the scenarios it lists.
public struct ResultGate: Sendable {
    public var expectations: FailureExpectations?
    /// The baseline report's verdicts by scenario id; a scenario it does not hold counts as passed.
    public var baseline: [String: ResultStatus]?
    /// The baseline report's path, for reasons and the report's `gate` record.
    public var baselineSource: String?

    public init(
        expectations: FailureExpectations? = nil, baseline: [String: ResultStatus]? = nil, baselineSource: String? = nil
    ) {
        self.expectations = expectations
        self.baseline = baseline
        self.baselineSource = baselineSource
    }

    /// Whether the gate changes anything at all.
    public var isEmpty: Bool { expectations == nil && baseline == nil }

    /// The triage of one result, or `nil` when its plain verdict stands.
    public func triage(_ result: ScenarioResult) -> Triage? {
        let now = result.status.severity
        if let expected = expectations?[result.id] {
            let expectedStatus = expected.status.resultStatus
            if result.status == .passed {
                return Triage(
                    kind: .unexpectedlyPassing, source: .expectations, expected: expectedStatus,
                    reason: expected.reason)
            }
            guard now > .none, now <= expectedStatus.severity else { return nil }
            return Triage(
                kind: .expectedFailure, source: .expectations, expected: expectedStatus, reason: expected.reason)
        }
        if let baseline {
            let before = baseline[result.id] ?? .passed
            guard now > .none, now <= before.severity else { return nil }
            let name = baselineSource ?? "the baseline"
            return Triage(
                kind: .expectedFailure, source: .baseline, expected: before,
                reason: "\(before.rawValue) in the baseline \(name) too")
        }
        return nil
    }
}
