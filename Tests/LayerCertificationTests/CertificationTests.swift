import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Certification: digests, catalogue fingerprint, verdict, bundle and verify")
struct CertificationTests {
    @Test("A zip's digest is the SHA-256 of its bytes (FIPS 180-2 test vector)")
    func zipDigest() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/abc.zip", "abc")
            let input = try CertifiedInput.digest(role: .layer, path: folder + "/abc.zip")
            #expect(input.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(input.bytes == 3 && input.kind == .zip && input.role == .layer)
        }
    }

    @Test("A folder's digest changes with any byte, name or mode, follows file symlinks, and is otherwise stable")
    func folderDigest() throws {
        try withTemporaryFolder { folder in
            let root = folder + "/function"
            try writeFile(root + "/bootstrap", "#!/bin/sh\n", mode: 0o755)
            try writeFile(root + "/lib/a.txt", "a")
            func digest() throws -> String { try CertifiedInput.digest(role: .function, path: root).sha256 }
            let original = try digest()
            #expect(try digest() == original)
            try writeFile(root + "/lib/a.txt", "b")
            let changedByte = try digest()
            #expect(changedByte != original)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root + "/bootstrap")
            let changedMode = try digest()
            #expect(changedMode != changedByte)
            try FileManager.default.moveItem(atPath: root + "/lib/a.txt", toPath: root + "/lib/c.txt")
            #expect(try digest() != changedMode)
            // A symlinked file counts as the file it names.
            try writeFile(folder + "/target", "payload", mode: 0o755)
            try symlink(folder + "/linked/bootstrap", to: "../target")
            try writeFile(folder + "/copied/bootstrap", "payload", mode: 0o755)
            #expect(
                try CertifiedInput.digest(role: .function, path: folder + "/linked").sha256
                    == CertifiedInput.digest(role: .function, path: folder + "/copied").sha256)
        }
    }

    @Test("The catalogue fingerprint changes with a scenario file's bytes or a level, not with input order")
    func catalogueFingerprint() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/catalogue/init/a.yaml", "id: init.a\n")
            try writeFile(folder + "/catalogue/errors/b.yaml", "id: errors.b\n")
            try writeFile(folder + "/catalogue/README.md", "not a scenario")
            let scenarios: [(id: String, level: Level)] = [("init.a", .must), ("errors.b", .should)]
            let base = try CatalogueFingerprint.compute(scenarios: scenarios, catalogueDirectory: folder + "/catalogue")
            #expect(base.count == 64)
            #expect(
                try CatalogueFingerprint.compute(
                    scenarios: scenarios.reversed(), catalogueDirectory: folder + "/catalogue") == base)
            #expect(
                try CatalogueFingerprint.compute(
                    scenarios: [("init.a", .must), ("errors.b", .must)], catalogueDirectory: folder + "/catalogue")
                    != base)
            try writeFile(folder + "/catalogue/README.md", "still not a scenario, edited")
            #expect(
                try CatalogueFingerprint.compute(scenarios: scenarios, catalogueDirectory: folder + "/catalogue")
                    == base)
            try writeFile(folder + "/catalogue/errors/b.yaml", "id: errors.b\n# edited\n")
            #expect(
                try CatalogueFingerprint.compute(scenarios: scenarios, catalogueDirectory: folder + "/catalogue")
                    != base)
        }
    }

    @Test("Certified needs: no MUST lint finding, a strict run with no failure or warning, no MUST not-applicable")
    func verdict() throws {
        try withTemporaryFolder { folder in
            let clean = try cleanLint(in: folder)
            let good = report([(.must, .passed), (.should, .passed), (.info, .info), (.should, .notApplicable)])
            #expect(CertificationVerdict.decide(lint: clean, report: good).verdict == .certified)
            let mustNA = CertificationVerdict.decide(lint: clean, report: report([(.must, .notApplicable)]))
            #expect(
                mustNA.verdict == .notCertified && mustNA.reasons.first?.contains("(MUST) is not applicable") == true)
            let process = report([(.must, .passed)], isolation: .process)
            let refused = CertificationVerdict.decide(lint: clean, report: process)
            #expect(refused.verdict == .notCertified && refused.reasons.first?.contains("process isolation") == true)
            #expect(
                CertificationVerdict.decide(lint: clean, report: process, allowProcessIsolation: true).verdict
                    == .certified)
            #expect(
                CertificationVerdict.decide(lint: clean, report: report([(.should, .warning)])).verdict == .notCertified
            )
            #expect(
                CertificationVerdict.decide(lint: clean, report: report([(.must, .failed)])).verdict == .notCertified)
            #expect(
                CertificationVerdict.decide(lint: clean, report: report([(.must, .error)])).verdict == .notCertified)
            var lax = good
            lax.strict = false
            #expect(CertificationVerdict.decide(lint: clean, report: lax).verdict == .notCertified)
            let broken = try brokenLint(in: folder)
            let noRun = CertificationVerdict.decide(lint: broken, report: nil)
            #expect(noRun.verdict == .notCertified)
            #expect(noRun.reasons.contains { $0.contains("layer.bootstrap.not-executable") })
            #expect(noRun.reasons.contains { $0.contains("did not run") })
        }
    }

    @Test("A written bundle verifies against its inputs, and names the input that changed")
    func bundleRoundTrip() throws {
        try withTemporaryFolder { folder in
            let bundle = try writeBundle(in: folder)
            let verified = try BundleVerifier.verify(
                bundle: bundle, functionPath: nil, layers: [folder + "/runtime.zip"])
            #expect(verified.inputsMatch && verified.matched.count == 1 && verified.manifest.verdict == .certified)

            try FileManager.default.copyItem(atPath: folder + "/runtime.zip", toPath: folder + "/copy.zip")
            let handle = try #require(FileHandle(forWritingAtPath: folder + "/copy.zip"))
            handle.seekToEndOfFile()
            handle.write(Data([0x0a]))
            try handle.close()
            let changed = try BundleVerifier.verify(bundle: bundle, functionPath: nil, layers: [folder + "/copy.zip"])
            #expect(!changed.inputsMatch)
            #expect(changed.mismatches.first?.contains("layer 1 \(folder)/copy.zip") == true)

            let extra = try BundleVerifier.verify(
                bundle: bundle, functionPath: folder + "/runtime.zip", layers: [folder + "/runtime.zip"])
            #expect(extra.mismatches.contains { $0.hasPrefix("function:") })
            let missing = try BundleVerifier.verify(bundle: bundle, functionPath: nil, layers: [])
            #expect(missing.mismatches.contains { $0.contains("certifies 1 layer(s)") })
        }
    }

    @Test(
        "A bundle whose files were edited, removed or contradict each other is unusable",
        arguments: [
            "edit report.json", "remove report.html", "edit manifest summary", "flip manifest verdict", "no manifest",
        ])
    func tamperedBundle(tampering: String) throws {
        try withTemporaryFolder { folder in
            let bundle = try writeBundle(in: folder)
            let manifestPath = bundle + "/manifest.json"
            switch tampering {
            case "edit report.json":
                try writeFile(
                    bundle + "/report.json", try String(contentsOfFile: bundle + "/report.json", encoding: .utf8) + " ")
            case "remove report.html":
                try FileManager.default.removeItem(atPath: bundle + "/report.html")
            case "edit manifest summary":
                let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
                try writeFile(manifestPath, text.replacingOccurrences(of: "\"passed\" : 1", with: "\"passed\" : 2"))
            case "flip manifest verdict":
                let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
                try writeFile(manifestPath, text.replacingOccurrences(of: "\"certified\"", with: "\"not-certified\""))
            default:
                try FileManager.default.removeItem(atPath: manifestPath)
            }
            #expect(throws: CertificationError.self, "\(tampering)") {
                try BundleVerifier.verify(bundle: bundle, functionPath: nil, layers: [folder + "/runtime.zip"])
            }
        }
    }

    @Test("The default bundle folder is certification/<subject> with a path-safe name")
    func defaultDirectory() {
        #expect(CertificationBundle.defaultDirectory(for: "shell (bash + curl)") == "certification/shell-bash-curl")
        #expect(CertificationBundle.defaultDirectory(for: "../..") == "certification/subject")
    }

    // MARK: - Helpers

    func cleanLint(in folder: String) throws -> LintReport {
        let zip = folder + "/runtime.zip"
        try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o755)]).write(to: zip)
        return try lint(layers: [zip], in: folder)
    }

    func brokenLint(in folder: String) throws -> LintReport {
        let zip = folder + "/broken.zip"
        try StoredZip([.file("bootstrap", "#!/bin/sh\n", mode: 0o644)]).write(to: zip)
        return try lint(layers: [zip], in: folder)
    }

    func report(_ outcomes: [(Level, ResultStatus)], isolation: Isolation = .lambda) -> RunReport {
        let results = outcomes.enumerated().map { index, outcome in
            ScenarioResult(
                scenario: Scenario(
                    id: "area.case-\(index)", title: "case \(index)", area: "area", level: outcome.0,
                    requirement: "r", source: "s", steps: []),
                status: outcome.1, durationMs: 1, message: "because \(index)")
        }
        var report = RunReport(
            tool: .init(version: LambdaSpecVersion.current),
            subject: .init(
                path: "/tmp/function", handler: "probe", layers: ["runtime.zip"], capabilities: [], name: "t"),
            strict: true, startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 5, results: results)
        report.subject.environment = EnvironmentReport(isolation: isolation, memoryMB: 128, ephemeralStorageMB: 512)
        return report
    }

    /// A certified bundle as `certify` writes it, with stand-ins for the HTML, JUnit and badge files.
    func writeBundle(in folder: String) throws -> String {
        let lintReport = try cleanLint(in: folder)
        let run = report([(.must, .passed)])
        let bundle = folder + "/bundle"
        try CertificationBundle.prepare(bundle)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(run).write(to: URL(fileURLWithPath: bundle + "/report.json"))
        for name in ["report.html", "junit.xml", "badge.json"] { try writeFile(bundle + "/" + name, name) }
        try CertificationBundle.writeLint(lintReport, to: bundle)
        let (verdict, reasons) = CertificationVerdict.decide(lint: lintReport, report: run)
        let written = try CertificationBundle.writeManifest(
            CertificationManifest(
                date: Date(), subject: "t", handler: "probe", arch: hostArchitecture,
                inputs: [try CertifiedInput.digest(role: .layer, path: folder + "/runtime.zip")],
                catalogueFingerprint: String(repeating: "0", count: 64), scenarioCount: 1, verdict: verdict,
                reasons: reasons, counts: .init(lint: lintReport.counts, scenarios: run.summary),
                environment: run.subject.environment),
            to: bundle)
        #expect(Set(written.files.keys) == ["report.json", "report.html", "junit.xml", "badge.json", "lint.json"])
        return bundle
    }
}
