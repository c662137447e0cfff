import ConformanceModel

/// Runs scenarios in parallel, each in its own environment, reporting each result as it completes.
public struct CatalogueRunner: Sendable {
    public let subject: Subject
    public let jobs: Int
    /// Start no new scenario once a MUST scenario failed (`--fail-fast`); those left are reported as skipped.
    public let failFast: Bool

    public init(subject: Subject, jobs: Int, failFast: Bool = false) {
        self.subject = subject
        self.jobs = max(1, jobs)
        self.failFast = failFast
    }

    /// Results come back in catalogue order; `onResult` sees them in completion order, for live progress.
    public func run(
        _ scenarios: [Scenario],
        onResult: @escaping @Sendable (ScenarioResult) -> Void = { _ in }
    ) async -> [ScenarioResult] {
        let runner = ScenarioRunner(subject: subject)
        var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
        var stoppedBy: ScenarioResult?
        await withTaskGroup(of: (Int, ScenarioResult).self) { group in
            var nextIndex = 0
            func startNext() {
                guard nextIndex < scenarios.count, stoppedBy == nil else { return }
                let index = nextIndex
                nextIndex += 1
                group.addTask { (index, await runner.run(scenarios[index])) }
            }
            for _ in 0..<min(jobs, scenarios.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                onResult(result)
                if failFast, stoppedBy == nil, result.level == .must, result.status == .failed { stoppedBy = result }
                startNext()
            }
        }
        if let stoppedBy {
            for (index, scenario) in scenarios.enumerated() where results[index] == nil {
                let skipped = ScenarioResult(
                    scenario: scenario, status: .skipped, durationMs: 0,
                    message: "not run: --fail-fast stopped the run after \(stoppedBy.id) failed")
                results[index] = skipped
                onResult(skipped)
            }
        }
        return results.compactMap { $0 }
    }
}
