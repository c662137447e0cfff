import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("JUnit XML")
struct JUnitReportWriterTests {
    struct Parsed: Decodable {
        struct Case: Decodable {
            var classname: String
            var name: String
            var time: Double
            var result: String
            var message: String?
            var type: String?
            var text: String?
            var systemOut: String?
        }

        var tests: Int
        var failures: Int
        var errors: Int
        var skipped: Int
        var suites: [String]
        var properties: [String: String]
        var cases: [Case]
    }

    func parse(_ report: RunReport) throws -> Parsed {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write(JUnitReportWriter().render(report), named: "junit.xml")
        let output = try Python.run(Self.consumer, arguments: [path])
        try #require(output.status == 0, "junitparser failed (pip install junitparser): \(output.stderr)")
        return try JSONDecoder().decode(Parsed.self, from: Data(output.stdout.utf8))
    }

    @Test("junitparser reads one suite per area with the right counts")
    func countsAsJUnitParserSeesThem() throws {
        let parsed = try parse(SampleReport.make())
        #expect(parsed.suites == ["init", "invocation", "errors", "timeouts", "streaming", "environment"])
        #expect(parsed.tests == 11)
        #expect(parsed.failures == 2)
        #expect(parsed.errors == 1)
        #expect(parsed.skipped == 2)
        #expect(parsed.properties["subject"] == "swift-reference")
        #expect(parsed.properties["lambdaspec.version"] == LambdaSpecVersion.current)
        #expect(parsed.properties["strict"] == "false")
        #expect(parsed.properties["spec.runtime-api"] == "2018-06-01")
    }

    @Test("A failed MUST scenario is a failure carrying the requirement, expected/actual, message and source")
    func failureContent() throws {
        let parsed = try parse(SampleReport.make())
        let failure = try #require(parsed.cases.first { $0.name == "errors.error.reported [MUST]" })
        #expect(failure.classname == "errors")
        #expect(failure.result == "failure")
        #expect(failure.type == "MUST")
        #expect(failure.message == SampleReport.errorReported.requirement)
        #expect(failure.time == 1.503)
        let text = try #require(failure.text)
        #expect(text.contains("expected: 1 request"))
        #expect(text.contains("actual:   0 requests"))
        #expect(text.contains("message: the runtime posted the error to /response instead of /error"))
        #expect(text.contains("source: runtime-api.md §1"))
        #expect(failure.systemOut?.contains("GET /2018-06-01/runtime/invocation/next → 200 OK") == true)
    }

    @Test("Warnings pass unless strict; errors, skips and not-applicable map to their JUnit elements")
    func verdictMapping() throws {
        let lenient = try parse(SampleReport.make())
        let warning = try #require(lenient.cases.first { $0.name == "invocation.trace.unset [SHOULD]" })
        #expect(warning.result == "passed")
        #expect(warning.systemOut?.contains("kept the previous invocation's value") == true)
        #expect(lenient.cases.first { $0.name.hasPrefix("timeouts.invoke.killed") }?.result == "error")
        #expect(lenient.cases.first { $0.name.hasPrefix("streaming.") }?.result == "skipped")
        #expect(lenient.cases.first { $0.name.hasPrefix("streaming.") }?.message?.contains("'stream'") == true)
        #expect(lenient.cases.first { $0.name.hasPrefix("environment.memory") }?.result == "skipped")

        let strict = try parse(SampleReport.make(strict: true))
        #expect(strict.failures == 3)
        #expect(strict.properties["strict"] == "true")
        let strictWarning = try #require(strict.cases.first { $0.name == "invocation.trace.unset [SHOULD]" })
        #expect(strictWarning.result == "failure")
        #expect(strictWarning.type == "SHOULD")
    }

    @Test("Hostile runtime output stays well-formed XML 1.0 and keeps no illegal characters")
    func escaping() throws {
        let xml = JUnitReportWriter().render(SampleReport.make())
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(!xml.contains("<script>"))
        #expect(xml.contains("&lt;script&gt;alert('pwned')&lt;/script&gt;"))
        #expect(xml.contains(#"\x1B[31mred"#))
        let parsed = try parse(SampleReport.make())
        let hostile = try #require(parsed.cases.first { $0.name.hasPrefix("invocation.echo.unicode") })
        #expect(hostile.systemOut?.contains("<script>alert('pwned')</script>") == true)
    }

    /// Parses with junitparser (a real JUnit consumer), then re-checks the structure with a strict XML parser.
    static let consumer = #"""
        import json, sys
        import xml.etree.ElementTree as ET
        from junitparser import JUnitXml, Failure, Error, Skipped
        path = sys.argv[1]
        xml = JUnitXml.fromfile(path)
        tests = failures = errors = skipped = 0
        suites, cases, properties = [], [], {}
        for suite in xml:
            suites.append(suite.name)
            tests += suite.tests; failures += suite.failures; errors += suite.errors; skipped += suite.skipped
            for prop in suite.properties():
                properties[prop.name] = prop.value
            for case in suite:
                result, message, kind, text = "passed", None, None, None
                for r in case.result:
                    result = {Failure: "failure", Error: "error", Skipped: "skipped"}.get(type(r), "other")
                    message, kind, text = r.message, r.type, r.text
                cases.append({"classname": case.classname, "name": case.name, "time": case.time, "result": result,
                              "message": message, "type": kind, "text": text, "systemOut": case.system_out})
        root = ET.parse(path).getroot()
        assert root.tag == "testsuites"
        for suite in root:
            assert suite.tag == "testsuite", suite.tag
            assert {"name", "tests", "failures", "errors", "skipped", "time", "timestamp"} <= set(suite.attrib)
            assert int(suite.get("tests")) == len(suite.findall("testcase"))
            for case in suite.findall("testcase"):
                assert len([c for c in case if c.tag in ("failure", "error", "skipped")]) <= 1
        print(json.dumps({"tests": tests, "failures": failures, "errors": errors, "skipped": skipped,
                          "suites": suites, "properties": properties, "cases": cases}))
        """#
}
