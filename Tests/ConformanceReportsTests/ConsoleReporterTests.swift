import ConformanceModel
import ConformanceReports
import Testing

@Suite("Console reporter")
struct ConsoleReporterTests {
    @Test("A progress line shows position, verdict, id, level and duration; failures add their message")
    func progressLines() {
        let console = ConsoleReporter(useColor: false)
        #expect(
            console.progressLine(for: SampleReport.pollsNext, index: 3, total: 11)
                == "[ 3/11] ✓ PASS  init.polls-next MUST · 41 ms")
        let failed = console.progressLine(for: SampleReport.errorReported, index: 7, total: 11)
        #expect(
            failed
                == "[ 7/11] ✗ FAIL  errors.error.reported MUST · 1.50 s\n"
                + "        ↳ the runtime posted the error to /response instead of /error"
        )
    }

    @Test("Without colour there is no escape sequence, even when the runtime sends some")
    func noColor() {
        var hostile = SampleReport.errorReported
        hostile.message = SampleReport.hostile
        let console = ConsoleReporter(useColor: false)
        let text =
            console.progressLine(for: hostile, index: 1, total: 1)
            + console.summary(of: SampleReport.make(results: [hostile]))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains(#"\x1B[31mred"#))
    }

    @Test("With colour, verdicts are coloured but runtime escape sequences are still neutralised")
    func color() {
        var hostile = SampleReport.errorReported
        hostile.message = SampleReport.hostile
        let line = ConsoleReporter(useColor: true).progressLine(for: hostile, index: 1, total: 1)
        #expect(line.contains("\u{1B}[1;31m✗ FAIL \u{1B}[0m"))
        #expect(!line.contains("\u{1B}[31mred"))
    }

    @Test("The summary counts per level, explains failures with expected and actual, and ends with the verdict")
    func summary() {
        let text = ConsoleReporter(useColor: false).summary(of: SampleReport.make())
        #expect(text.hasSuffix("\n"), "the summary ends its last line")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines[0] == "lambdaspec \(LambdaSpecVersion.current) · swift-reference · 11 scenarios in 12.44 s")
        #expect(lines.contains { $0.hasPrefix("  MUST ") && $0.contains("      3      2") })
        #expect(text.contains("Failures (2)"))
        #expect(text.contains("        expected: Probe.InitFailed\n        actual:   (absent)"))
        #expect(text.contains("Harness errors (1)"))
        #expect(text.contains("SHOULD warnings (1)"))
        #expect(
            lines.last
                == "FAILED  MUST 3/6, SHOULD 1/2 · 2 failed · 1 harness error(s) · 1 SHOULD warning(s) · 1 MUST "
                + "scenario not run (not applicable to the probe's capabilities)")
        let passing = ConsoleReporter(useColor: false).summary(of: SampleReport.make(results: [SampleReport.pollsNext]))
        #expect(passing.hasSuffix("PASSED  MUST 1/1\n"))
    }
}
