import Foundation

/// Paths inside the package checkout, found from this file's location so tests run from any directory.
enum PackagePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let catalogue = root.appendingPathComponent("Conformance").path
    static func runtime(_ name: String) -> String { root.appendingPathComponent("Runtimes/\(name)").path }
    static let faultyRuntimes = root.appendingPathComponent("Tests/FaultyRuntimes")
    /// The awslambdaric layer `Runtimes/python/build-layer` writes (`.ci/setup` runs it); not in git.
    static let pythonLayer = root.appendingPathComponent(".build/python-layer.zip").path

    /// The build folder holding the products (`lambdaspec`, `bootstrap-c`, ...) next to the test bundle.
    static var productsDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0])
        while url.pathComponents.count > 1 {
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("lambdaspec").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }

    /// The faulty runtimes of the corpus, by folder name.
    static var faultyRuntimeNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: faultyRuntimes.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: faultyRuntimes.appendingPathComponent("\($0)/bootstrap").path)
        }
        .sorted()
    }
}
