import ArgumentParser
import ConformanceModel
import ConformanceReports
import Foundation

extension LambdaSpec.Report {
    /// What got better and worse between two runs; the exit status gates CI on regressions.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print which scenarios got better or worse between two report.json files.",
            discussion: """
                A regression is a scenario whose verdict got worse (passed < warning < failed < error) and now fails \
                the NEW run (a warning only if NEW ran with --strict); a scenario NEW adds counts as passed in OLD. \
                Passed ↔ not applicable or skipped is listed as changed, not as a regression.

                Exit status: 0 no regression; 1 a regression; 2 a report could not be read.
                """
        )

        @Argument(help: ArgumentHelp("The earlier report.json.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The later report.json.", valueName: "new"))
        var new: String

        func run() async throws {
            let before: RunReport
            let after: RunReport
            do {
                before = try MatrixReport.loadReport(path: old)
                after = try MatrixReport.loadReport(path: new)
            } catch {
                throw SetupError("\(error)")
            }
            let diff = ReportDiff(old: before, new: after)
            FileHandleOutput.standardOutput(Self.render(diff, old: old, new: new))
            if !diff.regressions.isEmpty { throw ExitCode(1) }
        }

        static func render(_ diff: ReportDiff, old: String, new: String) -> String {
            func count(_ direction: ReportDiff.Direction) -> Int {
                diff.changes.filter { $0.direction == direction }.count
            }
            var lines = [
                "\(old) → \(new): \(count(.worse)) worse (\(diff.regressions.count) regression(s)), "
                    + "\(count(.better)) better, \(count(.changed)) changed"
            ]
            for direction in [ReportDiff.Direction.worse, .better, .changed] {
                for change in diff.changes where change.direction == direction {
                    let before = change.before?.rawValue ?? "absent"
                    let after = change.after?.rawValue ?? "absent"
                    let flag = change.regression ? "  REGRESSION" : ""
                    let message = change.message.isEmpty ? "" : "\n      \(change.message.prefix(300))"
                    lines.append(
                        "  \(direction.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(change.id) "
                            + "[\(change.level.rawValue)]: \(before) → \(after)\(flag)\(message)")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
