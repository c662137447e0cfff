import ConformanceModel
import ConformanceReports
import Foundation
import LambdaSandbox
import ScenarioEngine

/// One conformance run of a catalogue against a subject, with live console progress; shared by `run` and `certify`.
struct ConformanceSession {
    var subject: Subject
    var scenarios: [Scenario]
    var jobs: Int
    var strict: Bool
    /// Print a header and one progress line per finished scenario.
    var console: Bool
    /// Known failures and a baseline (`run --expectations/--baseline`); empty for certify.
    var gate = ResultGate()

    /// The isolation and limits, as the header states them.
    private var limits: String {
        guard subject.isolation == .lambda else { return "process isolation (no limits)" }
        let sizes = "\(subject.memoryMB) MB, /tmp \(subject.ephemeralStorageMB) MB"
        return "lambda isolation (\(sizes)\(subject.limitsEnforced ? "" : ", limits not enforced"))"
    }

    func run() async -> RunReport {
        let reporter = ConsoleReporter(useColor: FileHandleOutput.useColor)
        if console {
            FileHandleOutput.standardOutput(
                "lambdaspec \(LambdaSpecVersion.current): \(scenarios.count) scenarios against \(subject.name) "
                    + "(\(subject.functionPath)), \(jobs) at a time, \(limits)\n"
            )
        }
        let startedAt = Date()
        let clock = ContinuousClock.now
        let progress = ProgressCounter(total: scenarios.count)
        let total = scenarios.count
        let console = self.console
        let gate = self.gate
        let results = await CatalogueRunner(subject: subject, jobs: jobs).run(scenarios) { result in
            let index = progress.increment()
            if console {
                var result = result
                result.triage = gate.triage(result)
                FileHandleOutput.standardOutput(reporter.progressLine(for: result, index: index, total: total) + "\n")
            }
        }
        let elapsed = ContinuousClock.now - clock
        var report = RunReport(
            tool: .init(version: LambdaSpecVersion.current),
            subject: .init(
                path: subject.functionPath,
                handler: subject.handler,
                layers: subject.layers,
                capabilities: subject.capabilities,
                name: subject.name
            ),
            strict: strict,
            startedAt: startedAt,
            durationMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            results: results
        )
        report.apply(gate)
        return report
    }
}
