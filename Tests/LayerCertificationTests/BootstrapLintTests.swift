import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Layer lint: finding and judging the bootstrap")
struct BootstrapLintTests {
    @Test("No bootstrap anywhere is a MUST finding that names the task root, then /opt, and each input")
    func missing() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/function/handler.sh", "")
            try writeFile(folder + "/layer/lib/readme.txt", "")
            let report = try lint(function: folder + "/function", layers: [folder + "/layer"], in: folder)
            let finding = try #require(report.findings(.bootstrapMissing).first)
            #expect(finding.level == .must && !report.passed)
            #expect(finding.message.contains("/var/task/bootstrap (the function \(folder)/function)"))
            #expect(finding.message.contains("/opt/bootstrap (the layers \(folder)/layer)"))
            #expect(report.bootstrap == nil)
        }
    }

    @Test("A bootstrap zipped inside its folder is found and the message says to zip the contents")
    func nested() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([.directory("shell/"), .file("shell/bootstrap", "#!/bin/sh\n", mode: 0o755)]).write(to: zip)
            let report = try lint(layers: [zip], in: folder)
            let finding = try #require(report.findings(.bootstrapMissing).first)
            #expect(finding.message.contains("shell/bootstrap in \(zip)"))
            #expect(finding.message.contains("zip the folder's contents"))
        }
    }

    @Test("A layer's executable script bootstrap with a valid #! has no finding and is located in /opt")
    func clean() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\nexit 0\n", mode: 0o755)]).write(to: zip)
            let report = try lint(layers: [zip], in: folder)
            #expect(report.findings.isEmpty, "\(report.findings)")
            #expect(report.passed)
            #expect(report.bootstrap == "/opt/bootstrap (from \(zip))")
        }
    }

    @Test("A bootstrap without its executable bit is a MUST finding with its mode")
    func notExecutable() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o644)]).write(to: zip)
            let finding = try #require(try lint(layers: [zip], in: folder).findings(.bootstrapNotExecutable).first)
            #expect(finding.level == .must)
            #expect(finding.message.contains("mode 644"))
            #expect(finding.input == zip && finding.file == "bootstrap")
        }
    }

    @Test(
        "A bootstrap only its owner may run is a SHOULD finding; 755 is not",
        arguments: [
            (0o700 as UInt16, true), (0o750, true), (0o755, false), (0o711, true),
        ])
    func worldAccess(mode: UInt16, flagged: Bool) throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: mode)]).write(to: zip)
            let report = try lint(layers: [zip], in: folder)
            #expect(!report.findings(.bootstrapNotWorldAccessible).isEmpty == flagged, "\(report.findings)")
            #expect(report.findings(.bootstrapNotExecutable).isEmpty)
        }
    }

    @Test("A symlinked bootstrap is followed: a good target passes, a CRLF target is caught, a missing one is MUST")
    func symlinks() throws {
        try withTemporaryFolder { folder in
            // Like Runtimes/c/bootstrap -> ../../.build/debug/bootstrap-c: the target lies outside the function.
            try writeFile(folder + "/build/good", "#!/bin/sh\nexit 0\n", mode: 0o755)
            try writeFile(folder + "/build/crlf", "#!/bin/sh\r\nexit 0\r\n", mode: 0o755)
            try symlink(folder + "/good/bootstrap", to: "../build/good")
            try symlink(folder + "/crlf/bootstrap", to: "../build/crlf")
            try symlink(folder + "/dangling/bootstrap", to: "../build/gone")
            #expect(try lint(function: folder + "/good", in: folder).findings.isEmpty)
            #expect(try lint(function: folder + "/crlf", in: folder).rules == [.shebangCRLF])
            let dangling = try lint(function: folder + "/dangling", in: folder)
            #expect(dangling.rules == [.bootstrapDanglingSymlink])
            #expect(dangling.findings.first?.message.contains("../build/gone") == true)
        }
    }

    @Test("A symlinked bootstrap inside a layer zip is followed to its file in the layer")
    func symlinkInZip() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([
                .file("bin/runtime", "#!/bin/sh\r\n", mode: 0o755), .symlink("bootstrap", to: "bin/runtime"),
            ]).write(to: zip)
            #expect(try lint(layers: [zip], in: folder).rules == [.shebangCRLF])
        }
    }

    @Test("A folder named bootstrap is a MUST finding")
    func notAFile() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap/inner", "")
            #expect(try lint(function: folder + "/function", in: folder).rules == [.bootstrapNotAFile])
        }
    }

    @Test(
        "A bootstrap that is neither ELF nor #! script (or is empty) is a MUST finding",
        arguments: [
            "echo hello\n", "", "\u{7f}ELX binary",
        ])
    func unknownFormat(contents: String) throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", contents, mode: 0o755)
            let report = try lint(function: folder + "/function", in: folder)
            #expect(report.rules == [.bootstrapUnknownFormat], "\(report.findings)")
        }
    }

    @Test("A function bootstrap hides the layer's: a SHOULD finding naming the layer; none without it")
    func overridden() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/runtime.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o755)]).write(to: zip)
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            try writeFile(folder + "/plain/probe.sh", "")
            let report = try lint(function: folder + "/function", layers: [zip], in: folder)
            let finding = try #require(report.findings(.bootstrapOverridden).first)
            #expect(finding.level == .should && finding.input == zip)
            #expect(report.bootstrap == "/var/task/bootstrap (from \(folder)/function)")
            #expect(try lint(function: folder + "/plain", layers: [zip], in: folder).findings.isEmpty)
        }
    }

    @Test("lambdaspec.json is taken from the function first, else from the merged /opt with its layer")
    func probeManifest() throws {
        try withTemporaryFolder { folder in
            let manifest = #"{"name": "from-layer", "handler": "probe", "capabilities": ["echo"]}"#
            let zip = folder + "/runtime.zip"
            try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o755), .file("lambdaspec.json", manifest)])
                .write(to: zip)
            try writeFile(folder + "/function/lambdaspec.json", #"{"handler": "fn.handler", "capabilities": []}"#)
            try makeFolder(folder + "/empty")
            let fromLayer = try #require(try lint(function: folder + "/empty", layers: [zip], in: folder).probeManifest)
            #expect(fromLayer.source == .layer && fromLayer.input == zip)
            #expect(fromLayer.manifest?.name == "from-layer" && fromLayer.manifest?.capabilities == ["echo"])
            let fromFunction = try #require(
                try lint(function: folder + "/function", layers: [zip], in: folder).probeManifest)
            #expect(fromFunction.source == .function && fromFunction.manifest?.handler == "fn.handler")

            try writeFile(folder + "/broken/lambdaspec.json", "{not json")
            let broken = try #require(try lint(function: folder + "/broken", layers: [zip], in: folder).probeManifest)
            #expect(broken.manifest == nil && broken.problem?.hasPrefix("lambdaspec.json:1:") == true)
        }
    }
}
