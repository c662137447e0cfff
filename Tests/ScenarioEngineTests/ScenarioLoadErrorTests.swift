import ConformanceModel
import Foundation
import Testing

@testable import ScenarioEngine

/// A scenario file the loader must refuse, and the words its error must contain (the key path first).
struct BrokenScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let mentions: [String]

    var testDescription: String { name }
}

@Suite("Loader errors name the file and the key path")
struct ScenarioLoadErrorTests {
    static let broken: [BrokenScenario] = [
        BrokenScenario(name: "missing id", yaml: scenarioYAML(id: nil), mentions: ["missing required key 'id'"]),
        BrokenScenario(name: "unknown level", yaml: scenarioYAML(level: "MAYBE"), mentions: ["level:", "'MAYBE'"]),
        BrokenScenario(
            name: "unknown top-level key",
            yaml: scenarioYAML(header: "capabilites: [echo]"),
            mentions: ["capabilites: unknown key 'capabilites'"]
        ),
        BrokenScenario(
            name: "a step with two actions",
            yaml: scenarioYAML(steps: "  - {reset: {}, wait: 100}"),
            mentions: ["steps[0]:", "exactly one of", "reset", "wait"]
        ),
        BrokenScenario(
            name: "a step with no action",
            yaml: scenarioYAML(steps: "  - expect: {outcome: response}"),
            mentions: ["steps[0]:", "exactly one of"]
        ),
        BrokenScenario(
            name: "an unknown step key",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n  - invok: {event: {op: echo}}"),
            mentions: ["steps[1].invok: unknown key 'invok'", "invoke"]
        ),
        BrokenScenario(
            name: "an unknown key in expect",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {outcom: response}"),
            mentions: ["steps[0].expect.outcom: unknown key 'outcom'"]
        ),
        BrokenScenario(
            name: "an unknown key in an answer matcher",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {answer: {header: {}}}"),
            mentions: ["steps[0].expect.answer.header: unknown key 'header'"]
        ),
        BrokenScenario(
            name: "an unknown key in a fault",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}, fault: {nextDelay: 10}}"),
            mentions: ["steps[0].invoke.fault.nextDelay: unknown key"]
        ),
        BrokenScenario(
            name: "an unknown key in the environment",
            yaml: scenarioYAML(header: "environment: {timeoutMs: 100}"),
            mentions: ["environment.timeoutMs: unknown key"]
        ),
        BrokenScenario(
            name: "expect next to a step that is not an invoke",
            yaml: scenarioYAML(steps: "  - wait: 100\n    expect: {outcome: response}"),
            mentions: ["steps[0].expect:", "belongs to an invoke step"]
        ),
        BrokenScenario(
            name: "an unknown outcome",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {outcome: respone}"),
            mentions: ["steps[0].expect.outcome:", "unknown value 'respone'", "not-delivered"]
        ),
        BrokenScenario(
            name: "an unknown outcome in a list",
            yaml: scenarioYAML(steps: "  - init: {outcome: [ready, crashed]}"),
            mentions: ["steps[0].init.outcome[1]:", "unknown value 'crashed'", "init-error"]
        ),
        BrokenScenario(
            name: "an id with capitals",
            yaml: scenarioYAML(id: "Invocation.Echo"),
            mentions: ["id 'Invocation.Echo'", "area.behaviour"]
        ),
        BrokenScenario(name: "an id with one segment", yaml: scenarioYAML(id: "echo"), mentions: ["id 'echo'"]),
        BrokenScenario(
            name: "an id with an empty segment", yaml: scenarioYAML(id: "errors..x"), mentions: ["id 'errors..x'"]),
        BrokenScenario(
            name: "an area that is not the id's first segment",
            yaml: scenarioYAML(id: "invocation.echo", header: "area: errors"),
            mentions: ["area 'errors'", "invocation.echo"]
        ),
        BrokenScenario(
            name: "an unknown capability",
            yaml: scenarioYAML(header: "capabilities: [echo, teleport]"),
            mentions: ["capabilities[1]: unknown capability 'teleport'", "echo"]
        ),
        BrokenScenario(
            name: "an unknown wire check",
            yaml: scenarioYAML(header: "checks: [answers-use-request-id, answers-are-fast]"),
            mentions: ["checks[1]", "answers-are-fast"]
        ),
        BrokenScenario(
            name: "an unknown operator deep inside a matcher",
            yaml: scenarioYAML(
                steps: """
                      - invoke: {event: {op: echo}}
                        expect: {result: {a: {b: [1, {$regex: "x+"}]}}}
                    """),
            mentions: ["steps[0].expect.result.a.b[1].$regex: unknown matcher operator '$regex'", "$matches"]
        ),
        BrokenScenario(
            name: "an unknown operator inside $not in a header matcher",
            yaml: scenarioYAML(
                steps: """
                      - invoke: {event: {op: echo}}
                        expect: {answer: {headers: {X-Thing: {$not: {$exist: true}}}}}
                    """),
            mentions: ["steps[0].expect.answer.headers.X-Thing.$not.$exist: unknown matcher operator"]
        ),
        BrokenScenario(
            name: "an unknown operator in the init error matcher",
            yaml: scenarioYAML(steps: "  - init: {initError: {body: {errorType: {$equals: x}}}}"),
            mentions: ["steps[0].init.initError.body.errorType.$equals: unknown matcher operator"]
        ),
        BrokenScenario(
            name: "operators mixed with plain keys",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {$exists: true, a: 1}}"),
            mentions: ["steps[0].expect.result: mixes matcher operators ($exists) with plain keys (a)"]
        ),
        BrokenScenario(
            name: "an unknown $type name",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {n: {$type: integer}}}"),
            mentions: ["steps[0].expect.result.n.$type: unknown type 'integer'", "number"]
        ),
        BrokenScenario(
            name: "an invalid regular expression",
            yaml: scenarioYAML(
                steps: "  - invoke: {event: {op: echo}}\n    expect: {stdout: {$matches: \"(unclosed\"}}"),
            mentions: ["steps[0].expect.stdout.$matches: invalid regular expression"]
        ),
        BrokenScenario(
            name: "$between without two bounds",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {$between: [1]}}"),
            mentions: ["steps[0].expect.result.$between: $between takes [low, high]"]
        ),
        BrokenScenario(
            name: "$in without a list",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {$in: x}}"),
            mentions: ["steps[0].expect.result.$in: $in takes a list"]
        ),
        BrokenScenario(
            name: "a misspelt template variable",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {r: \"{{requestID}}\"}}"),
            mentions: ["steps[0].expect.result.r: template {{requestID}}: unknown variable", "requestId"]
        ),
        BrokenScenario(
            name: "previous before any invocation",
            yaml: scenarioYAML(
                steps: "  - invoke: {event: {op: echo}}\n    expect: {result: {$ne: \"{{previous.traceId}}\"}}"),
            mentions: ["steps[0].expect.result.$ne: template {{previous.traceId}}", "none ran before"]
        ),
        BrokenScenario(
            name: "a label no earlier step defines",
            yaml: scenarioYAML(
                steps: """
                      - invoke: {event: {op: echo}}
                      - invoke: {name: later, event: {op: echo}}
                        expect: {result: "{{later.requestId}}"}
                    """),
            mentions: ["steps[1].expect.result: template {{later.requestId}}: no earlier invoke step is named 'later'"]
        ),
        BrokenScenario(
            name: "a header template naming the invocation being sent",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}, headers: {clientContext: \"{{traceId}}\"}}"),
            mentions: ["steps[0].invoke.headers.clientContext: template {{traceId}} names the current invocation"]
        ),
        BrokenScenario(
            name: "functionTimeoutMs below the range",
            yaml: scenarioYAML(header: "environment: {functionTimeoutMs: 10}"),
            mentions: ["environment.functionTimeoutMs must be between 50 and 60000"]
        ),
        BrokenScenario(
            name: "functionTimeoutMs above the range",
            yaml: scenarioYAML(header: "environment: {functionTimeoutMs: 600000}"),
            mentions: ["environment.functionTimeoutMs must be between 50 and 60000"]
        ),
        BrokenScenario(
            name: "initTimeoutMs out of range",
            yaml: scenarioYAML(header: "environment: {initTimeoutMs: 0}"),
            mentions: ["environment.initTimeoutMs must be between 50 and 60000"]
        ),
        BrokenScenario(
            name: "an invocation's own functionTimeoutMs out of range",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}, functionTimeoutMs: 5}"),
            mentions: ["steps[0].invoke.functionTimeoutMs must be between 50 and 60000"]
        ),
        BrokenScenario(
            name: "two event sources in one invoke",
            yaml: scenarioYAML(steps: "  - invoke: {event: {op: echo}, echoBytes: 100}"),
            mentions: ["steps[0].invoke: give only one of event, rawEvent, echoBytes"]
        ),
        BrokenScenario(
            name: "no steps", yaml: scenarioYAML(steps: "  []"), mentions: ["steps: a scenario needs at least one step"]
        ),
        BrokenScenario(
            name: "a wrong value type",
            yaml: scenarioYAML(steps: "  - wait: soon"),
            mentions: ["steps[0].wait:"]
        ),
        BrokenScenario(
            name: "YAML that does not parse",
            yaml: "id: [unclosed\n",
            mentions: ["not valid YAML", "line 1, column 5", "did not find expected ',' or ']'"]
        ),
        BrokenScenario(
            name: "a JSON-style surrogate pair, which YAML does not accept (write \\U0001F600)",
            yaml: scenarioYAML(steps: #"  - invoke: {event: {op: echo, payload: "\ud83d\ude00"}}"#),
            mentions: ["not valid YAML", "invalid Unicode character escape code"]
        ),
    ]

    @Test("A broken scenario is refused with the file name and the key path in the message", arguments: broken)
    func refused(_ broken: BrokenScenario) throws {
        let error = try #require(loadError(broken.yaml, file: "Conformance/sample/bad.yaml"))
        #expect(error.file == "Conformance/sample/bad.yaml")
        #expect(error.description.hasPrefix("Conformance/sample/bad.yaml: "))
        for mention in broken.mentions {
            #expect(error.message.contains(mention), "\(error.message)")
        }
    }

    @Test("The sample every broken case starts from loads, so each case fails only for its own reason")
    func sampleLoads() {
        #expect(loadError(scenarioYAML()) == nil)
    }

    @Test("Two files with the same id: the second is refused, naming the first")
    func duplicateIDs() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lambdaspec-duplicate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for area in ["alpha", "beta"] {
            let directory = folder.appendingPathComponent(area)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try scenarioYAML(id: "invocation.same.id")
                .write(to: directory.appendingPathComponent("same.yaml"), atomically: true, encoding: .utf8)
        }
        try "not a scenario".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        do {
            let scenarios = try ScenarioCatalogue.load(directory: folder.path)
            Issue.record("loaded \(scenarios.map(\.id)) despite the duplicate")
        } catch {
            #expect(error.file.hasSuffix("beta/same.yaml"))
            #expect(error.message.contains("id invocation.same.id is already used by"))
            #expect(error.message.contains("alpha/same.yaml"))
        }
    }

    @Test("A folder of distinct scenarios loads sorted by id, skipping files that are not YAML")
    func folderLoadsSorted() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lambdaspec-sorted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try scenarioYAML(id: "zeta.last").write(
            to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try scenarioYAML(id: "alpha.first")
            .write(to: folder.appendingPathComponent("nested/z.yaml"), atomically: true, encoding: .utf8)
        try "ignored".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try ScenarioCatalogue.load(directory: folder.path).map(\.id) == ["alpha.first", "zeta.last"])
    }

    @Test("A folder without scenario files, or a missing one, is refused by name")
    func emptyFolder() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lambdaspec-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ScenarioLoadError.self) { try ScenarioCatalogue.load(directory: folder.path) }
        do {
            _ = try ScenarioCatalogue.load(directory: folder.path)
        } catch {
            #expect(error.description == "\(folder.path): holds no scenario files (*.yaml)")
        }
        do {
            _ = try ScenarioCatalogue.load(file: folder.path + "/missing.yaml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.file == folder.path + "/missing.yaml")
        }
    }
}
