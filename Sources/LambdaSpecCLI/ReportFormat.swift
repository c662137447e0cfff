import ArgumentParser
import ConformanceModel
import ConformanceReports
import Foundation

/// The report formats `--format` accepts, and the file each one writes.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case console
    case json
    case html
    case junit
    case tap
    case badge

    /// File name inside the report folder; console writes to the terminal.
    var fileName: String? {
        switch self {
        case .console: nil
        case .json: "report.json"
        case .html: "report.html"
        case .junit: "junit.xml"
        case .tap: "report.tap"
        case .badge: "badge.json"
        }
    }

    func render(_ report: RunReport) throws -> Data {
        switch self {
        case .console: Data(ConsoleReporter(useColor: false).summary(of: report).utf8)
        case .json: try JSONReportWriter().render(report)
        case .html: Data(HTMLReportWriter().render(report).utf8)
        case .junit: Data(JUnitReportWriter().render(report).utf8)
        case .tap: Data(TAPReportWriter().render(report).utf8)
        case .badge: try BadgeWriter().render(report)
        }
    }
}

/// Writes the requested report files, and the GitHub step summary when `GITHUB_STEP_SUMMARY` is set.
struct ReportPublisher {
    let directory: String
    let formats: [ReportFormat]

    /// Writes every file format; returns the paths written.
    func publish(_ report: RunReport) throws -> [String] {
        var written: [String] = []
        let files = formats.filter { $0.fileName != nil }
        if !files.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        for format in files {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(format.fileName!).path
            do {
                try format.render(report).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw SetupError("cannot write \(path): \(error.localizedDescription)")
            }
            written.append(path)
        }
        if let summaryPath = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            let markdown = MarkdownSummaryWriter().render(report)
            if let handle = FileHandle(forWritingAtPath: summaryPath) {
                handle.seekToEndOfFile()
                handle.write(Data(markdown.utf8))
                try? handle.close()
            } else {
                try? Data(markdown.utf8).write(to: URL(fileURLWithPath: summaryPath))
            }
        }
        return written
    }

    /// `reports/<subject>/` with the subject's name made safe for a path.
    static func defaultDirectory(for subjectName: String) -> String {
        let safe = subjectName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let slug = String(safe).split(separator: "-").joined(separator: "-")
        return "reports/" + (slug.isEmpty ? "subject" : slug)
    }
}
