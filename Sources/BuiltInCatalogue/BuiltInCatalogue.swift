import ConformanceModel
import Foundation

/// The scenario catalogue lambdaspec was built with, compiled in by the CatalogueEmbedPlugin, so the binary needs
/// no checkout to run.
public enum BuiltInCatalogue {
    /// Every scenario file and `durations.json`, sorted by path.
    public static let files: [CatalogueFile] = EmbeddedCatalogue.files.map { file in
        CatalogueFile(
            path: file.path, contents: Data(base64Encoded: file.base64) ?? Data(), origin: CatalogueFile.builtInOrigin)
    }
}
