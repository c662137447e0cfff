/// One entry of an expectations file: a scenario a team knows fails, how it fails, and why.
public struct ExpectedFailure: Sendable, Hashable {
    /// The verdicts a scenario can be expected to have; passing needs no entry.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case failed
        case warning
        case error

        public var resultStatus: ResultStatus {
            switch self {
            case .failed: .failed
            case .warning: .warning
            case .error: .error
            }
        }
    }

    public var id: String
    public var status: Status
    /// Why it fails (an issue link, a decision); shown wherever the expected failure is reported.
    public var reason: String

    public init(id: String, status: Status, reason: String) {
        self.id = id
        self.status = status
        self.reason = reason
    }
}

/// The known failures of a runtime, by scenario id, as an expectations file lists them.
public struct FailureExpectations: Sendable, Hashable {
    /// The file they came from, as given on the command line; recorded in the report.
    public var source: String
    public var entries: [String: ExpectedFailure]

    public init(source: String, entries: [ExpectedFailure]) {
        self.source = source
        self.entries = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> ExpectedFailure? { entries[id] }
}
