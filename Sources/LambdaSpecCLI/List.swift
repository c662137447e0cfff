import ArgumentParser
import ConformanceModel
import Foundation

extension LambdaSpec {
    /// Prints the catalogue: id, level, area and title of every scenario.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scenarios of the catalogue.")

        @OptionGroup var selection: CatalogueOptions

        @OptionGroup(title: "Sharding") var sharding: ShardOptions

        @Flag(name: .long, help: "Print the catalogue as the Markdown of Conformance/README.md.")
        var markdown = false

        func run() async throws {
            var scenarios = try selection.scenarios()
            if let shard = try sharding.resolve() {
                scenarios = try sharding.select(scenarios, shard: shard, builtIn: selection.recordedDurations())
            }
            if markdown {
                FileHandleOutput.standardOutput(CatalogueMarkdown.render(scenarios))
                return
            }
            let idWidth = scenarios.map(\.id.count).max() ?? 0
            let areaWidth = scenarios.map(\.area.count).max() ?? 0
            for scenario in scenarios {
                let id = scenario.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                let level = scenario.level.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                let area = scenario.area.padding(toLength: areaWidth, withPad: " ", startingAt: 0)
                FileHandleOutput.standardOutput("\(id)  \(level)  \(area)  \(scenario.title)\n")
            }
            let counts = Level.allCases.map { level in
                "\(scenarios.filter { $0.level == level }.count) \(level.rawValue)"
            }
            FileHandleOutput.standardOutput("\(scenarios.count) scenarios (\(counts.joined(separator: ", ")))\n")
        }
    }
}
