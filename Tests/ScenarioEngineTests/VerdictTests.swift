import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Scenario verdicts from checks")
struct VerdictTests {
    static let pass = CheckResult(
        description: "step 1: outcome", passed: true, expected: "response", actual: "response after 3 ms")
    static let firstMiss = CheckResult(description: "step 2: body", passed: false, expected: "1", actual: "2")
    static let secondMiss = CheckResult(
        description: "wire: answers-use-request-id", passed: false, expected: "x", actual: "y")

    static func verdict(_ level: Level, _ checks: [CheckResult]) -> ScenarioResult {
        ScenarioRunner.verdict(
            sampleScenario(level: level), checks: checks, durationMs: 12, exchanges: [], output: OutputCollector())
    }

    @Test(
        "A miss fails a MUST, warns on a SHOULD and is only information for INFO",
        arguments: [
            (Level.must, ResultStatus.failed), (.should, .warning), (.info, .info),
        ])
    func missByLevel(level: Level, status: ResultStatus) {
        let result = Self.verdict(level, [Self.pass, Self.firstMiss, Self.secondMiss])
        #expect(result.status == status)
        #expect(result.message == "step 2: body: expected 1, got 2")
        #expect(result.checks.count == 3)
        #expect(result.level == level)
    }

    @Test("All checks passing is passed for MUST and SHOULD, with an empty message", arguments: [Level.must, .should])
    func allPass(level: Level) {
        let result = Self.verdict(level, [Self.pass, Self.pass])
        #expect(result.status == .passed)
        #expect(result.message == "")
    }

    @Test("An INFO scenario whose checks pass reports what was observed")
    func infoObservations() {
        let usage = CheckResult(
            description: "wire: connection-usage", passed: true, expected: "any",
            actual: "4 requests on 1 connections (keep-alive)")
        let result = Self.verdict(.info, [Self.pass, usage])
        #expect(result.status == .info)
        #expect(
            result.message == "step 1: outcome: response after 3 ms; "
                + "wire: connection-usage: 4 requests on 1 connections (keep-alive)"
        )
    }

    @Test("The result carries the scenario's identity and the duration")
    func identity() {
        let result = Self.verdict(.must, [])
        #expect(result.status == .passed)
        #expect(result.id == "invocation.sample.case")
        #expect(result.area == "invocation")
        #expect(result.durationMs == 12)
    }
}
