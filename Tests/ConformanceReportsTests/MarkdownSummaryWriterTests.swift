import ConformanceModel
import ConformanceReports
import Testing

@Suite("GitHub step summary")
struct MarkdownSummaryWriterTests {
    @Test("States the verdict, tabulates counts per level and lists what needs attention")
    func content() {
        let markdown = MarkdownSummaryWriter().render(SampleReport.make())
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines[0] == "## ❌ lambdaspec: swift-reference FAILED")
        #expect(lines.contains("| MUST | 3 | 2 | · | 1 | · | 1 | · | 7 |"))
        #expect(lines.contains("| SHOULD | 1 | · | 1 | · | · | · | 1 | 3 |"))
        #expect(lines.contains("| INFO | · | · | · | · | 1 | · | · | 1 |"))
        #expect(markdown.contains("### Needs attention"))
        #expect(markdown.contains("`errors.error.reported`"))
        #expect(markdown.contains("the runtime posted the error to /response instead of /error"))
        #expect(markdown.contains("⚠️ WARN"))
        #expect(!markdown.contains("init.polls-next"))
    }

    @Test("Runtime text cannot add Markdown or HTML structure")
    func escaping() {
        var hostile = SampleReport.errorReported
        hostile.message = "a | b <script>x</script> **bold** [link](javascript:alert(1))\nsecond line"
        let markdown = MarkdownSummaryWriter().render(SampleReport.make(results: [hostile]))
        #expect(!markdown.contains("<script>"))
        #expect(
            markdown.contains(
                "a \\| b &lt;script&gt;x&lt;/script&gt; \\*\\*bold\\*\\* "
                    + "\\[link\\](javascript:alert(1))\\\\x0Asecond line"
            ))
    }

    @Test("A clean run says so")
    func clean() {
        let markdown = MarkdownSummaryWriter().render(SampleReport.make(results: [SampleReport.pollsNext]))
        #expect(markdown.hasPrefix("## ✅ lambdaspec: swift-reference PASSED"))
        #expect(markdown.contains("All 1 scenarios passed or did not apply."))
    }
}
