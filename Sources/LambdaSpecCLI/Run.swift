import ArgumentParser
import ConformanceModel
import ConformanceReports
import Foundation
import ScenarioEngine

extension LambdaSpec {
    /// Runs the catalogue against one runtime and reports the verdicts.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the conformance catalogue against a runtime.",
            discussion: """
                <function-dir> holds the bootstrap (or it comes from a layer) and the probe's lambdaspec.json. \
                Each scenario runs in its own execution environment on its own port.
                """
        )

        @OptionGroup var subject: SubjectOptions

        @OptionGroup var selection: CatalogueOptions

        @OptionGroup(title: "Known failures") var gate: GateOptions

        @OptionGroup(title: "Sharding") var sharding: ShardOptions

        @Option(
            name: .long, help: ArgumentHelp("Scenarios run in parallel (default: the number of cores).", valueName: "N")
        )
        var jobs: Int?

        @Option(
            name: .customLong("report-dir"),
            help: ArgumentHelp("Where report files go (default: reports/<subject>).", valueName: "dir"))
        var reportDirectory: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Report format: console, json, html, junit, tap, badge (repeatable).", valueName: "format"))
        var format: [ReportFormat] = [.console]

        @Flag(name: .long, help: "Fail the run on SHOULD warnings too.")
        var strict = false

        @Flag(
            name: .customLong("fail-fast"),
            help: "Start no new scenario after the first MUST failure (the rest are reported as skipped).")
        var failFast = false

        func validate() throws {
            guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            let (subject, validation) = try self.subject.load()
            let layerOrigins = validation.layerOrigins
            let (catalogue, selected) = try selection.load()
            let gate = try self.gate.gate(catalogueIDs: Set(catalogue.map(\.id)))
            let console = format.contains(.console)
            let shard = try sharding.resolve()
            var scenarios = selected
            if let shard {
                scenarios = try sharding.select(selected, shard: shard, builtIn: selection.recordedDurations())
                if console {
                    FileHandleOutput.standardOutput(
                        "shard \(shard): \(scenarios.count) of the \(selected.count) selected scenarios\n")
                }
            }
            var report = await ConformanceSession(
                subject: subject,
                scenarios: scenarios,
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                strict: strict,
                console: console,
                failFast: failFast,
                gate: gate
            ).run()
            report.subject.layerOrigins = layerOrigins.isEmpty ? nil : layerOrigins
            report.subject.environment = validation.environment
            report.shard = shard
            let directory = reportDirectory ?? ReportPublisher.defaultDirectory(for: subject.name)
            let written = try ReportPublisher(directory: directory, formats: format).publish(report)
            if console {
                FileHandleOutput.standardOutput(
                    ConsoleReporter(useColor: FileHandleOutput.useColor).summary(of: report))
                for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
            }
            if !report.succeeds { throw ExitCode(1) }
        }
    }
}
