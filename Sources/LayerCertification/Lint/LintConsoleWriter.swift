import ConformanceModel

/// The lint findings as terminal text: one block per finding, MUST first, then a one-line verdict.
public struct LintConsoleWriter: Sendable {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let function = report.inputs.first { $0.role == .function }?.path ?? "none"
        let layers = report.inputs.filter { $0.role == .layer }.map(\.path)
        var out =
            "lambdaspec lint · \(report.architecture) · function: \(function) · layers: "
            + (layers.isEmpty ? "none" : layers.joined(separator: ", ")) + "\n"
        out += "  bootstrap: \(report.bootstrap ?? "none")\n"
        if let located = report.probeManifest {
            let origin = located.input.map { "\(located.source.rawValue) \($0)" } ?? located.source.rawValue
            out += "  lambdaspec.json: from \(origin)" + (located.problem.map { " (\($0))" } ?? "") + "\n"
        }
        out += "\n"
        for finding in report.findings {
            out += "  \(finding.level.rawValue.padding(6))  \(finding.rule.rawValue)  \(finding.location)\n"
            out += "          \(finding.message)\n"
        }
        if report.findings.isEmpty { out += "  no findings\n" }
        let counts = Level.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\n" + (report.passed ? "PASSED" : "FAILED") + "  \(counts)"
        out += report.passed ? "\n" : " (a MUST finding means the runtime cannot start)\n"
        return out
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
