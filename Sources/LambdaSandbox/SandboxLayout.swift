import ConformanceModel

#if canImport(Glibc)
    import Glibc
#endif

/// A private folder tree for one execution environment: task root, /opt, /tmp. Removed by `remove()`.
///
/// The tree outlives bootstrap restarts on purpose: Lambda keeps /tmp across resets (runtime-api.md §3.4).
public final class SandboxLayout: Sendable {
    public let configuration: SandboxConfiguration
    /// The private folder holding everything below, e.g. /tmp/lambdaspec-XXXXXX.
    public let root: String
    /// The function code: the caller's folder used in place, or `root/task` for a zip.
    public let taskRoot: String
    /// Lambda's /opt: the layers, in order.
    public let optDirectory: String
    /// Lambda's /tmp: bound at /tmp in `lambda` isolation, exported as TMPDIR and HOME in `process` isolation.
    public var tmpDirectory: String { storage.folder }
    /// The file system behind `tmpDirectory`, sized where the machine allows.
    let storage: EphemeralStorage
    /// The memory and pids cgroup (`lambda` isolation, where the machine has one).
    public let cgroup: ResourceCgroup?
    /// Why a limit is not enforced (no cgroup, no sized /tmp), in one sentence each; empty when all are.
    public let unenforcedLimits: [String]
    /// Lambda's /var/runtime, created empty: `LAMBDA_RUNTIME_DIR`.
    public let runtimeDirectory: String
    /// The executable to start, symlinks resolved.
    public let bootstrapPath: String
    /// Where the bootstrap was found (`taskRoot/bootstrap` or `opt/bootstrap`), before resolving symlinks.
    public let bootstrapPlace: String
    /// For each opt-relative path that more than one layer provided: the layer (as configured) that won.
    public let layerOrigins: [String: String]
    /// Bytes written into the layout from zips and copied layer folders.
    public let unzippedBytes: Int64
    /// `AWS_LAMBDA_LOG_STREAM_NAME`, fixed for the life of the layout.
    public let logStreamName: String
    /// bubblewrap's arguments in `lambda` isolation, worked out once: every restart of the bootstrap sees the same
    /// view, and listing the task root and the system folders is not repeated on each cold start.
    let sandboxArguments: [String]?
    /// Where a prepared bootstrap waits until its start (`lambda` isolation); see `StartGate`.
    public let startGate: StartGate?

    private init(
        configuration: SandboxConfiguration, root: String, taskRoot: String, bootstrap: BootstrapLocator.Found,
        layerOrigins: [String: String], unzippedBytes: Int64, storage: EphemeralStorage, cgroup: ResourceCgroup?,
        unenforcedLimits: [String]
    ) {
        self.configuration = configuration
        self.root = root
        self.taskRoot = taskRoot
        self.optDirectory = root + "/opt"
        self.storage = storage
        self.cgroup = cgroup
        self.unenforcedLimits = unenforcedLimits
        self.runtimeDirectory = root + "/runtime"
        self.bootstrapPath = bootstrap.resolved
        self.bootstrapPlace = bootstrap.place
        self.layerOrigins = layerOrigins
        self.unzippedBytes = unzippedBytes
        startGate = configuration.isolation == .lambda ? try? StartGate(path: root + "/start-gate") : nil
        if configuration.isolation == .lambda {
            sandboxArguments =
                BubblewrapCommand(
                    rootFileSystem: configuration.rootFileSystem?.path ?? "/", taskRoot: taskRoot,
                    optDirectory: optDirectory, runtimeDirectory: runtimeDirectory, tmpDirectory: storage.folder,
                    escapingSymlinks: Self.escapingSymlinks(of: taskRoot),
                    bootstrap: Self.lambdaPath(of: bootstrap.place, taskRoot: taskRoot, optDirectory: optDirectory)
                ).arguments
        } else {
            sandboxArguments = nil
        }
        self.logStreamName = Self.makeLogStreamName(version: configuration.functionVersion)
    }

    /// Builds the tree, extracts the code and layers, and locates the bootstrap; cleans up after itself on failure.
    public static func create(_ configuration: SandboxConfiguration) throws(SandboxError) -> SandboxLayout {
        try create(configuration, under: FileTree.systemTemporaryDirectory)
    }

