import ConformanceModel
import Foundation
import Testing

@testable import ScenarioEngine

@Suite("Shards: deterministic, disjoint, balanced by recorded durations")
struct ShardPlanTests {
    static let catalogue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance")

    @Test("the shards of the real catalogue are disjoint, hold every scenario, and do not depend on input order")
    func partitionsTheCatalogue() throws {
        let ids = try ScenarioCatalogue.load(directory: Self.catalogue.path).map(\.id)
        let durations = try RecordedDurations.load(path: Self.catalogue.appendingPathComponent("durations.json").path)
        let plan = ShardPlan(ids: ids, weights: durations.durationsMs, fallback: durations.fallbackMs, total: 3)
        let all = plan.shards.flatMap { $0 }
        #expect(all.sorted() == ids.sorted())
        #expect(Set(all).count == all.count, "a scenario is in two shards")
        let shuffled = ShardPlan(
            ids: ids.shuffled(), weights: durations.durationsMs, fallback: durations.fallbackMs, total: 3)
        #expect(shuffled.shards == plan.shards)
        // LPT: no shard exceeds the mean by more than the longest scenario.
        let longest = ids.map { durations.durationsMs[$0] ?? durations.fallbackMs }.max() ?? 0
        let mean = plan.loads.reduce(0, +) / 3
        #expect(plan.loads.allSatisfy { $0 <= mean + longest }, "loads \(plan.loads)")
    }

    @Test("one long scenario gets a shard of its own: shards balance time, not counts")
    func balancesByDuration() throws {
        let weights = ["a.long": 3000, "b.1": 500, "b.2": 500, "b.3": 500, "b.4": 500, "b.5": 500, "b.6": 500]
        let plan = ShardPlan(ids: Array(weights.keys), weights: weights, fallback: 1, total: 3)
        #expect(plan.shards.contains(["a.long"]), "\(plan.shards)")
        #expect(plan.loads.sorted() == [1500, 1500, 3000])
        #expect(try plan.ids(of: Shard(parsing: "1/3")).union(plan.ids(of: Shard(parsing: "2/3"))).count == 4)
    }

    @Test("an unknown scenario weighs the median; more shards than scenarios leave shards empty")
    func fallbackAndEmptyShards() {
        let durations = RecordedDurations(recordedWith: "test", durationsMs: ["a": 100, "b": 300, "c": 200])
        #expect(durations.fallbackMs == 200)
        let plan = ShardPlan(ids: ["a", "z"], weights: durations.durationsMs, fallback: durations.fallbackMs, total: 3)
        #expect(plan.shards == [["z"], ["a"], []])
    }

    @Test("I/N parses with the index from 1 to N", arguments: ["0/3", "4/3", "1/0", "2", "a/b", "1/3/4"])
    func rejectsBadShards(text: String) {
        #expect(throws: ShardError.self) { try Shard(parsing: text) }
    }
}
