/// The verdict of one scenario.
///
/// `failed` is a MUST miss, `warning` a SHOULD miss, `info` an observation; `notApplicable` means the probe
/// does not declare a capability the scenario needs and is never counted as passed; `error` means the harness
/// itself could not run the scenario.
public enum ResultStatus: String, Codable, Sendable, CaseIterable {
    case passed
    case failed
    case warning
    case info
    case skipped
    case notApplicable = "not-applicable"
    case error
}
