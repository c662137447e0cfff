import ConformanceModel

/// Checks what decoding cannot: id shape, known capabilities, sensible timeouts, and matchers and templates that
/// would otherwise only misbehave (or silently pass) once a runtime is running.
enum ScenarioValidator {
    /// Accepted function and init timeouts, in milliseconds.
    static let timeoutRange = 50...60_000

    static func validate(_ scenario: Scenario, file: String) throws(ScenarioLoadError) {
        func fail(_ message: String) -> ScenarioLoadError { ScenarioLoadError(file: file, message: message) }
        let segments = scenario.id.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count >= 2,
            segments.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
        else {
            throw fail("id '\(scenario.id)' must look like area.behaviour[.detail] in lower-case kebab segments")
        }
        guard scenario.area == String(segments[0]) else {
            throw fail("area '\(scenario.area)' must be the first segment of the id '\(scenario.id)'")
        }
        for (index, capability) in scenario.capabilities.enumerated()
        where !ProbeManifest.allCapabilities.contains(capability) {
            let known = ProbeManifest.allCapabilities.joined(separator: ", ")
            throw fail("capabilities[\(index)]: unknown capability '\(capability)'; known: \(known)")
        }
        if scenario.steps.isEmpty { throw fail("steps: a scenario needs at least one step") }
        let settings = scenario.environment
        if !timeoutRange.contains(settings.functionTimeoutMs) {
            throw fail("environment.functionTimeoutMs must be between 50 and 60000")
        }
        if !timeoutRange.contains(settings.initTimeoutMs) {
            throw fail("environment.initTimeoutMs must be between 50 and 60000")
        }
        var rules = MatcherRules(scenario: scenario)
        for (index, step) in scenario.steps.enumerated() {
            if let problem = problem(in: step, path: "steps[\(index)]", rules: rules) { throw fail(problem) }
            if case .invoke(let invocation, _) = step { rules.invocationPlayed(name: invocation.name) }
        }
    }

    /// The first problem of one step, as `path: what is wrong`.
    private static func problem(in step: Step, path: String, rules: MatcherRules) -> String? {
        switch step {
        case .invoke(let invocation, let expectation):
            let sources = [invocation.event != nil, invocation.rawEvent != nil, invocation.echoBytes != nil]
            if sources.filter({ $0 }).count > 1 {
                return "\(path).invoke: give only one of event, rawEvent, echoBytes"
            }
            if let timeout = invocation.functionTimeoutMs, !timeoutRange.contains(timeout) {
                return "\(path).invoke.functionTimeoutMs must be between 50 and 60000"
            }
            // Header templates are resolved before delivery, so they can only name earlier invocations.
            for (name, value) in (invocation.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let problem = rules.problem(in: value, path: "\(path).invoke.headers.\(name)", current: false) {
                    return problem
                }
            }
            let matchers =
                requestMatchers(expectation.answer, path: "\(path).expect.answer")
                + [("result", expectation.result), ("stdout", expectation.stdout), ("stderr", expectation.stderr)]
                .compactMap { key, matcher in matcher.map { ("\(path).expect.\(key)", $0) } }
            return matchers.lazy.compactMap { rules.problem(in: $1.pattern, path: $0, current: true) }.first
        case .initialization(let expectation):
            return requestMatchers(expectation.initError, path: "\(path).init.initError").lazy
                .compactMap { rules.problem(in: $1.pattern, path: $0, current: false) }.first
        case .wait(let milliseconds) where milliseconds < 0:
            return "\(path).wait must not be negative"
        default:
            return nil
        }
    }

    /// The matchers of a request expectation, each with its key path.
    private static func requestMatchers(_ matcher: RequestMatcher?, path: String) -> [(String, Matcher)] {
        guard let matcher else { return [] }
        func sorted(_ matchers: [String: Matcher]?, _ key: String) -> [(String, Matcher)] {
            (matchers ?? [:]).sorted { $0.key < $1.key }.map { ("\(path).\(key).\($0.key)", $0.value) }
        }
        return sorted(matcher.headers, "headers") + sorted(matcher.trailers, "trailers")
            + [("body", matcher.body), ("bodyText", matcher.bodyText)]
            .compactMap { key, matcher in matcher.map { ("\(path).\(key)", $0) } }
    }
}
