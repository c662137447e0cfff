import ConformanceModel
import Testing

@testable import ScenarioEngine

@Suite("Expectations files: known failures by scenario id, with typed errors")
struct ExpectationsFileTests {
    static let ids: Set<String> = ["init.error.reported", "trace.env-var.set"]

    func decode(_ yaml: String) throws(ExpectationsFileError) -> FailureExpectations {
        try ExpectationsFile.decode(yaml, file: "exp.yaml", catalogueIDs: Self.ids)
    }

    @Test("each entry carries its status and reason")
    func decodesEntries() throws {
        let expectations = try decode(
            "init.error.reported:\n  status: failed\n  reason: issue 7\ntrace.env-var.set:\n  status: warning\n"
                + "  reason: later\n")
        #expect(
            expectations["init.error.reported"] == .init(id: "init.error.reported", status: .failed, reason: "issue 7"))
        #expect(expectations["trace.env-var.set"]?.status == .warning)
        #expect(expectations.entries.count == 2)
    }

    @Test(
        "a bad entry names the file, the line and the cause",
        arguments: [
            ("other.id:\n  status: failed\n  reason: x\n", "exp.yaml:1: unknown scenario id 'other.id'"),
            (
                "init.error.reported:\n  status: broken\n  reason: x\n",
                "exp.yaml:2: 'init.error.reported': unknown status"
            ),
            ("init.error.reported:\n  status: failed\n", "exp.yaml:2: 'init.error.reported': missing reason"),
            (
                "init.error.reported:\n  status: failed\n  reason: x\n  owner: me\n",
                "exp.yaml:4: 'init.error.reported': unknown key 'owner'"
            ),
            ("- init.error.reported\n", "exp.yaml:1: expected a mapping"),
            ("init.error.reported: [\n", "exp.yaml:"),
        ])
    func rejectsBadEntries(yaml: String, message: String) {
        #expect {
            try decode(yaml)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("the gate forgives failures no worse than expected and flags expected failures that passed")
    func gateClassifies() {
        let gate = ResultGate(
            expectations: FailureExpectations(
                source: "exp.yaml", entries: [.init(id: "init.error.reported", status: .warning, reason: "r")]))
        func result(_ id: String, _ status: ResultStatus) -> ScenarioResult {
            let scenario = Scenario(
                id: id, title: "t", area: "init", level: .must, requirement: "", source: "", steps: [])
            return ScenarioResult(scenario: scenario, status: status, durationMs: 0, message: "")
        }
        #expect(gate.triage(result("init.error.reported", .warning))?.kind == .expectedFailure)
        #expect(gate.triage(result("init.error.reported", .failed)) == nil, "worse than expected is not forgiven")
        #expect(gate.triage(result("init.error.reported", .passed))?.kind == .unexpectedlyPassing)
        #expect(gate.triage(result("init.error.reported", .notApplicable)) == nil)
        #expect(gate.triage(result("trace.env-var.set", .failed)) == nil)

        let baseline = ResultGate(baseline: ["init.error.reported": .failed], baselineSource: "old.json")
        #expect(baseline.triage(result("init.error.reported", .failed))?.source == .baseline)
        #expect(baseline.triage(result("init.error.reported", .error)) == nil, "a harness error is worse")
        #expect(baseline.triage(result("trace.env-var.set", .failed)) == nil, "absent from the baseline: passed")
    }
}
