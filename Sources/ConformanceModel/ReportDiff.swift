/// What changed between two runs of the same runtime, scenario by scenario, ranked by `Severity`.
///
/// A regression is a scenario that got worse and whose new verdict fails the new run (a warning only under
/// `--strict`); a scenario absent from the old run counts as passed there, so a new failing scenario regresses.
public struct ReportDiff: Sendable {
    public enum Direction: String, Sendable {
        case better
        case worse
        /// Same severity, another verdict (passed → not applicable), or a scenario only one run has.
        case changed
    }

    public struct Change: Sendable, Hashable {
        public var id: String
        public var level: Level
        /// `nil` when that run did not include the scenario.
        public var before: ResultStatus?
        public var after: ResultStatus?
        public var direction: Direction
        public var regression: Bool
        /// The new run's message (the old one's when the scenario is gone).
        public var message: String
    }

    public var changes: [Change]

    public init(old: RunReport, new: RunReport) {
        let oldResults = Dictionary(old.results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newResults = Dictionary(new.results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ids = Set(oldResults.keys).union(newResults.keys).sorted()
        changes = ids.compactMap { id in
            let before = oldResults[id]
            let after = newResults[id]
            guard before?.status != after?.status, let any = after ?? before else { return nil }
            let was = before?.status.severity ?? .none
            let now = after?.status.severity ?? .none
            let direction: Direction =
                after == nil || before == nil && now == .none
                ? .changed : now > was ? .worse : now < was ? .better : .changed
            let regression = direction == .worse && (after?.status.failsRun(strict: new.strict) ?? false)
            return Change(
                id: id, level: any.level, before: before?.status, after: after?.status, direction: direction,
                regression: regression, message: any.message)
        }
    }

    public var regressions: [Change] { changes.filter(\.regression) }
}
