import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Layer lint: stacks of layers and the reference runtimes")
struct LayerStackLintTests {
    @Test("A file of an earlier layer replaced by a later one is an INFO finding naming both layers")
    func shadowed() throws {
        try withTemporaryFolder { folder in
            let runtime = folder + "/runtime.zip"
            let library = folder + "/library.zip"
            let other = folder + "/other.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o755), .file("lib/config.txt", "1")]).write(
                to: runtime)
            try StoredZip([.file("lib/config.txt", "2")]).write(to: library)
            try StoredZip([.file("lib/other.txt", "3")]).write(to: other)
            let report = try lint(layers: [runtime, library], in: folder)
            let finding = try #require(report.findings(.filesShadowed).first)
            #expect(finding.level == .info && report.passed)
            #expect(finding.file == "lib/config.txt" && finding.input == library)
            #expect(finding.message.contains(runtime) && finding.message.contains(library))
            #expect(try lint(layers: [runtime, other], in: folder).findings.isEmpty)
        }
    }

    @Test(
        "The reference runtimes zipped as layers (bootstrap resolved through its symlink) start cleanly",
        .enabled(if: ReferenceBinaries.cBuilt && ReferenceBinaries.swiftBuilt))
    func referenceRuntimes() throws {
        try withTemporaryFolder { folder in
            let shell = ReferenceBinaries.runtime("shell")
            try makeLayerZip(
                at: folder + "/shell.zip", ["bootstrap", "probe.sh", "lambdaspec.json"].map { ($0, shell + "/" + $0) })
            for name in ["c", "swift"] {
                let runtime = ReferenceBinaries.runtime(name)
                try makeLayerZip(
                    at: folder + "/\(name).zip",
                    [
                        ("bootstrap", runtime + "/bootstrap"), ("lambdaspec.json", runtime + "/lambdaspec.json"),
                    ])
            }
            for name in ["shell", "c", "swift"] {
                let report = try lint(layers: [folder + "/\(name).zip"], in: folder)
                #expect(report.passed, "\(name): \(report.findings)")
                #expect(report.bootstrap == "/opt/bootstrap (from \(folder)/\(name).zip)")
                #expect(report.probeManifest?.manifest != nil)
                // The compiled runtimes load the Swift runtime from this machine's /opt/swift, which Lambda's
                // /opt (the layers) would not have: lint must say so, at SHOULD.
                for finding in report.findings {
                    #expect(finding.rule == .elfLibraryMissing, "\(name): \(finding)")
                }
            }
        }
    }
}
