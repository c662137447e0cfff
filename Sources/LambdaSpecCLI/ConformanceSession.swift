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
    /// `--fail-fast`: no new scenario after the first MUST failure.
    var failFast = false
    /// Known failures and a baseline (`run --expectations/--baseline`); empty for certify.
    var gate = ResultGate()

    /// The isolation and limits, as the header states them.
    private var limits: String {
        guard subject.isolation == .lambda else { return "process isolation (no limits)" }
        let sizes = "\(subject.memoryMB) MB, /tmp \(subject.ephemeralStorageMB) MB"
        let root = subject.rootFileSystem.map { ", root \($0.source)" } ?? ""
        return "lambda isolation (\(sizes)\(subject.limitsEnforced ? "" : ", limits not enforced")\(root))"
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
        var results: [ScenarioResult]
        let stopped = await startupFailure()
        if let stopped {
            if console { FileHandleOutput.standardOutput(reporter.startupFailure(stopped)) }
            results = scenarios.map {
                ScenarioResult(
                    scenario: $0, status: .skipped, durationMs: 0,
                    message: "not run: the runtime could not start (\(stopped))")
            }
        } else {
            let progress = ProgressCounter(total: scenarios.count)
            let total = scenarios.count
            let console = self.console
            let gate = self.gate
            results = await CatalogueRunner(subject: subject, jobs: jobs, failFast: failFast).run(scenarios) { result in
                let index = progress.increment()
                if console {
                    var result = result
                    result.triage = gate.triage(result)
                    FileHandleOutput.standardOutput(
                        reporter.progressLine(for: result, index: index, total: total) + "\n")
                }
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
            results: results,
            stopped: stopped
        )
        report.apply(gate)
        return report
    }

    /// One init before the catalogue; a harness problem there is left to the scenarios, which report it each.
    private func startupFailure() async -> StartupCause? {
        guard scenarios.count > 1 else { return nil }
        return (try? await StartupCheck.run(subject: subject)) ?? nil
    }
}
