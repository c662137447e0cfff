import Foundation

/// One file of a scenario catalogue, wherever it lives: compiled into the binary or read from a folder.
public struct CatalogueFile: Sendable, Hashable {
    /// Path relative to the catalogue's root, e.g. `init/error-reported.yaml`.
    public var path: String
    public var contents: Data
    /// Where the catalogue comes from, for messages: `built-in` or the folder given to `--catalogue`.
    public var origin: String

    public init(path: String, contents: Data, origin: String) {
        self.path = path
        self.contents = contents
        self.origin = origin
    }

    /// `built-in:init/error-reported.yaml` or `/teams/scenarios/init/x.yaml`, as messages name a file.
    public var displayPath: String {
        origin == CatalogueFile.builtInOrigin ? "\(origin):\(path)" : "\(origin)/\(path)"
    }

    /// The `origin` of the catalogue compiled into lambdaspec.
    public static let builtInOrigin = "built-in"
}
