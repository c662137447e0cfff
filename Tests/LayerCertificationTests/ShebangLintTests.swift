import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Layer lint: #! lines")
struct ShebangLintTests {
    func lintScript(_ script: String, extra: [StoredZip.Entry] = [], in folder: String) throws -> LintReport {
        let zip = folder + "/runtime.zip"
        try StoredZip([.file("bootstrap", script, mode: 0o755)] + extra).write(to: zip)
        return try lint(layers: [zip], in: folder)
    }

    @Test("A #! line ending in CRLF is a MUST finding that shows the \\r; the LF twin has none")
    func crlf() throws {
        try withTemporaryFolder { folder in
            let report = try lintScript("#!/bin/bash\r\necho hi\r\n", in: folder)
            let finding = try #require(report.findings(.shebangCRLF).first)
            #expect(finding.level == .must)
            #expect(finding.message.contains(#""/bin/bash\r""#))
            #expect(try lintScript("#!/bin/sh\necho hi\n", in: folder).findings.isEmpty)
        }
    }

    @Test(
        "An interpreter that exists nowhere is a MUST finding; one on the base system is fine",
        arguments: [
            ("#!/nonexistent/lambdaspec-interpreter\n", true), ("#!/bin/sh\n", false), ("#! /bin/sh -e\n", false),
            ("#!\n", true), ("#!/var/runtime/bin/node\n", true),
        ])
    func interpreter(script: String, flagged: Bool) throws {
        try withTemporaryFolder { folder in
            let report = try lintScript(script, in: folder)
            #expect(!report.findings(.shebangInterpreterMissing).isEmpty == flagged, "\(report.findings)")
        }
    }

    @Test("An interpreter under /opt is looked for in the layers, not on this machine")
    func interpreterInLayer() throws {
        try withTemporaryFolder { folder in
            let shipped = try lintScript(
                "#!/opt/bin/lambdaspec-test-sh\n", extra: [.file("bin/lambdaspec-test-sh", "#!/bin/sh\n", mode: 0o755)],
                in: folder)
            #expect(shipped.findings.isEmpty, "\(shipped.findings)")
            let notShipped = try lintScript("#!/opt/bin/lambdaspec-test-sh\n", in: folder)
            let finding = try #require(notShipped.findings(.shebangInterpreterMissing).first)
            #expect(finding.message.contains("/opt/bin/lambdaspec-test-sh"))
            let notExecutable = try lintScript(
                "#!/opt/bin/lambdaspec-test-sh\n", extra: [.file("bin/lambdaspec-test-sh", "", mode: 0o644)],
                in: folder)
            #expect(
                notExecutable.findings(.shebangInterpreterMissing).first?.message.contains("not executable") == true)
        }
    }

    @Test(
        "#!/usr/bin/env looks the program up on Lambda's PATH, /opt/bin included",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/env")))
    func env() throws {
        try withTemporaryFolder { folder in
            #expect(try lintScript("#!/usr/bin/env sh\n", in: folder).findings.isEmpty)
            let missing = try lintScript("#!/usr/bin/env lambdaspec-no-such-program\n", in: folder)
            let finding = try #require(missing.findings(.shebangInterpreterMissing).first)
            #expect(finding.message.contains("not on Lambda's PATH"))
            let shipped = try lintScript(
                "#!/usr/bin/env lambdaspec-shipped\n",
                extra: [.file("bin/lambdaspec-shipped", "#!/bin/sh\n", mode: 0o755)],
                in: folder)
            #expect(shipped.findings.isEmpty, "\(shipped.findings)")
        }
    }
}
