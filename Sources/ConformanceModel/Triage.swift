/// How a scenario's verdict compares with what the team expected of it (an expectations file or a baseline).
///
/// Attached to a result only when it differs from a plain verdict: an expected failure does not fail the run, an
/// expected failure that now passes is worth a look (and fails the run under `--strict`).
public struct Triage: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// It failed no worse than expected.
        case expectedFailure = "expected-failure"
        /// An expectations file says it fails, and it passed.
        case unexpectedlyPassing = "unexpectedly-passing"
    }

    /// Where the expectation came from.
    public enum Source: String, Codable, Sendable {
        case expectations
        case baseline
    }

    public var kind: Kind
    public var source: Source
    /// The verdict the expectations file or the baseline gave.
    public var expected: ResultStatus
    /// The expectations file's reason, or which baseline report had the same failure.
    public var reason: String

    public init(kind: Kind, source: Source, expected: ResultStatus, reason: String) {
        self.kind = kind
        self.source = source
        self.expected = expected
        self.reason = reason
    }

    /// `expected failure`, `unexpectedly passing`: the words every report uses.
    public var label: String {
        switch kind {
        case .expectedFailure: "expected failure"
        case .unexpectedlyPassing: "unexpectedly passing"
        }
    }
}
