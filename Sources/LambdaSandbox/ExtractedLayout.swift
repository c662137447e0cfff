/// The function code and layers written out exactly as `SandboxLayout` writes them (same quotas, same zip
/// defences), but without locating or starting a bootstrap: what static checks such as layer lint read.
///
/// A missing or broken bootstrap is therefore not an error here; it is for the caller to judge.
public final class ExtractedLayout: Sendable {
    /// The private folder holding everything below.
    public let root: String
    /// The function code: the caller's folder used in place, `root/task` for a zip, or an empty `root/task`.
    public let taskRoot: String
    /// True when `taskRoot` is the caller's own folder (never deleted by `remove()`).
    public let usesFunctionFolderInPlace: Bool
    /// Lambda's /opt: the layers, in order.
    public let optDirectory: String
    /// Every opt-relative file or symlink path, with the layers (as given) that provided it in order; the last won.
    public let layerProviders: [String: [String]]
    /// Bytes written from zips and copied layer folders.
    public let unzippedBytes: Int64

    private init(
        root: String, taskRoot: String, inPlace: Bool, layerProviders: [String: [String]], unzippedBytes: Int64
    ) {
        self.root = root
        self.taskRoot = taskRoot
        self.usesFunctionFolderInPlace = inPlace
        self.optDirectory = root + "/opt"
        self.layerProviders = layerProviders
        self.unzippedBytes = unzippedBytes
    }

    /// Extracts into a fresh private folder under `parent` (default: the system temp folder); cleans up on failure.
    ///
    /// - Parameters:
    ///   - functionPath: a folder (used in place), a zip, or nil for no function code.
    ///   - byteLimit: the unzipped size quota; Lambda's 250 MiB unless a test asks for less.
    public static func create(
        functionPath: String?, layers: [String], under parent: String? = nil,
        byteLimit: Int64 = SandboxLimits.maximumUnzippedBytes
    ) throws(SandboxError) -> ExtractedLayout {
        try SandboxLayout.validateInputs(functionPath: functionPath, layers: layers)
        let root = try FileTree.makeTemporaryDirectory(
            prefix: "lambdaspec-", under: parent ?? FileTree.systemTemporaryDirectory)
        do {
            try FileTree.makeDirectory(root + "/opt")
            var extractor = LayerExtractor(byteLimit: byteLimit)
            var taskRoot = root + "/task"
            var inPlace = false
            if let functionPath, FileTree.resolvedKind(at: functionPath) == .directory,
                let resolved = FileTree.realPath(functionPath)
            {
                taskRoot = resolved
                inPlace = true
            } else {
                try FileTree.makeDirectory(taskRoot)
                if let functionPath { try extractor.install(functionPath, into: taskRoot, layer: nil) }
            }
            for layer in layers {
                try extractor.install(layer, into: root + "/opt", layer: layer)
            }
            return ExtractedLayout(
                root: root, taskRoot: taskRoot, inPlace: inPlace, layerProviders: extractor.layerProviders,
                unzippedBytes: extractor.writtenBytes)
        } catch {
            try? FileTree.removeTree(root)
            throw error
        }
    }

    /// Deletes `root` and everything in it (never the caller's function folder). Safe to call twice.
    public func remove() {
        try? FileTree.removeTree(root)
    }
}
