import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("HTML report")
struct HTMLReportWriterTests {
    let html = HTMLReportWriter().render(SampleReport.make())

    @Test("The file is self-contained: no stylesheet, script, import or url() is fetched")
    func selfContained() throws {
        for pattern in ["<link", "<script src", "@import", "url(", "<img", "<iframe", "src="] {
            #expect(!html.contains(pattern), "found \(pattern)")
        }
        #expect(html.components(separatedBy: "<script").count == 2, "exactly one inline script")
        #expect(html.contains("default-src 'none'"))
        // The only http(s) reference allowed would come from runtime data; the sample has none.
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test("Runtime data is escaped: <script> from a runtime is text, control characters are visible")
    func escapesRuntimeData() {
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"))
        #expect(!html.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        let ctl = { (escape: String) in #"<span class="ctl">\#(escape)</span>"# }
        #expect(
            html.contains(
                "\(ctl("\\x1B"))[31mred\(ctl("\\x1B"))[0m bell\(ctl("\\x07")) nul\(ctl("\\x00")) del\(ctl("\\x7F"))"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("&lt;iframe onload=alert(1)&gt;"))
    }

    @Test("A 6 MB body appears as its size and a preview; the file stays well under 1 MB")
    func largeBodies() {
        #expect(html.utf8.count < 1_000_000)
        #expect(html.contains("6.0 MB, first 2.0 KB shown"))
        #expect(html.contains("… truncated"))
        #expect(html.contains("ff fe 00 01 80 41 42"), "binary bodies are hex-dumped")
    }

    @Test("The header names the subject, versions, date, duration, counts and verdict")
    func header() {
        #expect(html.contains("<h1>swift-reference</h1>"))
        #expect(html.contains("Runtimes/swift"))
        #expect(html.contains("probe.handler"))
        #expect(html.contains("layers/swift-runtime-2.3.0.zip"))
        #expect(html.contains("2026-09-01 12:00:00 UTC"))
        #expect(html.contains("12.44 s"))
        #expect(html.contains(#"<div class="verdict fail">"#))
        #expect(html.contains(#"<span class="word">FAILED</span>"#))
        #expect(html.contains("MUST 3/6 passed · SHOULD 1/2 passed"))
        #expect(html.contains(">\(LambdaSpecVersion.current)<"))
    }

    @Test("Scenarios are grouped by area, one <details> each, with checks, wire log, process events and output")
    func scenarios() {
        #expect(html.components(separatedBy: "<details class=\"scenario").count == 12)
        for area in ["init", "invocation", "errors", "timeouts", "streaming", "environment"] {
            #expect(html.contains(#"<section class="area" id="area-\#(area)">"#))
        }
        #expect(html.contains(#"id="errors.error.reported" data-status="failed" data-attention>"#))
        #expect(html.contains("<th>Expected</th>"))
        #expect(html.contains(#"<span class="method">POST</span> /2018-06-01/runtime/init/error HTTP/1.1"#))
        #expect(html.contains(#"HTTP/1.1 <span class="code">202</span> Accepted"#))
        #expect(html.contains("No response: the connection closed before the mock answered."))
        #expect(html.contains("Malformed request: invalid header token"))
        #expect(html.contains(#"<span class="k">invoke-timeout</span>"#))
        #expect(html.contains(#"<div class="log stderr">"#))
        #expect(!html.contains(" open>"), "collapsed by default")
    }

    @Test("Body text inside <pre> is not re-indented by the template engine")
    func preformattedBodies() {
        let expected =
            "<pre class=\"body\">{\n  &quot;errorType&quot;: &quot;Probe.InitFailed&quot;,\n"
            + "  &quot;errorMessage&quot;: &quot;boom&quot;\n}</pre>"
        #expect(html.contains(expected))
    }

    @Test("expandFailures opens exactly the scenarios that fail the run")
    func expanded() {
        let open = HTMLReportWriter(expandFailures: true).render(SampleReport.make())
        #expect(open.components(separatedBy: " open>").count == 4)
        let strict = HTMLReportWriter(expandFailures: true).render(SampleReport.make(strict: true))
        #expect(strict.components(separatedBy: " open>").count == 5)
    }

    @Test("The content security policy allows exactly the inline script, by hash")
    func scriptHash() throws {
        let script = try #require(
            html.range(of: "<script>").flatMap { start in
                html.range(of: "</script>", range: start.upperBound..<html.endIndex).map {
                    html[start.upperBound..<$0.lowerBound]
                }
            })
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write(String(script), named: "script.js")
        let output = try Python.run(
            "import base64, hashlib, sys; "
                + "print(base64.b64encode(hashlib.sha256(open(sys.argv[1], 'rb').read()).digest()).decode())",
            arguments: [path]
        )
        let hash = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(html.contains("script-src 'sha256-\(hash)'"), "update HTMLAssets.scriptHash to sha256-\(hash)")
    }

    @Test("Writes sample reports for a visual check when LAMBDASPEC_SAMPLE_HTML_DIR is set")
    func sample() throws {
        guard let directory = ProcessInfo.processInfo.environment["LAMBDASPEC_SAMPLE_HTML_DIR"] else { return }
        let url = URL(fileURLWithPath: directory)
        try html.write(to: url.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        try HTMLReportWriter(expandFailures: true).render(SampleReport.make())
            .write(to: url.appendingPathComponent("report-open.html"), atomically: true, encoding: .utf8)
        let matrix = MatrixReport(reports: MatrixReportTests.runs)
        try MatrixHTMLWriter().render(matrix).write(
            to: url.appendingPathComponent("matrix.html"), atomically: true, encoding: .utf8)
        let report = SampleReport.make()
        try JUnitReportWriter().render(report).write(
            to: url.appendingPathComponent("junit.xml"), atomically: true, encoding: .utf8)
        try TAPReportWriter().render(report).write(
            to: url.appendingPathComponent("report.tap"), atomically: true, encoding: .utf8)
        try MarkdownSummaryWriter().render(report)
            .write(to: url.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8)
        let console = ConsoleReporter(useColor: true)
        let lines = report.results.enumerated().map { console.progressLine(for: $1, index: $0 + 1, total: 11) }
        try (lines + ["", console.summary(of: report)]).joined(separator: "\n")
            .write(to: url.appendingPathComponent("console.txt"), atomically: true, encoding: .utf8)
        let diff = MatrixReport(reports: Array(MatrixReportTests.runs.prefix(2)))
        try MatrixHTMLWriter().render(diff).write(
            to: url.appendingPathComponent("diff.html"), atomically: true, encoding: .utf8)
    }
}
