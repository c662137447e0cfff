import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("JSON report")
struct JSONReportWriterTests {
    @Test("The report validates against docs/report.schema.json with a real JSON Schema validator")
    func validatesAgainstSchema() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let report = try scratch.write(try JSONReportWriter().render(SampleReport.make()), named: "report.json")
        let schema = PackageRoot.url.appendingPathComponent("docs/report.schema.json").path
        let output = try Python.run(Self.validator, arguments: [schema, report])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("valid"))
    }

    @Test("The schema rejects an unknown status and an unknown field, so it is not vacuous")
    func schemaIsStrict() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let data = try JSONReportWriter().render(SampleReport.make())
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var results = try #require(object["results"] as? [[String: Any]])
        results[0]["status"] = "sort-of-passed"
        results[1]["surprise"] = true
        object["results"] = results
        let mutated = try scratch.write(try JSONSerialization.data(withJSONObject: object), named: "bad.json")
        let schema = PackageRoot.url.appendingPathComponent("docs/report.schema.json").path
        let output = try Python.run(Self.validator, arguments: [schema, mutated])
        #expect(output.status == 1)
        #expect(output.stdout.contains("sort-of-passed"))
        #expect(output.stdout.contains("surprise"))
    }

    @Test("Keys are sorted, output is indented and dates are ISO-8601")
    func formatting() throws {
        let text = String(decoding: try JSONReportWriter().render(SampleReport.make()), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"durationMs\" : 12437.5,\n  \"results\" : ["))
        #expect(text.contains("\"startedAt\" : \"2026-09-01T12:00:00Z\""))
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"status\" : \"not-applicable\""))
    }

    @Test("A 6 MB body is stored as a preview with its full size")
    func largeBodyIsPreviewed() throws {
        let data = try JSONReportWriter().render(SampleReport.make())
        #expect(data.count < 1_000_000)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"bodySize\" : \(SampleReport.sixMegabytes)"))
        #expect(text.contains("\"bodyTruncated\" : true"))
    }

    @Test("A written report reads back with the same verdicts and summary")
    func roundTrip() throws {
        let report = SampleReport.make(strict: true)
        let decoded = try JSONReportWriter.decoder.decode(RunReport.self, from: try JSONReportWriter().render(report))
        #expect(decoded.summary == report.summary)
        #expect(decoded.results.map(\.status) == report.results.map(\.status))
        #expect(decoded.startedAt == report.startedAt)
        #expect(decoded.strict)
        let hostile = try #require(decoded.results.first { $0.id == "invocation.echo.unicode" })
        #expect(hostile.exchanges[1].request.bodyText.contains(SampleReport.hostile))
        #expect(hostile.exchanges[2].request.body == [0xFF, 0xFE, 0x00, 0x01, 0x80, 0x41, 0x42])
    }

    /// Validates argv[2] against the schema in argv[1]; prints every error path and message.
    static let validator = #"""
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        instance = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator.check_schema(schema)
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
        validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path), error.message)
        if errors:
            sys.exit(1)
        print("valid")
        """#
}
