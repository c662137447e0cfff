import ArgumentParser
import ConformanceModel
import ConformanceReports
import Foundation

extension LambdaSpec {
    /// Works on reports that runs already wrote.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine and re-render JSON reports.",
            subcommands: [Merge.self, Diff.self, Render.self]
        )
    }
}

extension LambdaSpec.Report {
    /// A runtime × scenario matrix across runs, what changed between two runs, or the join of a sharded run.
    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Join shard reports into one, or build a runtime × scenario matrix from several report.json files.",
            discussion: """
                When every report is a shard (`run --shard I/N`), they must be shards 1…N of one run: they are \
                joined into the report the unsharded run would have written (--format, --report-dir), and the exit \
                status is that run's (0 passed, 1 failed). Otherwise: give the reports of different runtimes to \
                compare them, or two reports of the same runtime (say two versions of a layer) to see which \
                scenarios changed verdict; `report diff` gates on that.
                """
        )

        @Argument(
            help: ArgumentHelp("report.json files written by `lambdaspec run --format json`.", valueName: "report"))
        var reports: [String]

        @Option(name: .long, help: ArgumentHelp("Where to write the matrix HTML.", valueName: "file"))
        var html = "matrix.html"

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Also write the matrix as Markdown (verdict counts, what did not pass, every verdict; no dates).",
                valueName: "file"))
        var markdown: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Shards only: format of the joined report (repeatable; default json).", valueName: "format"))
        var format: [ReportFormat] = [.json]

        @Option(
            name: .customLong("report-dir"),
            help: ArgumentHelp("Shards only: where the joined report goes (default: .).", valueName: "dir"))
        var reportDirectory = "."

        func validate() throws {
            guard !reports.isEmpty else { throw ValidationError("give at least one report.json") }
        }

        func run() async throws {
            let loaded: [RunReport]
            do {
                loaded = try reports.map(MatrixReport.loadReport(path:))
            } catch {
                throw SetupError("\(error)")
            }
            let sharded = loaded.filter { $0.shard != nil }.count
            if sharded == loaded.count {
                try joinShards(loaded)
            } else if sharded > 0 {
                throw SetupError("\(sharded) of the \(loaded.count) reports are shards: merge shards on their own")
            } else {
                try writeMatrix(MatrixReport(reports: loaded))
            }
        }

        private func joinShards(_ shards: [RunReport]) throws {
            let merged: RunReport
            do { merged = try RunReport.merging(shards: shards) } catch { throw SetupError("merge: \(error)") }
            let written = try ReportPublisher(directory: reportDirectory, formats: format).publish(merged)
            if format.contains(.console) {
                FileHandleOutput.standardOutput(
                    ConsoleReporter(useColor: FileHandleOutput.useColor).summary(of: merged))
            }
            FileHandleOutput.standardOutput(
                "joined \(shards.count) shards: \(merged.summary.total) scenarios, \(merged.passed ? "PASSED" : "FAILED")\n"
            )
            for path in written { FileHandleOutput.standardOutput("wrote \(path)\n") }
            if !merged.passed { throw ExitCode(1) }
        }

        private func writeMatrix(_ matrix: MatrixReport) throws {
            try Data(MatrixHTMLWriter().render(matrix).utf8).write(to: URL(fileURLWithPath: html))
            var written = html
            if let markdown {
                try Data(MatrixMarkdownWriter().render(matrix).utf8).write(to: URL(fileURLWithPath: markdown))
                written += " and \(markdown)"
            }
            let differing = matrix.rows.filter(\.differs).count
            FileHandleOutput.standardOutput(
                "\(matrix.columns.count) runs × \(matrix.rows.count) scenarios, \(differing) differ; wrote \(written)\n"
            )
            if let changes = matrix.changes {
                for change in changes {
                    let before = change.before?.rawValue ?? "absent"
                    let after = change.after?.rawValue ?? "absent"
                    FileHandleOutput.standardOutput("  \(change.id): \(before) → \(after)\n")
                }
            }
        }
    }

    /// Writes other formats from a saved JSON report, e.g. the HTML of a CI run's report.json.
    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write other report formats from a report.json.")

        @Argument(help: ArgumentHelp("A report.json.", valueName: "report"))
        var report: String

        @Option(
            name: .long,
            help: ArgumentHelp("Format to write: html, junit, tap, badge, json (repeatable).", valueName: "format"))
        var format: [ReportFormat] = [.html]

        @Option(name: .customLong("report-dir"), help: ArgumentHelp("Where the files go.", valueName: "dir"))
        var reportDirectory = "."

        func run() async throws {
            let loaded: RunReport
            do {
                loaded = try MatrixReport.loadReport(path: report)
            } catch {
                throw SetupError("\(error)")
            }
            for path in try ReportPublisher(directory: reportDirectory, formats: format).publish(loaded) {
                FileHandleOutput.standardOutput("wrote \(path)\n")
            }
        }
    }
}
