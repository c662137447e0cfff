import ConformanceModel
import LayerCertification
import ScenarioEngine

/// lint's bootstrap checks before `run`, `bench` and `serve` start anything: a CRLF shebang, a missing interpreter
/// or a foreign ELF would otherwise fail every scenario with the same symptom instead of one line naming the cause.
enum Preflight {
    static func check(_ subject: Subject) throws {
        let report = try LintInvocation.lint(
            function: subject.functionPath, layers: subject.layers, arch: nil,
            rootFileSystem: subject.rootFileSystem)
        let blocking = report.findings.filter { $0.level == .must }
        guard let first = blocking.first else { return }
        let more = blocking.count > 1 ? " (and \(blocking.count - 1) more: lambdaspec lint)" : ""
        throw SetupError("\(first.rule.rawValue) at \(first.location): \(first.message)\(more)")
    }
}
