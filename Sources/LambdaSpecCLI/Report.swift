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
    /// A runtime × scenario matrix across runs, and what changed between two runs of the same runtime.
    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a runtime × scenario matrix (and a what-changed view) from several report.json files.",
            discussion: """
                Give the reports of different runtimes to compare them, or two reports of the same runtime (say two \
                versions of a layer) to see which scenarios changed verdict.
                """
        )

        @Argument(
            help: ArgumentHelp("report.json files written by `lambdaspec run --format json`.", valueName: "report"))
        var reports: [String]

        @Option(name: .long, help: ArgumentHelp("Where to write the matrix HTML.", valueName: "file"))
        var html = "matrix.html"

        func validate() throws {
            guard !reports.isEmpty else { throw ValidationError("give at least one report.json") }
        }

        func run() async throws {
            let matrix: MatrixReport
            do {
                matrix = try MatrixReport.load(paths: reports)
            } catch {
                throw SetupError("\(error)")
            }
            try Data(MatrixHTMLWriter().render(matrix).utf8).write(to: URL(fileURLWithPath: html))
            let differing = matrix.rows.filter(\.differs).count
            FileHandleOutput.standardOutput(
                "\(matrix.columns.count) runs × \(matrix.rows.count) scenarios, \(differing) differ; wrote \(html)\n"
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
