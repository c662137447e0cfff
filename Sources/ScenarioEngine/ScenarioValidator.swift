import ConformanceModel

/// Checks what decoding cannot: id shape, known capabilities and matcher operators, sensible timeouts.
enum ScenarioValidator {
    static func validate(_ scenario: Scenario, file: String) throws(ScenarioLoadError) {
        func fail(_ message: String) -> ScenarioLoadError { ScenarioLoadError(file: file, message: message) }
        let segments = scenario.id.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count >= 2, segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        else {
            throw fail("id '\(scenario.id)' must look like area.behaviour[.detail] in lower-case kebab segments")
        }
        guard scenario.area == String(segments[0]) else {
            throw fail("area '\(scenario.area)' must be the first segment of the id '\(scenario.id)'")
        }
        for capability in scenario.capabilities where !ProbeManifest.allCapabilities.contains(capability) {
            throw fail("unknown capability '\(capability)'; known: \(ProbeManifest.allCapabilities.joined(separator: ", "))")
        }
        if scenario.steps.isEmpty { throw fail("steps: a scenario needs at least one step") }
        let settings = scenario.environment
        if settings.functionTimeoutMs < 50 || settings.functionTimeoutMs > 60_000 {
            throw fail("environment.functionTimeoutMs must be between 50 and 60000")
        }
        if settings.initTimeoutMs < 50 || settings.initTimeoutMs > 60_000 {
            throw fail("environment.initTimeoutMs must be between 50 and 60000")
        }
        for (index, step) in scenario.steps.enumerated() {
            for matcher in matchers(in: step) {
                if let unknown = unknownOperator(in: matcher.pattern) {
                    throw fail("steps[\(index)]: unknown matcher operator '\(unknown)'")
                }
            }
        }
    }

    private static func matchers(in step: Step) -> [Matcher] {
        func requestMatchers(_ matcher: RequestMatcher?) -> [Matcher] {
            guard let matcher else { return [] }
            return Array((matcher.headers ?? [:]).values) + Array((matcher.trailers ?? [:]).values)
                + [matcher.body, matcher.bodyText].compactMap { $0 }
        }
        switch step {
        case .invoke(_, let expectation):
            return requestMatchers(expectation.answer)
                + [expectation.result, expectation.stdout, expectation.stderr].compactMap { $0 }
        case .initialization(let expectation):
            return requestMatchers(expectation.initError)
        default:
            return []
        }
    }

    private static func unknownOperator(in pattern: JSONValue) -> String? {
        switch pattern {
        case .object(let object):
            for (key, value) in object {
                if key.hasPrefix("$"), !MatcherEvaluator.operators.contains(key) { return key }
                if let inner = unknownOperator(in: value) { return inner }
            }
            return nil
        case .array(let values):
            return values.lazy.compactMap(unknownOperator).first
        default:
            return nil
        }
    }
}
