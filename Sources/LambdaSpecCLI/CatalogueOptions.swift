import ArgumentParser
import ConformanceModel
import Foundation
import ScenarioEngine

/// Where the scenario catalogue comes from, and which scenarios of it to run.
struct CatalogueOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The scenario catalogue folder.",
            discussion:
                "Default: $LAMBDASPEC_CATALOGUE, else the Conformance folder of the lambdaspec checkout, else ./Conformance.",
            valueName: "dir"))
    var catalogue: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Run only scenarios whose id matches this glob (repeatable).", valueName: "glob"))
    var only: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Skip scenarios whose id matches this glob (repeatable).", valueName: "glob"))
    var skip: [String] = []

    /// The catalogue folder, found in the documented order.
    func catalogueDirectory() throws -> String {
        if let catalogue { return catalogue }
        if let fromEnvironment = ProcessInfo.processInfo.environment["LAMBDASPEC_CATALOGUE"] { return fromEnvironment }
        // .build/<triple>/<configuration>/lambdaspec → the package root's Conformance folder.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("Conformance")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return "Conformance"
    }

    /// The catalogue's recorded durations (`durations.json` beside the scenarios), if it has them.
    func recordedDurations() throws -> RecordedDurations? {
        let path = URL(fileURLWithPath: try catalogueDirectory()).appendingPathComponent("durations.json").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try RecordedDurations.load(path: path) } catch { throw SetupError("catalogue: \(error)") }
    }

    /// The selected scenarios, in catalogue order.
    func scenarios() throws -> [Scenario] { try load().selected }

    /// The whole catalogue and the selection from it.
    func load() throws -> (catalogue: [Scenario], selected: [Scenario]) {
        let all: [Scenario]
        do {
            all = try ScenarioCatalogue.load(directory: catalogueDirectory())
        } catch {
            throw SetupError("catalogue: \(error)")
        }
        let selected = all.filter { scenario in
            (only.isEmpty || only.contains { Glob($0).matches(scenario.id) })
                && !skip.contains { Glob($0).matches(scenario.id) }
        }
        if selected.isEmpty {
            throw ValidationError("no scenario matches --only \(only) --skip \(skip); see `lambdaspec list`")
        }
        return (all, selected)
    }
}

/// Shell-style globs over scenario ids: `*` any run of characters, `?` one character.
struct Glob {
    let pattern: [Character]

    init(_ pattern: String) { self.pattern = Array(pattern) }

    func matches(_ text: String) -> Bool { match(pattern[...], Array(text)[...]) }

    private func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var rest = text
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !text.isEmpty && match(pattern.dropFirst(), text.dropFirst())
        default:
            return text.first == first && match(pattern.dropFirst(), text.dropFirst())
        }
    }
}
