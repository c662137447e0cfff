import ConformanceModel
import ConformanceReports
import ConformanceTestSupport
import Foundation
import Testing

@Suite("TAP")
struct TAPReportWriterTests {
    /// The test points of a TAP stream, with the diagnostics lines that follow each.
    struct Point {
        var line: String
        var yaml: [String]
    }

    func points(_ tap: String) throws -> [Point] {
        var points: [Point] = []
        var inYAML = false
        for line in tap.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2) where !line.isEmpty {
            if line == "  ---" {
                inYAML = true
            } else if line == "  ..." {
                inYAML = false
            } else if inYAML {
                try #require(line.hasPrefix("  "), "YAML lines are indented two spaces: \(line)")
                points[points.count - 1].yaml.append(String(line.dropFirst(2)))
            } else {
                try #require(line.hasPrefix("ok ") || line.hasPrefix("not ok "), "unexpected line: \(line)")
                points.append(Point(line: String(line), yaml: []))
            }
        }
        #expect(!inYAML, "every YAML block is closed")
        return points
    }

    @Test("The stream has a version line, a plan and one numbered test point per scenario")
    func structure() throws {
        let report = SampleReport.make()
        let tap = TAPReportWriter().render(report)
        let lines = tap.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "TAP version 13")
        #expect(lines[1] == "1..11")
        #expect(lines.last == "")
        let parsed = try points(tap)
        #expect(parsed.count == 11)
        for (index, point) in parsed.enumerated() {
            let id = report.results[index].id
            let prefix = point.line.hasPrefix("ok") ? "ok" : "not ok"
            #expect(point.line.hasPrefix("\(prefix) \(index + 1) - \(id) [\(report.results[index].level.rawValue)] "))
        }
    }

    @Test("TAP 14 is the same stream under its own version line")
    func versionFourteen() {
        let report = SampleReport.make()
        let thirteen = TAPReportWriter().render(report)
        let fourteen = TAPReportWriter(version: .fourteen).render(report)
        #expect(fourteen.hasPrefix("TAP version 14\n"))
        #expect(fourteen.dropFirst("TAP version 14".count) == thirteen.dropFirst("TAP version 13".count))
    }

    @Test(
        "prove, Debian's TAP harness, reads every test point and YAML block without a parse error",
        .enabled(if: ProveHarness.path != nil, "prove is not installed (Debian: package perl)"))
    func proveReadsTheStream() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let report = SampleReport.make()
        let path = try scratch.write(TAPReportWriter().render(report), named: "report.tap")
        let outcome = try ProveHarness.run(path)
        // The sample holds MUST failures and a harness error, so prove fails the file, but only for those.
        #expect(outcome.status != 0)
        #expect(!outcome.output.contains("Parse errors"), "\(outcome.output)")
        #expect(outcome.output.contains("Tests: \(report.results.count)"), "\(outcome.output)")
        #expect(outcome.output.contains("Failed: 3"), "\(outcome.output)")
    }

    @Test("Verdicts map to ok, not ok, SKIP and TODO")
    func verdicts() throws {
        let parsed = try points(TAPReportWriter().render(SampleReport.make()))
        #expect(parsed[0].line == "ok 1 - init.polls-next [MUST] Runtime polls /next after init")
        #expect(parsed[1].line == "not ok 2 - init.error.reported [MUST] Init failure is posted to /runtime/init/error")
        #expect(parsed[4].line.hasPrefix("not ok 5 - invocation.trace.unset [SHOULD] "))
        #expect(parsed[4].line.hasSuffix(" # TODO _X_AMZN_TRACE_ID kept the previous invocation's value"))
        #expect(parsed[7].line.hasPrefix("not ok 8 - timeouts.invoke.killed [MUST]"))
        #expect(parsed[8].line.hasSuffix(" # SKIP the probe does not declare capability 'stream'"))
        #expect(parsed[9].line.hasPrefix("ok 10 - environment.tmp.kept [INFO]"))
        #expect(parsed[10].line.hasSuffix(" # SKIP excluded by --skip environment.memory.*"))
        #expect(parsed.filter { $0.line.hasPrefix("ok") }.allSatisfy { $0.yaml.isEmpty })

        let strict = try points(TAPReportWriter().render(SampleReport.make(strict: true)))
        #expect(
            strict[4].line
                == "not ok 5 - invocation.trace.unset [SHOULD] "
                + "_X_AMZN_TRACE_ID is unset when an invocation has no trace header"
        )
        #expect(!strict[4].line.contains("# TODO"))
    }

    @Test("Failures carry message, requirement, source, expected and actual as YAML")
    func diagnostics() throws {
        let parsed = try points(TAPReportWriter().render(SampleReport.make()))
        let yaml = parsed[1].yaml
        #expect(yaml.contains(#"message: "Lambda-Runtime-Function-Error-Type header missing on /runtime/init/error""#))
        #expect(yaml.contains("severity: fail"))
        #expect(yaml.contains(#"requirement: "The runtime init failure is posted to /runtime/init/error.""#))
        #expect(yaml.contains(where: { $0.hasPrefix("source: \"runtime-api.md") }))
        #expect(yaml.contains(#"expected: "Probe.InitFailed""#))
        #expect(yaml.contains(#"actual: "(absent)""#))
        let twoChecks = parsed[6].yaml
        #expect(twoChecks.contains("failed_checks:"))
        #expect(twoChecks.filter { $0.hasPrefix("  - check: ") }.count == 2)
        #expect(parsed[7].yaml.contains("severity: error"))
    }

    @Test("YAML blocks parse as YAML with the values intact")
    func yamlParses() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write(TAPReportWriter().render(SampleReport.make()), named: "report.tap")
        let script = """
            import sys, yaml, json
            blocks, current = [], None
            for line in open(sys.argv[1], encoding="utf-8").read().split("\\n"):
                if line == "  ---":
                    current = []
                elif line == "  ...":
                    blocks.append(yaml.safe_load("\\n".join(current)))
                    current = None
                elif current is not None:
                    current.append(line[2:])
            print(json.dumps([[b["severity"], b.get("expected"), b.get("actual")] for b in blocks]))
            """
        let output = try Python.run(script, arguments: [path])
        try #require(output.status == 0, "\(output.stderr)")
        let blocks = try JSONDecoder().decode([[String?]].self, from: Data(output.stdout.utf8))
        #expect(blocks.count == 4)
        #expect(blocks[0] == ["fail", "Probe.InitFailed", "(absent)"])
        #expect(blocks[1] == ["warning", "null", #""Root=1-5759e988-bd862e3fe1be46a994272793""#])
        #expect(blocks[3] == ["error", nil, nil])
    }

    @Test("# and \\ in descriptions are escaped")
    func escaping() throws {
        let parsed = try points(TAPReportWriter().render(SampleReport.make()))
        #expect(parsed[3].line.hasSuffix(##"Echo keeps unicode, escapes and markup (\#5 \\ raw)"##))
    }
}
