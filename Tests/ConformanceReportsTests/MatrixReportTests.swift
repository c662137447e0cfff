import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("Matrix across runs")
struct MatrixReportTests {
    /// Two runs of the same runtime (before/after a fix) and one other runtime.
    static var runs: [RunReport] {
        let before = SampleReport.make()
        var fixed = SampleReport.allResults
        fixed[1].status = .passed  // init.error.reported fixed
        fixed[1].message = ""
        fixed[6].status = .passed  // errors.error.reported fixed
        fixed[6].message = ""
        fixed[2].status = .failed  // invocation.echo.large regressed
        fixed[2].message = "the response body was cut at 6291000 bytes"
        fixed.remove(at: 9)  // environment.tmp.kept not run
        var after = SampleReport.make(results: fixed)
        after.startedAt = SampleReport.startedAt.addingTimeInterval(86_400)
        var shellResults = SampleReport.allResults.map { result -> ScenarioResult in
            var copy = result
            if copy.status != .notApplicable && copy.status != .skipped {
                copy.status = .passed
                copy.message = ""
            }
            return copy
        }
        shellResults.append(
            SampleReport.result(
                "extensions.register", "Extensions register before init completes", area: "extensions", level: .should,
                status: .warning, durationMs: 12, message: "no extension registered"
            ))
        var shell = SampleReport.make(results: shellResults, name: "shell-reference")
        shell.subject.path = "Runtimes/shell"
        return [before, after, shell]
    }

    @Test("Rows are the union of scenarios grouped by area; columns are the runs")
    func matrix() {
        let matrix = MatrixReport(reports: Self.runs)
        #expect(
            matrix.columns.map(\.label) == [
                "swift-reference · 2026-09-01 12:00:00 UTC", "swift-reference · 2026-09-02 12:00:00 UTC",
                "shell-reference",
            ])
        #expect(matrix.rows.count == 12)
        #expect(
            matrix.rowsByArea.map(\.area) == [
                "init", "invocation", "errors", "timeouts", "streaming", "environment", "extensions",
            ])
        let tmp = matrix.rows.first { $0.id == "environment.tmp.kept" }
        #expect(tmp?.cells.map { $0?.status } == [.info, nil, .passed])
        #expect(matrix.changes == nil, "three reports: no before/after")
    }

    @Test("Two reports of the same subject list exactly the scenarios whose verdict changed")
    func changes() throws {
        let matrix = MatrixReport(reports: Array(Self.runs.prefix(2)))
        let changes = try #require(matrix.changes)
        #expect(
            changes.map(\.id) == [
                "init.error.reported", "invocation.echo.large", "errors.error.reported", "environment.tmp.kept",
            ])
        #expect(changes.map(\.before) == [.failed, .passed, .failed, .info])
        #expect(changes.map(\.after) == [.passed, .failed, .passed, nil])
        #expect(changes[0].message == "Lambda-Runtime-Function-Error-Type header missing on /runtime/init/error")
        #expect(changes[1].message == "the response body was cut at 6291000 bytes")
    }

    @Test("Reports of different subjects get no what-changed section")
    func differentSubjects() {
        let runs = Self.runs
        #expect(MatrixReport(reports: [runs[0], runs[2]]).changes == nil)
    }

    @Test("The matrix HTML is self-contained, escaped, and shows the changes")
    func html() {
        let html = MatrixHTMLWriter().render(MatrixReport(reports: Array(Self.runs.prefix(2))))
        for pattern in ["<link", "<script", "@import", "url(", "src="] {
            #expect(!html.contains(pattern), "found \(pattern)")
        }
        #expect(html.contains("What changed"))
        #expect(html.contains("4 scenarios changed"))
        #expect(
            html.contains(
                #"<span class="chip st-failed" title="the runtime posted the error to /response instead of /error">"#
                    + "FAIL</span>"
            ))
        #expect(html.contains("&lt;iframe onload=alert(1)&gt;"))
        #expect(!html.contains("<iframe"))
        let three = MatrixHTMLWriter().render(MatrixReport(reports: Self.runs))
        #expect(!three.contains("What changed"))
        #expect(three.contains("shell-reference"))
    }

    @Test("load(paths:) reads JSON reports and names the file that is not one")
    func load() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let writer = JSONReportWriter()
        let a = try scratch.write(try writer.render(Self.runs[0]), named: "a.json")
        let b = try scratch.write(try writer.render(Self.runs[1]), named: "b.json")
        let loaded = try MatrixReport.load(paths: [a, b])
        #expect(loaded.changes?.count == 4)

        let notJSON = try scratch.write("<html>", named: "report.html")
        let other = try scratch.write(#"{"schemaVersion": 1, "tool": {"name": "h2spec"}}"#, named: "other.json")
        let future = try scratch.write(#"{"schemaVersion": 2, "tool": {"name": "lambdaspec"}}"#, named: "future.json")
        let broken = try scratch.write(
            #"{"schemaVersion": 1, "tool": {"name": "lambdaspec", "version": "0.1.0"}}"#, named: "broken.json")
        let missing = scratch.url.appendingPathComponent("missing.json").path
        #expect(throws: ReportLoadError(path: notJSON, reason: .notJSON)) {
            try MatrixReport.load(paths: [a, notJSON])
        }
        #expect(throws: ReportLoadError(path: other, reason: .notALambdaspecReport)) {
            try MatrixReport.load(paths: [other])
        }
        #expect(throws: ReportLoadError(path: future, reason: .unsupportedSchemaVersion(2))) {
            try MatrixReport.load(paths: [future])
        }
        do {
            _ = try MatrixReport.load(paths: [broken])
            Issue.record("expected a malformed report error")
        } catch let error as ReportLoadError {
            #expect(error.path == broken)
            #expect(error.description.hasPrefix("\(broken): a lambdaspec report, but it does not decode: missing"))
        }
        do {
            _ = try MatrixReport.load(paths: [missing])
            Issue.record("expected an unreadable error")
        } catch let error as ReportLoadError {
            #expect(error.description.hasPrefix("\(missing): cannot read the file"))
        }
        #expect(
            ReportLoadError(path: future, reason: .unsupportedSchemaVersion(2)).description
                == "\(future): report schemaVersion 2 is not supported (this lambdaspec reads 1)")
    }
}
