import ArgumentParser
import ConformanceModel
import Foundation
import ScenarioEngine

/// Which part of the selection this machine runs, so a CI matrix spreads one run over several machines.
struct ShardOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run part I of N of the selection, balanced by recorded durations (1-based).",
            discussion:
                "Default: GitLab's CI_NODE_INDEX/CI_NODE_TOTAL when both are set (`parallel: N`). Every shard must "
                + "use the same selection and durations; `lambdaspec report merge` joins the shards' report.json.",
            valueName: "I/N"))
    var shard: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Durations to balance shards by (default: the catalogue's durations.json).", valueName: "file"))
    var durations: String?

    /// The shard from `--shard`, else from GitLab's variables; `nil` runs everything.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Shard? {
        do {
            if let shard { return try Shard(parsing: shard) }
            if let index = environment["CI_NODE_INDEX"], let total = environment["CI_NODE_TOTAL"] {
                return try Shard(parsing: "\(index)/\(total)")
            }
            return nil
        } catch {
            throw ValidationError("--shard: \(error)")
        }
    }

    /// The scenarios of `shard`, in the selection's order.
    func select(_ scenarios: [Scenario], shard: Shard, builtIn: RecordedDurations?) throws -> [Scenario] {
        var recorded = builtIn ?? RecordedDurations(recordedWith: "nothing", durationsMs: [:])
        if let durations {
            do { recorded = try RecordedDurations.load(path: durations) } catch {
                throw SetupError("durations: \(error)")
            }
        }
        let plan = ShardPlan(
            ids: scenarios.map(\.id), weights: recorded.durationsMs, fallback: recorded.fallbackMs, total: shard.total)
        let mine = plan.ids(of: shard)
        return scenarios.filter { mine.contains($0.id) }
    }
}
