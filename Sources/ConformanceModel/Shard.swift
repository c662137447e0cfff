/// One of `total` parts of a catalogue, numbered from 1 as GitLab's `CI_NODE_INDEX` is, written `index/total`.
public struct Shard: Codable, Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var total: Int

    public init(index: Int, total: Int) throws(ShardError) {
        guard total >= 1 else { throw ShardError("the shard count must be at least 1, not \(total)") }
        guard (1...total).contains(index) else {
            throw ShardError("shard \(index)/\(total): the index runs from 1 to \(total)")
        }
        self.index = index
        self.total = total
    }

    /// Parses `I/N`, e.g. `2/3`.
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let total = Int(parts[1]) else {
            throw ShardError("'\(text)' is not a shard: write I/N, e.g. 2/3 for the second of three")
        }
        try self.init(index: index, total: total)
    }

    public var description: String { "\(index)/\(total)" }
}

/// A shard that cannot be used, with what is wrong.
public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
