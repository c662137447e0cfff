import ConformanceModel

/// Plays a scenario's steps in order against one environment, recording what each observed.
struct StepPlayer {
    let environment: ExecutionEnvironment

    /// Longest `wait` a scenario may ask for, so no scenario can stall a run.
    static let longestWaitMs = 10_000

    func play(_ steps: [Step]) async throws -> [StepRecord] {
        var records: [StepRecord] = []
        var invocations: [InvocationRecord] = []
        try await environment.initialize()
        for step in steps {
            switch step {
            case .initialization(let expectation):
                records.append(.initialization(expectation, environment.lastInit))
            case .invoke(let invocation, let expectation):
                let context = resolutionContext(after: invocations)
                let record = try await environment.invoke(invocation, resolve: context.resolve)
                if record.outcome == .response || record.outcome == .error {
                    await environment.settle()
                }
                invocations.append(record)
                records.append(.invoke(expectation, record))
            case .reset:
                await environment.stopProcess(reason: .killed)
                records.append(.other)
            case .wait(let milliseconds):
                try await Task.sleep(for: .milliseconds(min(milliseconds, Self.longestWaitMs)))
                records.append(.other)
            case .process(let expectation):
                records.append(.process(expectation, await observe(expectation)))
            }
        }
        await environment.settle()
        return records
    }

    private func observe(_ expectation: ProcessExpectation) async -> ProcessObservation {
        let within = min(expectation.withinMs ?? 1000, Self.longestWaitMs)
        if expectation.alive == false {
            _ = await environment.waitForExit(of: environment.processStart, until: ScenarioClock.after(ms: within))
        } else if expectation.alive == true {
            try? await Task.sleep(for: .milliseconds(within))
        }
        let observation = ProcessObservation(
            alive: environment.isProcessAlive,
            starts: environment.processStart,
            observedAtMs: environment.clock.elapsedMs
        )
        if !observation.alive { await environment.stopProcess(reason: nil) }
        return observation
    }

    /// Templates in `invoke.headers` may refer to earlier invocations (`{{previous.traceId}}`, `{{first.requestId}}`).
    private func resolutionContext(after invocations: [InvocationRecord]) -> TemplateContext {
        var context = TemplateContext(environment: environment.environmentVariables)
        for record in invocations {
            if let name = record.invocation.name { context.named[name] = TemplateContext.variables(of: record) }
        }
        if let first = invocations.first { context.named["first"] = TemplateContext.variables(of: first) }
        if let last = invocations.last { context.named["previous"] = TemplateContext.variables(of: last) }
        return context
    }
}
