import ConformanceModel

/// Checks one invocation's outcome, answer and output against its expectation.
struct InvocationJudge {
    let exchanges: [RecordedExchange]
    let logs: [LogLine]
    var processEvents: [ProcessEvent] = []
    let evaluator: MatcherEvaluator
    let label: String

    func checks(_ expectation: InvocationExpectation, _ record: InvocationRecord, windowEnd: Double?) -> [CheckResult] {
        var results: [CheckResult] = []
        if let outcomes = expectation.outcome {
            results.append(
                CheckResult(
                    description: "\(label): outcome",
                    passed: outcomes.contains(record.outcome),
                    expected: outcomes.map(\.rawValue).joined(separator: " or "),
                    actual: describe(record)
                )
            )
        }
        if let status = expectation.answerStatus {
            results.append(
                CheckResult(
                    description: "\(label): status the mock answered",
                    passed: record.answerStatus == status,
                    expected: "\(status)",
                    actual: record.answerStatus.map { "\($0)" } ?? "no answer"
                )
            )
        }
        if let reinit = expectation.reinit {
            results.append(
                CheckResult(
                    description: "\(label): \(reinit ? "fresh init" : "warm process")",
                    passed: record.reinit == reinit,
                    expected: reinit ? "a fresh init" : "the warm process",
                    actual: record.reinit
                        ? "a fresh init (start #\(record.processStart))"
                        : "the warm process (start #\(record.processStart))"
                )
            )
        }
        let answer = record.answerSequence.flatMap { sequence in exchanges.first { $0.sequence == sequence } }?.request
        if expectation.answer != nil || expectation.result != nil {
            results += RequestJudge(evaluator: evaluator).checks(
                expectation.answer ?? RequestMatcher(),
                answer,
                label: "\(label) answer",
                bodyMatcher: expectation.result
            )
        }
        for (stream, pattern) in [(LogLine.Stream.stdout, expectation.stdout), (.stderr, expectation.stderr)] {
            guard let pattern else { continue }
            let text = logs.filter {
                $0.stream == stream && $0.processStart == record.processStart && $0.atMs >= record.deliveredAtMs
                    && $0.atMs < (windowEnd ?? .infinity) && !$0.isOmission
            }.map(\.text).joined(separator: "\n")
            let mismatches = evaluator.mismatches(pattern.pattern, .string(text), path: "")
            results.append(
                CheckResult(
                    description: "\(label): \(stream.rawValue)",
                    passed: mismatches.isEmpty,
                    expected: MatcherEvaluator.describe(pattern.pattern),
                    actual: mismatches.first?.actual ?? "as expected"
                )
            )
        }
        return results
    }

    private func describe(_ record: InvocationRecord) -> String {
        switch record.outcome {
        case .response, .error:
            let ms = (record.answeredAtMs ?? record.deliveredAtMs) - record.deliveredAtMs
            return "\(record.outcome.rawValue) after \(Int(ms.rounded())) ms (status \(record.answerStatus ?? 0))"
        case .timeout: return "timeout: no answer before the deadline; process group killed"
        case .crash: return "crash: the process ended before answering" + (record.crashCause.map { " (\($0))" } ?? "")
        case .abandoned: return "abandoned: the runtime polled /next again without answering"
        case .notDelivered: return "not delivered: the runtime was not polling /next" + whyNotPolling(record)
        }
    }
}

extension InvocationJudge {
    /// How the runtime that should have polled ended — its init error, its exit, its last stderr line: the cause a
    /// user needs ("killed for exceeding the memory limit", "Read-only file system"), not only the symptom.
    func whyNotPolling(_ record: InvocationRecord) -> String {
        let start = record.initRecord?.processStart ?? record.processStart
        let cause = StartupCause.observe(start: start, exchanges: exchanges, events: processEvents, logs: logs)
        let text = cause.description
        return text.isEmpty ? "" : " (" + text + ")"
    }
}

/// Checks an init phase against its expectation.
struct InitJudge {
    let exchanges: [RecordedExchange]
    let evaluator: MatcherEvaluator

    func checks(_ expectation: InitExpectation, _ record: InitRecord?, label: String) -> [CheckResult] {
        guard let record else {
            return [
                CheckResult(description: "\(label): an init ran", passed: false, expected: "an init", actual: "none")
            ]
        }
        var results: [CheckResult] = []
        if let outcomes = expectation.outcome {
            results.append(
                CheckResult(
                    description: "\(label): init outcome",
                    passed: outcomes.contains(record.outcome),
                    expected: outcomes.map(\.rawValue).joined(separator: " or "),
                    actual: "\(record.outcome.rawValue) after \(Int(record.durationMs.rounded())) ms"
                )
            )
        }
        if let matcher = expectation.initError {
            let request = exchanges.first {
                $0.processStart == record.processStart && $0.request.path.hasSuffix("/runtime/init/error")
            }?.request
            results += RequestJudge(evaluator: evaluator).checks(matcher, request, label: "\(label) /init/error")
        }
        if let within = expectation.exitsWithinMs {
            let took = record.exitedAtMs.map { $0 - record.endedAtMs }
            results.append(
                CheckResult(
                    description: "\(label): process exits after the init ended",
                    passed: took.map { $0 <= Double(within) } ?? false,
                    expected: "exit within \(within) ms",
                    actual: took.map { "exited after \(Int($0.rounded())) ms" } ?? "did not exit; killed"
                )
            )
        }
        if let minimum = expectation.minDurationMs {
            results.append(
                CheckResult(
                    description: "\(label): init duration measured",
                    passed: record.durationMs >= Double(minimum),
                    expected: "at least \(minimum) ms",
                    actual: "\(Int(record.durationMs.rounded())) ms"
                )
            )
        }
        return results
    }
}