    /// Same, with the layout's root made inside `parent` instead of the system temp folder.
    public static func create(
        _ configuration: SandboxConfiguration, under parent: String
    ) throws(SandboxError) -> SandboxLayout {
        try validate(configuration)
        let root = try FileTree.makeTemporaryDirectory(prefix: "lambdaspec-", under: parent)
        LiveResources.add(folder: root)
        var storage: EphemeralStorage?
        var cgroup: ResourceCgroup?
        do {
            let isolated = configuration.isolation == .lambda
            if isolated {
                // uid 993 must be able to reach /var/task, /opt and /tmp through the private folder.
                chmod(root, 0o755)
            }
            for folder in ["opt", "runtime"] {
                try FileTree.makeDirectory(root + "/" + folder, mode: 0o755)
            }
            var unenforced: [String] = []
            let made = try EphemeralStorage.create(
                in: root, sizeMB: isolated ? configuration.ephemeralStorageMB : nil)
            storage = made
            if let reason = made.unenforcedReason { unenforced.append("/tmp size not enforced: \(reason)") }
            if isolated {
                do {
                    cgroup = try ResourceCgroup.create(
                        name: String(root.split(separator: "/").last ?? "environment"),
                        memoryMB: configuration.memoryMB)
                } catch {
                    unenforced.append("memory limit not enforced: \(error.message)")
                }
            }
            var extractor = LayerExtractor()
            let taskRoot: String
            if FileTree.resolvedKind(at: configuration.functionPath) == .directory,
                let resolved = FileTree.realPath(configuration.functionPath)
            {
                taskRoot = resolved
            } else {
                taskRoot = root + "/task"
                try FileTree.makeDirectory(taskRoot)
                try extractor.install(configuration.functionPath, into: taskRoot, layer: nil)
            }
            for layer in configuration.layers {
                try extractor.install(layer, into: root + "/opt", layer: layer)
            }
            let bootstrap = try BootstrapLocator.locate(taskRoot: taskRoot, optDirectory: root + "/opt")
            return SandboxLayout(
                configuration: configuration, root: root, taskRoot: taskRoot, bootstrap: bootstrap,
                layerOrigins: extractor.overlaps, unzippedBytes: extractor.writtenBytes, storage: made,
                cgroup: cgroup, unenforcedLimits: unenforced)
        } catch {
            cgroup?.remove()
            storage?.remove()
            try? FileTree.removeTree(root)
            LiveResources.remove(folder: root)
            throw error
        }
    }

    /// Deletes the cgroup, unmounts /tmp, and deletes `root` and everything in it (never the caller's function
    /// folder). Safe to call twice.
    public func remove() {
        cgroup?.remove()
        storage.remove()
        try? FileTree.removeTree(root)
        LiveResources.remove(folder: root)
    }

    /// Refuses what Lambda would refuse before touching the disk.
    private static func validate(_ configuration: SandboxConfiguration) throws(SandboxError) {
        try validateInputs(functionPath: configuration.functionPath, layers: configuration.layers)
        _ = try EnvironmentLimits(
            memoryMB: configuration.memoryMB, ephemeralStorageMB: configuration.ephemeralStorageMB)
        if let rootFileSystem = configuration.rootFileSystem, configuration.isolation != .lambda {
            throw SandboxError(
                .isolationUnavailable,
                "--rootfs \(rootFileSystem.source) needs lambda isolation, but this run uses "
                    + "\(configuration.isolation.rawValue) isolation; install bubblewrap or drop --rootfs.")
        }
    }

    /// The checks shared with `ExtractedLayout`: at most 5 layers, and every path exists (no function is fine).
    static func validateInputs(functionPath: String?, layers: [String]) throws(SandboxError) {
        guard layers.count <= SandboxLimits.maximumLayers else {
            throw SandboxError(
                .tooManyLayers,
                "\(layers.count) layers given, but Lambda allows at most \(SandboxLimits.maximumLayers) per function.")
        }
        if let functionPath, FileTree.resolvedKind(at: functionPath) == nil {
            throw SandboxError(
                .pathNotFound, "The function code path \(functionPath) does not exist.", path: functionPath)
        }
        for layer in layers where FileTree.resolvedKind(at: layer) == nil {
            throw SandboxError(.pathNotFound, "The layer path \(layer) does not exist.", path: layer)
        }
    }

    /// `yyyy/mm/dd/[version]` followed by 32 hex digits, as Lambda names log streams (UTC date).
    private static func makeLogStreamName(version: String) -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
        let date = "\(pad(parts.tm_year + 1900, 4))/\(pad(parts.tm_mon + 1, 2))/\(pad(parts.tm_mday, 2))"
        return "\(date)/[\(version)]\(hex)"
    }
}
