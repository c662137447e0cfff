import ConformanceModel
import MockRuntimeAPI

/// Turns what was recorded during a scenario into check results. Pure: no waiting, no I/O.
struct Judge {
    let exchanges: [RecordedExchange]
    let logs: [LogLine]
    let environment: [String: String]
    /// Starts, exits and kills of the runtime, so a failure can name how the process ended.
    var processEvents: [ProcessEvent] = []

    func checks(for records: [StepRecord]) -> [CheckResult] {
        var results: [CheckResult] = []
        var named: [String: [String: JSONValue]] = [:]
        var previous: [String: JSONValue]?
        var first: [String: JSONValue]?
        let invocationRecords = records.compactMap { record -> InvocationRecord? in
            if case .invoke(_, let invocation) = record { return invocation }
            return nil
        }
        for (index, record) in records.enumerated() {
            var context = TemplateContext(named: named, environment: environment)
            if let previous { context.named["previous"] = previous }
            if let first { context.named["first"] = first }
            switch record {
            case .invoke(let expectation, let invocation):
                let variables = TemplateContext.variables(of: invocation)
                context.current = variables
                let label = "step \(index + 1) (\(Self.describeEvent(invocation.invocation)))"
                let nextDelivery = invocationRecords.first { $0.deliveredAtMs > invocation.deliveredAtMs }?
                    .deliveredAtMs
                results += InvocationJudge(
                    exchanges: exchanges,
                    logs: logs,
                    processEvents: processEvents,
                    evaluator: MatcherEvaluator(context: context),
                    label: label
                ).checks(expectation, invocation, windowEnd: nextDelivery)
                if let name = invocation.invocation.name { named[name] = variables }
                if first == nil { first = variables }
                previous = variables
            case .initialization(let expectation, let initRecord):
                results += InitJudge(exchanges: exchanges, evaluator: MatcherEvaluator(context: context))
                    .checks(expectation, initRecord, label: "step \(index + 1) (init)")
            case .process(let expectation, let observation):
                results += Self.processChecks(expectation, observation, label: "step \(index + 1) (process)")
            case .other:
                continue
            }
        }
        return results
    }

    static func processChecks(
        _ expectation: ProcessExpectation, _ observation: ProcessObservation, label: String
    ) -> [CheckResult] {
        var results: [CheckResult] = []
        if let alive = expectation.alive {
            let within = expectation.withinMs.map { " within \($0) ms" } ?? ""
            results.append(
                CheckResult(
                    description: "\(label): runtime process \(alive ? "keeps running" : "exits")\(within)",
                    passed: observation.alive == alive,
                    expected: alive ? "running" : "exited\(within)",
                    actual: observation.alive ? "still running" : "exited"
                )
            )
        }
        if let starts = expectation.starts {
            results.append(
                CheckResult(
                    description: "\(label): bootstrap started \(starts) time(s)",
                    passed: observation.starts == starts,
                    expected: "\(starts)",
                    actual: "\(observation.starts)"
                )
            )
        }
        return results
    }

    static func describeEvent(_ invocation: Invocation) -> String {
        if let op = invocation.event?["op"]?.stringValue { return "invoke \(op)" }
        if let bytes = invocation.echoBytes { return "invoke echo \(bytes) bytes" }
        return "invoke"
    }
}

/// Applies a `RequestMatcher` to one recorded request.
struct RequestJudge {
    let evaluator: MatcherEvaluator

    func checks(
        _ matcher: RequestMatcher, _ request: RecordedRequest?, label: String, bodyMatcher: Matcher? = nil
    ) -> [CheckResult] {
        guard let request else {
            return [
                CheckResult(description: "\(label): request sent", passed: false, expected: "a request", actual: "none")
            ]
        }
        var results: [CheckResult] = []
        func add(_ what: String, _ mismatches: [MatcherEvaluator.Mismatch], expected: String) {
            if mismatches.isEmpty {
                results.append(
                    CheckResult(
                        description: "\(label): \(what)", passed: true, expected: expected, actual: "as expected"))
            }
            for mismatch in mismatches {
                let path = mismatch.path.isEmpty ? what : "\(what) \(mismatch.path)"
                results.append(
                    CheckResult(
                        description: "\(label): \(path)", passed: false, expected: mismatch.expected,
                        actual: mismatch.actual))
            }
        }
        for (name, pattern) in (matcher.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
            let actual = request.headers.first(name).map(JSONValue.string)
            add(
                "header \(name)", evaluator.mismatches(pattern.pattern, actual, path: ""),
                expected: MatcherEvaluator.describe(pattern.pattern))
        }
        for (name, pattern) in (matcher.trailers ?? [:]).sorted(by: { $0.key < $1.key }) {
            let actual = (request.trailers ?? []).first(name).map(JSONValue.string)
            add(
                "trailer \(name)", evaluator.mismatches(pattern.pattern, actual, path: ""),
                expected: MatcherEvaluator.describe(pattern.pattern))
        }
        for pattern in [matcher.body, bodyMatcher].compactMap({ $0 }) {
            let parsed = JSONValue.parse(request.body)
            var mismatches = evaluator.mismatches(pattern.pattern, parsed, path: "")
            if parsed == nil {
                mismatches = [
                    .init(
                        path: "", expected: "a JSON body",
                        actual: "not JSON: " + MatcherEvaluator.describe(.string(request.bodyText)))
                ]
            }
            add("body", mismatches, expected: MatcherEvaluator.describe(pattern.pattern))
        }
        if let pattern = matcher.bodyText {
            add(
                "body text", evaluator.mismatches(pattern.pattern, .string(request.bodyText), path: ""),
                expected: MatcherEvaluator.describe(pattern.pattern))
        }
        if let size = matcher.bodySize {
            results.append(
                CheckResult(
                    description: "\(label): body size", passed: request.body.count == size, expected: "\(size) bytes",
                    actual: "\(request.body.count) bytes")
            )
        }
        if let chunked = matcher.chunked {
            results.append(
                CheckResult(
                    description: "\(label): chunked transfer encoding",
                    passed: request.chunked == chunked,
                    expected: chunked ? "chunked" : "not chunked",
                    actual: request.chunked ? "chunked" : "not chunked"
                )
            )
        }
        return results
    }
}
