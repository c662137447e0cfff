import ConformanceModel
import Foundation
import Yams

/// Loads and validates the scenario files under `Conformance/`.
public enum ScenarioCatalogue {
    /// Every `*.yaml` below `directory`, decoded, validated and sorted by id.
    public static func load(directory: String) throws(ScenarioLoadError) -> [Scenario] {
        try load(files: files(in: directory))
    }

    /// The scenario files (`*.yaml`) and `durations.json` below `directory`, sorted by relative path.
    public static func files(in directory: String) throws(ScenarioLoadError) -> [CatalogueFile] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw ScenarioLoadError(file: directory, message: "not a readable folder")
        }
        let urls = enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" || $0.lastPathComponent == "durations.json" }
        if !urls.contains(where: { $0.pathExtension == "yaml" }) {
            throw ScenarioLoadError(file: directory, message: "holds no scenario files (*.yaml)")
        }
        var files: [CatalogueFile] = []
        for url in urls {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let contents = FileManager.default.contents(atPath: url.path) else {
                throw ScenarioLoadError(file: url.path, message: "cannot be read")
            }
            files.append(CatalogueFile(path: relative, contents: contents, origin: directory))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The scenarios of `files` (catalogues from several places together), validated and sorted by id.
    ///
    /// - Throws: `ScenarioLoadError` for the first file that does not decode, or for an id two files use.
    public static func load(files: [CatalogueFile]) throws(ScenarioLoadError) -> [Scenario] {
        var scenarios: [Scenario] = []
        var seen: [String: String] = [:]
        for file in files where file.path.hasSuffix(".yaml") {
            guard let text = String(data: file.contents, encoding: .utf8) else {
                throw ScenarioLoadError(file: file.displayPath, message: "cannot be read as UTF-8 text")
            }
            let scenario = try decode(text, file: file.displayPath)
            if let other = seen[scenario.id] {
                throw ScenarioLoadError(
                    file: file.displayPath, message: "id \(scenario.id) is already used by \(other)")
            }
            seen[scenario.id] = file.displayPath
            scenarios.append(scenario)
        }
        return scenarios.sorted { $0.id < $1.id }
    }

    public static func load(file: String) throws(ScenarioLoadError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
        else {
            throw ScenarioLoadError(file: file, message: "cannot be read as UTF-8 text")
        }
        return try decode(text, file: file)
    }

    /// Decodes one scenario from YAML text and validates it.
    public static func decode(_ text: String, file: String = "<inline>") throws(ScenarioLoadError) -> Scenario {
        let scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: text)
        } catch let error as DecodingError {
            throw ScenarioLoadError(file: file, message: Self.describe(error))
        } catch {
            throw ScenarioLoadError(file: file, message: "\(error)")
        }
        try ScenarioValidator.validate(scenario, file: file)
        return scenario
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "(top level)" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing required key '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected a \(type) value"
        case .dataCorrupted(let context):
            // Yams keeps the line, column and offending text of a YAML syntax error in the underlying error.
            let cause = context.underlyingError.map { " \($0)" } ?? ""
            return "\(path(context)): \(context.debugDescription)\(cause)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A scenario file that cannot be used, with the file and what is wrong in it.
public struct ScenarioLoadError: Error, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
