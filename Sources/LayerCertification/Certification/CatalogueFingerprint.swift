import ConformanceModel
import Foundation

/// Identifies the exact catalogue a certification ran: SHA-256 over the sorted scenario ids with their levels,
/// then every `*.yaml` file of the catalogue folder (sorted relative path and bytes), so any edit to a scenario,
/// even one that keeps its id, changes the fingerprint.
public enum CatalogueFingerprint {
    public static func compute(
        scenarios: [(id: String, level: Level)], catalogueDirectory: String
    ) throws(CertificationError) -> String {
        var files: [(key: String, contents: Data)] = []
        for file in yamlFiles(under: catalogueDirectory) {
            guard let contents = FileManager.default.contents(atPath: catalogueDirectory + "/" + file) else {
                throw CertificationError("cannot read the scenario file \(catalogueDirectory)/\(file)")
            }
            files.append((file, contents))
        }
        return compute(scenarios: scenarios, keyedFiles: files)
    }

    /// The fingerprint of catalogue files wherever they come from: the built-in catalogue's files are keyed by their
    /// relative path (so it equals the fingerprint of the `Conformance` folder it was built from), an added
    /// folder's by its name and the relative path.
    public static func compute(scenarios: [(id: String, level: Level)], files: [CatalogueFile]) -> String {
        let yaml = files.filter { $0.path.hasSuffix(".yaml") }.map { file in
            let folder = URL(fileURLWithPath: file.origin).lastPathComponent
            return (
                key: file.origin == CatalogueFile.builtInOrigin ? file.path : "\(folder)/\(file.path)", file.contents
            )
        }
        return compute(scenarios: scenarios, keyedFiles: yaml)
    }

    private static func compute(
        scenarios: [(id: String, level: Level)], keyedFiles: [(key: String, contents: Data)]
    )
        -> String
    {
        var data = Data()
        for (id, level) in scenarios.sorted(by: { $0.id < $1.id }) {
            data.append(Data("\(id) \(level.rawValue)\n".utf8))
        }
        for (key, contents) in keyedFiles.sorted(by: { $0.key < $1.key }) {
            data.append(Data("\u{0}\(key)\u{0}".utf8))
            data.append(contents)
        }
        return SHA256Digest.hex(data)
    }

    /// Relative paths of the catalogue's YAML files, sorted.
    static func yamlFiles(under root: String) -> [String] {
        var files: [String] = []
        func walk(_ relative: String, depth: Int) {
            guard depth < 16 else { return }
            for name in FileSystem.entries(of: relative.isEmpty ? root : root + "/" + relative) {
                let item = relative.isEmpty ? name : relative + "/" + name
                switch FileSystem.kind(at: root + "/" + item, followingSymlinks: true) {
                case .directory: walk(item, depth: depth + 1)
                case .regular where name.hasSuffix(".yaml"): files.append(item)
                default: continue
                }
            }
        }
        walk("", depth: 0)
        return files.sorted()
    }
}
