import LambdaSandbox

/// Layer zips extracted once, with the sandbox's own defences, so the many execution environments of a
/// certification copy folders instead of inflating the same zip again each time (a 28 MB debug Swift bootstrap
/// made the catalogue run three times slower). Folders given as layers are used as they are.
///
/// The result is the same `/opt`: folder layers are copied with their modes and symlinks, in the same order.
public final class StagedLayers: Sendable {
    /// One entry per layer, in order: the extracted folder of a zip, or the folder given.
    public let paths: [String]
    private let extractions: [ExtractedLayout]

    private init(paths: [String], extractions: [ExtractedLayout]) {
        self.paths = paths
        self.extractions = extractions
    }

    /// Extracts every zip among `layers` under `parent`; on failure, removes what it made.
    public static func stage(_ layers: [String], under parent: String) throws(SandboxError) -> StagedLayers {
        var paths: [String] = []
        var extractions: [ExtractedLayout] = []
        do {
            for layer in layers {
                guard FileSystem.kind(at: layer, followingSymlinks: true) == .regular else {
                    paths.append(layer)
                    continue
                }
                let extracted = try ExtractedLayout.create(functionPath: nil, layers: [layer], under: parent)
                extractions.append(extracted)
                paths.append(extracted.optDirectory)
            }
        } catch {
            for extraction in extractions { extraction.remove() }
            throw error
        }
        return StagedLayers(paths: paths, extractions: extractions)
    }

    /// Deletes the extracted folders (never a folder the caller gave).
    public func remove() {
        for extraction in extractions { extraction.remove() }
    }
}
