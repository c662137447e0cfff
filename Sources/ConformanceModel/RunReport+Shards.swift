import Foundation

extension RunReport {
    /// Joins the reports of all shards of one run into the report an unsharded run would have written.
    ///
    /// Results are sorted by id (the catalogue's order); the start is the earliest shard's, the duration the
    /// longest shard's (the wall time when the shards ran side by side).
    /// - Throws: `ShardMergeError` when the reports are not exactly shards 1…N of one subject, tool and mode.
    public static func merging(shards reports: [RunReport]) throws(ShardMergeError) -> RunReport {
        guard let first = reports.first else { throw ShardMergeError("no shard report given") }
        let shards = reports.compactMap(\.shard)
        guard shards.count == reports.count else { throw ShardMergeError("a report without a shard cannot be merged") }
        let total = shards[0].total
        guard shards.allSatisfy({ $0.total == total }) else {
            throw ShardMergeError("the reports come from different shard counts: \(shards.map(\.description))")
        }
        let indices = shards.map(\.index).sorted()
        guard indices == Array(1...total) else {
            let missing = Set(1...total).subtracting(indices).sorted().map { "\($0)/\(total)" }
            let doubled = Dictionary(grouping: indices, by: { $0 }).filter { $1.count > 1 }.keys.sorted()
            throw ShardMergeError(
                "shards must be 1…\(total), each once; missing \(missing), repeated \(doubled.map { "\($0)/\(total)" })"
            )
        }
        for report in reports {
            guard report.subject.path == first.subject.path, report.subject.name == first.subject.name else {
                throw ShardMergeError(
                    "shard \(report.shard!) ran \(report.subject.path), shard \(first.shard!) ran \(first.subject.path)"
                )
            }
            guard report.strict == first.strict, report.tool == first.tool, report.gate == first.gate else {
                throw ShardMergeError(
                    "shard \(report.shard!) ran with another lambdaspec version, --strict or expectations than shard \(first.shard!)"
                )
            }
        }
        var seen: [String: Shard] = [:]
        for report in reports {
            for result in report.results {
                if let other = seen[result.id] {
                    throw ShardMergeError("\(result.id) is in shard \(other) and shard \(report.shard!)")
                }
                seen[result.id] = report.shard
            }
        }
        var merged = RunReport(
            tool: first.tool, subject: first.subject, strict: first.strict,
            startedAt: reports.map(\.startedAt).min() ?? first.startedAt,
            durationMs: reports.map(\.durationMs).max() ?? 0,
            results: reports.flatMap(\.results).sorted { $0.id < $1.id })
        merged.gate = first.gate
        return merged
    }
}

/// Shard reports that do not make one run, with what is wrong.
public struct ShardMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
