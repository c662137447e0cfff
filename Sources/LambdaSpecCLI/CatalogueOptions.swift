import ArgumentParser
import BuiltInCatalogue
import ConformanceModel
import Foundation
import ScenarioEngine

/// Where the scenario catalogue comes from, and which scenarios of it to run.
struct CatalogueOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of a team's own scenarios, added to the built-in catalogue (repeatable).",
            discussion: "An id used twice (here or in the built-in catalogue) is an error.",
            valueName: "dir"))
    var catalogue: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Run only scenarios whose id matches this glob (repeatable).", valueName: "glob"))
    var only: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Skip scenarios whose id matches this glob (repeatable).", valueName: "glob"))
    var skip: [String] = []

    /// The built-in catalogue's files, then those of every `--catalogue` folder in the order given.
    func files() throws -> [CatalogueFile] {
        var files = BuiltInCatalogue.files
        for folder in catalogue {
            do { files += try ScenarioCatalogue.files(in: folder) } catch { throw SetupError("catalogue: \(error)") }
        }
        return files
    }

    /// The durations recorded for the catalogues (their `durations.json`), the weights of `--shard`.
    func recordedDurations() throws -> RecordedDurations? {
        var merged: RecordedDurations?
        for file in try files() where file.path == "durations.json" {
            let recorded: RecordedDurations
            do {
                recorded = try RecordedDurations.decode(file.contents, file: file.displayPath)
            } catch {
                throw SetupError("catalogue: \(error)")
            }
            guard var sum = merged else {
                merged = recorded
                continue
            }
            sum.durationsMs.merge(recorded.durationsMs) { first, _ in first }
            merged = sum
        }
        return merged
    }

    /// The selected scenarios, in catalogue order.
    func scenarios() throws -> [Scenario] { try load().selected }

    /// The whole catalogue and the selection from it.
    func load() throws -> (catalogue: [Scenario], selected: [Scenario]) {
        let all: [Scenario]
        do {
            all = try ScenarioCatalogue.load(files: files())
        } catch let error as ScenarioLoadError {
            throw SetupError("catalogue: \(error)")
        }
        let selected = all.filter { scenario in
            (only.isEmpty || only.contains { Glob($0).matches(scenario.id) })
                && !skip.contains { Glob($0).matches(scenario.id) }
        }
        if selected.isEmpty {
            throw SetupError("no scenario matches --only \(only) --skip \(skip); see `lambdaspec list`")
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
