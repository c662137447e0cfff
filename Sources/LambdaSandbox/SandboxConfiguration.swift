import ConformanceModel

/// What the execution environment is built from: the function code, its layers and its Lambda settings.
public struct SandboxConfiguration: Sendable {
    /// A folder (used in place as the task root) or a `.zip` (extracted into `root/task`).
    public var functionPath: String
    /// Folders or `.zip` files, extracted or copied in order into `root/opt`; the last write wins.
    public var layers: [String]
    /// The value of `_HANDLER`.
    public var handler: String
    public var functionName: String
    public var functionVersion: String
    public var memoryMB: Int
    public var region: String
    /// The size of `/tmp` in MB (Lambda's ephemeral storage).
    public var ephemeralStorageMB: Int
    public var isolation: Isolation
    /// The system folders of `lambda` isolation: an extracted image (`--rootfs`), or nil for the host's.
    public var rootFileSystem: RootFileSystem?

    public init(
        functionPath: String, layers: [String] = [], handler: String, functionName: String = "lambdaspec-probe",
        functionVersion: String = "$LATEST", memoryMB: Int = 128, region: String = "us-east-1",
        ephemeralStorageMB: Int = 512, isolation: Isolation = .process,
        rootFileSystem: RootFileSystem? = nil
    ) {
        self.rootFileSystem = rootFileSystem
        self.ephemeralStorageMB = ephemeralStorageMB
        self.isolation = isolation
        self.functionPath = functionPath
        self.layers = layers
        self.handler = handler
        self.functionName = functionName
        self.functionVersion = functionVersion
        self.memoryMB = memoryMB
        self.region = region
    }
}

/// Lambda's documented quotas that a layout enforces (runtime-api.md §7).
public enum SandboxLimits {
    /// "5 per function".
    public static let maximumLayers = 5
    /// "250 MB unzipped incl. layers and custom runtimes" (250 MiB, as Lambda counts it).
    public static let maximumUnzippedBytes: Int64 = 250 * 1024 * 1024
}
