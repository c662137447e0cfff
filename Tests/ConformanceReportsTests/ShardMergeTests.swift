import ConformanceModel
import Foundation
import Testing

@Suite("Joining shard reports and comparing runs")
struct ShardMergeTests {
    /// The sample run split round-robin into `total` shards.
    static func shards(_ total: Int, strict: Bool = false) throws -> [RunReport] {
        let whole = SampleReport.make(strict: strict)
        return try (1...total).map { index in
            var report = SampleReport.make(
                strict: strict,
                results: whole.results.enumerated().filter { $0.offset % total == index - 1 }.map(\.element))
            report.shard = try Shard(index: index, total: total)
            report.durationMs = Double(index) * 1000
            return report
        }
    }

    @Test("the shards of a run join into its results in id order, the longest shard's duration, and no shard")
    func joinsShards() throws {
        let whole = SampleReport.make()
        let merged = try RunReport.merging(shards: try Self.shards(3).reversed())
        #expect(merged.results.map(\.id) == whole.results.map(\.id).sorted())
        #expect(merged.results.map(\.status) == whole.results.sorted { $0.id < $1.id }.map(\.status))
        #expect(merged.summary == whole.summary)
        #expect(merged.passed == whole.passed)
        #expect(merged.durationMs == 3000)
        #expect(merged.shard == nil)
    }

    @Test("shards that do not make one run are refused, saying why")
    func refusesMismatchedShards() throws {
        let shards = try Self.shards(3)
        #expect(throws: ShardMergeError.self) { try RunReport.merging(shards: [shards[0], shards[2]]) }
        #expect(throws: ShardMergeError.self) { try RunReport.merging(shards: [shards[0], shards[0], shards[2]]) }
        var other = shards[1]
        other.subject.path = "Runtimes/c"
        #expect(throws: ShardMergeError.self) { try RunReport.merging(shards: [shards[0], other, shards[2]]) }
        var strict = shards[1]
        strict.strict = true
        #expect(throws: ShardMergeError.self) { try RunReport.merging(shards: [shards[0], strict, shards[2]]) }
        var doubled = shards[1]
        doubled.results.append(shards[0].results[0])
        #expect(throws: ShardMergeError.self) { try RunReport.merging(shards: [shards[0], doubled, shards[2]]) }
    }

    @Test("report diff ranks verdicts: worse is a regression only when the new verdict fails the new run")
    func diffRanksVerdicts() throws {
        let old = SampleReport.make()
        var new = old
        let passed = try #require(new.results.firstIndex { $0.status == .passed })
        let failed = try #require(new.results.firstIndex { $0.status == .failed })
        new.results[passed].status = .warning
        new.results[failed].status = .passed
        let lenient = ReportDiff(old: old, new: new)
        #expect(lenient.changes.first { $0.id == new.results[passed].id }?.direction == .worse)
        #expect(lenient.regressions.isEmpty, "a warning does not fail a run without --strict")
        #expect(lenient.changes.first { $0.id == new.results[failed].id }?.direction == .better)
        new.strict = true
        #expect(ReportDiff(old: old, new: new).regressions.map(\.id) == [new.results[passed].id])
    }
}
