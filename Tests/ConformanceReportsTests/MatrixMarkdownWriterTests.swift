import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("Matrix as Markdown")
struct MatrixMarkdownWriterTests {
    static var matrix: MatrixReport {
        var shell = SampleReport.make(
            results: SampleReport.allResults.map { result in
                var copy = result
                if copy.status != .notApplicable && copy.status != .skipped { copy.status = .passed }
                return copy
            },
            name: "shell-reference")
        shell.subject.path = "Runtimes/shell"
        return MatrixReport(reports: [SampleReport.make(), shell])
    }

    @Test("Counts each runtime's verdicts per level between markers, one row per runtime")
    func counts() throws {
        let lines = MatrixMarkdownWriter().render(Self.matrix).split(separator: "\n").map(String.init)
        let begin = try #require(lines.firstIndex(of: MatrixMarkdownWriter.countsBegin))
        let end = try #require(lines.firstIndex(of: MatrixMarkdownWriter.countsEnd))
        #expect(
            Array(lines[(begin + 3)..<end]) == [
                "| swift-reference | FAILED | 3/6 | 1/2 | 1 | 3 | 1 | 2 |",
                "| shell-reference | PASSED | 6/6 | 2/2 | · | · | · | 2 |",
            ])
    }

    @Test("Lists every failure and warning with its level and source, and every scenario's verdict per runtime")
    func notPassedAndScenarios() {
        let markdown = MatrixMarkdownWriter().render(Self.matrix)
        #expect(
            markdown.contains(
                "| swift-reference | `errors.error.reported` | MUST | FAIL | runtime-api.md §1; AWS Lambda Developer "
                    + "Guide › Using the Lambda runtime API |"))
        #expect(markdown.contains("| swift-reference | `invocation.trace.unset` | SHOULD | WARN |"))
        #expect(!markdown.contains("| shell-reference | `errors.error.reported`"))
        #expect(markdown.contains("| `errors.error.reported` | MUST | FAIL | PASS |"))
        #expect(markdown.contains("| `streaming.response.chunked` | MUST | N/A | N/A |"))
    }

    @Test("Holds no dates or durations, so the same verdicts give the same text")
    func stable() {
        var later = SampleReport.make()
        later.startedAt = SampleReport.startedAt.addingTimeInterval(86_400)
        later.durationMs = 99
        let writer = MatrixMarkdownWriter()
        #expect(
            writer.render(MatrixReport(reports: [later])) == writer.render(MatrixReport(reports: [SampleReport.make()]))
        )
        #expect(!writer.render(Self.matrix).contains("2026"))
    }
}
