import Foundation
import PackagePlugin

/// Compiles the scenario catalogue (`Conformance/**/*.yaml` and `durations.json`) into the target it is applied
/// to, so a `lambdaspec` binary copied anywhere carries the catalogue it was built with.
///
/// The files are listed here, at planning time, so adding or removing a scenario re-runs the embedder.
@main
struct CatalogueEmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let catalogue = context.package.directoryURL.appending(path: "Conformance")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalogue.swift")
        return [
            .buildCommand(
                displayName: "Embedding the scenario catalogue",
                executable: try context.tool(named: "CatalogueEmbedder").url,
                arguments: [catalogue.path(percentEncoded: false), output.path(percentEncoded: false)],
                inputFiles: Self.files(under: catalogue),
                outputFiles: [output]
            )
        ]
    }

    static func files(under root: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (enumerator?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "yaml" || $0.lastPathComponent == "durations.json" }
    }
}
