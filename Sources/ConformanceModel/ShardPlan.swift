/// Splits scenarios into shards of about equal running time, the same way on every machine.
///
/// Greedy longest-first (LPT): scenarios sorted by weight (longest first, then by id) each go to the shard with
/// the least total so far (the lowest index on a tie). Every machine given the same ids and weights computes the
/// same plan, so the shards of a CI matrix are disjoint and together hold every scenario. LPT keeps the longest
/// shard within 4/3 of the best possible split.
public struct ShardPlan: Sendable {
    /// Scenario ids per shard, index 0 for shard 1.
    public var shards: [[String]]
    /// The summed weight of each shard, in the weights' unit (milliseconds).
    public var loads: [Int]

    /// - Parameters:
    ///   - ids: the selected scenario ids (any order).
    ///   - weights: recorded durations in milliseconds; an id without one weighs `fallback`.
    ///   - total: the number of shards.
    public init(ids: [String], weights: [String: Int], fallback: Int, total: Int) {
        let weighed = Set(ids).map { ($0, max(1, weights[$0] ?? fallback)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var shards = [[String]](repeating: [], count: max(1, total))
        var loads = [Int](repeating: 0, count: max(1, total))
        for (id, weight) in weighed {
            let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 } ?? 0
            shards[lightest].append(id)
            loads[lightest] += weight
        }
        self.shards = shards.map { $0.sorted() }
        self.loads = loads
    }

    /// The ids shard `shard` runs.
    public func ids(of shard: Shard) -> Set<String> { Set(shards[shard.index - 1]) }
}
