import ConformanceModel

/// Runs scenarios in parallel, each in its own environment, reporting each result as it completes.
public struct CatalogueRunner: Sendable {
    public let subject: Subject
    public let jobs: Int

    public init(subject: Subject, jobs: Int) {
        self.subject = subject
        self.jobs = max(1, jobs)
    }

    /// Results come back in catalogue order; `onResult` sees them in completion order, for live progress.
    public func run(
        _ scenarios: [Scenario],
        onResult: @escaping @Sendable (ScenarioResult) -> Void = { _ in }
    ) async -> [ScenarioResult] {
        let runner = ScenarioRunner(subject: subject)
        var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
        await withTaskGroup(of: (Int, ScenarioResult).self) { group in
            var nextIndex = 0
            func startNext() {
                guard nextIndex < scenarios.count else { return }
                let index = nextIndex
                nextIndex += 1
                group.addTask { (index, await runner.run(scenarios[index])) }
            }
            for _ in 0..<min(jobs, scenarios.count) { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                onResult(result)
                startNext()
            }
        }
        return results.compactMap { $0 }
    }
}
