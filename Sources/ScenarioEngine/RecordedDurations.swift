import Foundation

/// How long each scenario took in a recorded run, the weights `--shard` balances by.
///
/// A JSON file `{"recordedWith": "…", "durationsMs": {"<id>": ms, …}}`: the catalogue's own is
/// `Conformance/durations.json` (`.ci/record-durations` writes it from a run of the shell reference runtime, the
/// slowest); `run --durations FILE` takes a team's own.
public struct RecordedDurations: Codable, Sendable, Hashable {
    /// What run the durations come from, for people.
    public var recordedWith: String
    public var durationsMs: [String: Int]

    public init(recordedWith: String, durationsMs: [String: Int]) {
        self.recordedWith = recordedWith
        self.durationsMs = durationsMs
    }

    /// The weight of a scenario the file does not know: the median recorded duration (or 1 s for an empty file).
    public var fallbackMs: Int {
        let sorted = durationsMs.values.sorted()
        return sorted.isEmpty ? 1000 : sorted[sorted.count / 2]
    }

    public static func load(path: String) throws(DurationsFileError) -> RecordedDurations {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DurationsFileError(file: path, message: "cannot be read")
        }
        return try decode(data, file: path)
    }

    public static func decode(_ data: Data, file: String) throws(DurationsFileError) -> RecordedDurations {
        do {
            return try JSONDecoder().decode(RecordedDurations.self, from: data)
        } catch {
            throw DurationsFileError(
                file: file, message: "not a durations file ({\"recordedWith\": …, \"durationsMs\": {id: ms}}): \(error)"
            )
        }
    }
}

/// A durations file that cannot be used.
public struct DurationsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
