import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Lint reports as JSON and SARIF 2.1.0")
struct SARIFWriterTests {
    func brokenLayer(in folder: String) throws -> LintReport {
        let zip = folder + "/runtime.zip"
        try StoredZip([.file("bootstrap", "#!/bin/bash\r\n", mode: 0o644)]).write(to: zip)
        return try lint(layers: [zip], in: folder)
    }

    @Test("SARIF has version 2.1.0, every rule with a level, and each result with its rule, level and location")
    func structure() throws {
        try withTemporaryFolder { folder in
            let report = try brokenLayer(in: folder)
            let data = try SARIFWriter().render(report)
            let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(log["version"] as? String == "2.1.0")
            #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
            let rules = try #require(driver["rules"] as? [[String: Any]])
            #expect(rules.compactMap { $0["id"] as? String } == LintRule.allCases.map(\.rawValue))
            let results = try #require(run["results"] as? [[String: Any]])
            #expect(
                Set(results.compactMap { $0["ruleId"] as? String })
                    == ["layer.bootstrap.not-executable", "layer.shebang.crlf"])
            for result in results {
                #expect(result["level"] as? String == "error")
                let index = try #require(result["ruleIndex"] as? Int)
                #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
                let uri =
                    ((((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                        "artifactLocation"] as? [String: Any])?["uri"] as? String)
                #expect(uri == URL(fileURLWithPath: folder + "/runtime.zip").absoluteString)
                #expect((result["partialFingerprints"] as? [String: String])?.isEmpty == false)
            }
        }
    }

    @Test("Fingerprints are stable across runs and machines (they hash the rule, the input's name and the file)")
    func stableFingerprints() throws {
        func fingerprints(_ folder: String) throws -> [String] {
            let data = try SARIFWriter().render(try brokenLayer(in: folder))
            let text = String(decoding: data, as: UTF8.self)
            return text.split(separator: "\n").filter { $0.contains("lambdaspecFinding/v1") }.map(String.init)
        }
        let first = try withTemporaryFolder(fingerprints)
        let second = try withTemporaryFolder(fingerprints)
        #expect(first == second && first.count == 2)
    }

    @Test("Levels map MUST to error, SHOULD to warning, INFO to note; a whole-layout finding still has a location")
    func levels() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/function/readme.txt", "")
            let report = try lint(function: folder + "/function", in: folder)
            let text = String(decoding: try SARIFWriter().render(report), as: UTF8.self)
            #expect(text.contains("\"level\" : \"error\""))
            #expect(text.contains("\"ruleId\" : \"layer.bootstrap.missing\""))
            #expect(text.contains("\"uri\" : \"file://\(folder)/function/bootstrap\""))
        }
    }

    @Test("The lint report round-trips through JSON with its counts and verdict")
    func jsonRoundTrip() throws {
        try withTemporaryFolder { folder in
            let report = try brokenLayer(in: folder)
            let data = try JSONEncoder().encode(report)
            let decoded = try JSONDecoder().decode(LintReport.self, from: data)
            #expect(decoded.findings == report.findings)
            #expect(decoded.counts == ["MUST": 2, "SHOULD": 0, "INFO": 0] && !decoded.passed)
            #expect(decoded.inputs == [.init(role: .layer, path: folder + "/runtime.zip")])
        }
    }

    @Test("The console text lists each finding with level, rule and location, then the verdict")
    func console() throws {
        try withTemporaryFolder { folder in
            let text = LintConsoleWriter().render(try brokenLayer(in: folder))
            #expect(text.contains("MUST    layer.shebang.crlf  \(folder)/runtime.zip:bootstrap"))
            #expect(text.contains("FAILED  2 MUST, 0 SHOULD, 0 INFO"))
        }
    }
}
