import ConformanceModel

/// Per-level counts the badge, Markdown and console summaries share, so they always agree.
///
/// `applicable` leaves out `not-applicable` and `skipped` results: a runtime that declares no `stream`
/// capability is not credited with streaming, but it is not failing it either.
package struct LevelTally: Sendable, Hashable {
    package var level: Level
    package var counts: [ResultStatus: Int]

    package init(level: Level, results: [ScenarioResult]) {
        self.level = level
        var counts: [ResultStatus: Int] = [:]
        for result in results where result.level == level {
            counts[result.status, default: 0] += 1
        }
        self.counts = counts
    }

    package subscript(status: ResultStatus) -> Int { counts[status] ?? 0 }

    package var total: Int { counts.values.reduce(0, +) }
    package var passed: Int { self[.passed] }
    package var applicable: Int { total - self[.notApplicable] - self[.skipped] }

    /// Tallies for MUST, SHOULD and INFO, in that order.
    package static func all(_ results: [ScenarioResult]) -> [LevelTally] {
        Level.allCases.map { LevelTally(level: $0, results: results) }
    }
}

extension RunReport {
    /// The one-line verdict every format states the same way.
    package var verdictWord: String { runVerdict.word }

    /// Results grouped by area, areas in order of first appearance, results in report order.
    package var resultsByArea: [(area: String, results: [ScenarioResult])] {
        var order: [String] = []
        var groups: [String: [ScenarioResult]] = [:]
        for result in results {
            if groups[result.area] == nil { order.append(result.area) }
            groups[result.area, default: []].append(result)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// Whether a warning counts against the run (only under `--strict`).
    package func isFailure(_ result: ScenarioResult) -> Bool {
        switch result.status {
        case .failed, .error: true
        case .warning: strict
        default: false
        }
    }
}
