import ConformanceModel
import Foundation

/// The probe's `lambdaspec.json` and where it was found: the function's root first, else /opt (the layers'
/// roots merged, last layer winning), so a runtime layer can carry the manifest of the probe it was built with.
public struct LocatedProbeManifest: Codable, Sendable, Hashable {
    public enum Source: String, Codable, Sendable { case function, layer }

    public var source: Source
    /// The function or layer (as given) that provided the file.
    public var input: String?
    /// The manifest, or nil when the file is not a valid manifest.
    public var manifest: ProbeManifest?
    /// Why the file could not be used, if so.
    public var problem: String?

    /// Looks in `taskRoot` then `optDirectory`; nil when neither holds a `lambdaspec.json`.
    static func locate(in layout: LintLayout) -> LocatedProbeManifest? {
        let places: [(Source, String, String?)] = [
            (.function, layout.taskRoot + "/lambdaspec.json", layout.functionPath),
            (.layer, layout.optDirectory + "/lambdaspec.json", layout.provider(of: "lambdaspec.json")),
        ]
        for (source, path, input) in places {
            guard FileSystem.kind(at: path, followingSymlinks: true) == .regular else { continue }
            guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
                return LocatedProbeManifest(
                    source: source, input: input, manifest: nil, problem: "lambdaspec.json cannot be read")
            }
            do {
                let manifest = try ProbeManifest.parse(data, file: "lambdaspec.json")
                return LocatedProbeManifest(source: source, input: input, manifest: manifest, problem: nil)
            } catch {
                return LocatedProbeManifest(source: source, input: input, manifest: nil, problem: error.description)
            }
        }
        return nil
    }
}
