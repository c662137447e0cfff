import ConformanceModel
import Foundation

/// Several runs side by side: rows are scenarios (grouped by area), columns are subjects (runtimes, versions).
///
/// Built by `lambdaspec report merge a.json b.json`; with exactly two reports of the same subject it also
/// lists the scenarios whose verdict changed, which is what a runtime author wants to see before a release.
public struct MatrixReport: Sendable {
    public struct Column: Sendable, Hashable {
        /// The subject name, made unique with the run date when several columns share it.
        public var label: String
        public var subject: RunReport.Subject
        public var toolVersion: String
        public var startedAt: Date
        public var passed: Bool
    }

    public struct Row: Sendable, Hashable {
        public var id: String
        public var title: String
        public var area: String
        public var level: Level
        /// One entry per column; `nil` when that run did not include the scenario.
        public var cells: [Cell?]

        public var differs: Bool { Set(cells.map { $0?.status }).count > 1 }
    }

    public struct Cell: Sendable, Hashable {
        public var status: ResultStatus
        public var message: String
        public var durationMs: Double
    }

    /// A scenario whose verdict differs between the first (before) and second (after) report.
    public struct Change: Sendable, Hashable {
        public var id: String
        public var title: String
        public var area: String
        public var level: Level
        public var before: ResultStatus?
        public var after: ResultStatus?
        public var message: String
    }

    public var reports: [RunReport]
    public var columns: [Column]
    public var rows: [Row]

    public init(reports: [RunReport]) {
        self.reports = reports
        columns = Self.columns(reports)
        rows = Self.rows(reports)
    }

    /// Rows grouped by area, areas and scenarios in order of first appearance.
    public var rowsByArea: [(area: String, rows: [Row])] {
        var order: [String] = []
        var groups: [String: [Row]] = [:]
        for row in rows {
            if groups[row.area] == nil { order.append(row.area) }
            groups[row.area, default: []].append(row)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// The "what changed" list: only when there are exactly two reports and they name the same subject.
    public var changes: [Change]? {
        guard reports.count == 2, reports[0].subject.name == reports[1].subject.name else { return nil }
        return rows.compactMap { row in
            let before = row.cells[0]
            let after = row.cells[1]
            guard before?.status != after?.status else { return nil }
            return Change(
                id: row.id,
                title: row.title,
                area: row.area,
                level: row.level,
                before: before?.status,
                after: after?.status,
                message: [after?.message, before?.message].compactMap { $0 }.first { !$0.isEmpty } ?? ""
            )
        }
    }

    private static func columns(_ reports: [RunReport]) -> [Column] {
        let names = reports.map(\.subject.name)
        var labels = names.map { name in
            names.filter { $0 == name }.count > 1 ? nil : name
        }
        for index in labels.indices where labels[index] == nil {
            let date = Formatting.readableDate(reports[index].startedAt)
            labels[index] = "\(names[index]) · \(date)"
        }
        var seen: [String: Int] = [:]
        return reports.enumerated().map { index, report in
            var label = labels[index] ?? report.subject.name
            seen[label, default: 0] += 1
            if let count = seen[label], count > 1 { label += " #\(count)" }
            return Column(
                label: label,
                subject: report.subject,
                toolVersion: report.tool.version,
                startedAt: report.startedAt,
                passed: report.passed
            )
        }
    }

    private static func rows(_ reports: [RunReport]) -> [Row] {
        var order: [String] = []
        var first: [String: ScenarioResult] = [:]
        for report in reports {
            for result in report.results where first[result.id] == nil {
                order.append(result.id)
                first[result.id] = result
            }
        }
        let lookups = reports.map { report in
            Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { current, _ in current })
        }
        let rows = order.compactMap { id -> Row? in
            guard let result = first[id] else { return nil }
            let cells = lookups.map { lookup in
                lookup[id].map { Cell(status: $0.status, message: $0.message, durationMs: $0.durationMs) }
            }
            return Row(id: id, title: result.title, area: result.area, level: result.level, cells: cells)
        }
        // Group by area in order of first appearance, keeping scenario order inside an area.
        var areaOrder: [String] = []
        for row in rows where !areaOrder.contains(row.area) { areaOrder.append(row.area) }
        return areaOrder.flatMap { area in rows.filter { $0.area == area } }
    }
}
