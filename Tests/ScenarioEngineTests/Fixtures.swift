import ConformanceModel
import Foundation
import Testing

@testable import ScenarioEngine

/// JSON from a literal in a test; a typo in the literal is reported as a test issue rather than crashing.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    guard let value = JSONValue.parse(text) else {
        Issue.record("not JSON: \(text)", sourceLocation: sourceLocation)
        return .null
    }
    return value
}

/// The base64 text of a UTF-8 string, as a runtime would put in a trailer.
func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

/// The loader's error for `yaml`, or `nil` when it loads.
func loadError(_ yaml: String, file: String = "bad.yaml") -> ScenarioLoadError? {
    do {
        _ = try ScenarioCatalogue.decode(yaml, file: file)
        return nil
    } catch {
        return error
    }
}

/// A small valid scenario; `header` adds top-level keys, `steps` replaces the steps block.
func scenarioYAML(
    id: String? = "invocation.sample.case",
    level: String = "MUST",
    header: String = "",
    steps: String = """
      - invoke: {event: {op: echo, payload: 1}}
        expect: {outcome: response}
    """
) -> String {
    var lines = [
        "title: A sample scenario",
        "level: \(level)",
        "requirement: The runtime does the sample thing.",
        "source: \"runtime-api.md §1\"",
    ]
    if let id { lines.insert("id: \(id)", at: 0) }
    if !header.isEmpty { lines.append(header) }
    lines.append("steps:")
    lines.append(steps)
    return lines.joined(separator: "\n") + "\n"
}

/// A scenario value for judge and verdict tests.
func sampleScenario(level: Level = .must) -> Scenario {
    Scenario(
        id: "invocation.sample.case",
        title: "A sample scenario",
        area: "invocation",
        level: level,
        requirement: "The runtime does the sample thing.",
        source: "runtime-api.md §1",
        steps: [.reset]
    )
}

/// One invocation as the engine would have recorded it.
func invocationRecord(
    _ outcome: InvocationOutcome = .response,
    name: String? = nil,
    event: String = #"{"op":"echo","payload":1}"#,
    sent: [String: String] = [:],
    deliveredAtMs: Double = 10,
    answeredAtMs: Double? = 25,
    answerStatus: Int? = 202,
    answerSequence: Int? = nil,
    reinit: Bool = false,
    processStart: Int = 1
) -> InvocationRecord {
    InvocationRecord(
        invocation: Invocation(name: name, event: json(event)),
        requestID: sent["requestId"] ?? "req-1",
        sent: sent,
        deadlineMs: 1_700_000_001_500,
        deliveredAtMs: deliveredAtMs,
        deliveredEpochMs: 1_700_000_000_000,
        answeredAtMs: answeredAtMs,
        answeredEpochMs: answeredAtMs.map { 1_700_000_000_000 + Int64($0 - deliveredAtMs) },
        outcome: outcome,
        answerStatus: answerStatus,
        answerSequence: answerSequence,
        reinit: reinit,
        processStart: processStart
    )
}

/// Where the real scenario catalogue lives, found from this file: Tests/ScenarioEngineTests → ../../Conformance.
let conformanceDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Conformance").path
