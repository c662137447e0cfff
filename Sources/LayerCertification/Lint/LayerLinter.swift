import LambdaSandbox

/// Static checks of a function and its layers before anything runs: is there a bootstrap, will the kernel start
/// it on the chosen architecture, are its interpreter and libraries there, which layer files replace others.
///
/// The inputs are extracted with the sandbox's own defences (zip slip, symlinks, quotas), so whatever lint
/// accepts, `run` and `certify` accept too; refused inputs surface as `SandboxError`.
public struct LayerLinter: Sendable {
    public var functionPath: String?
    public var layers: [String]
    public var architecture: Architecture
    /// The machine standing in for Lambda's base image; nil: this one's.
    public var baseSystem: BaseSystem?
    /// An extracted image standing in for Lambda's base image (`--rootfs`); takes precedence over `baseSystem`.
    public var rootFileSystem: RootFileSystem?
    /// Where the temporary extraction goes; nil: the system temp folder.
    public var workingDirectory: String?
    public var byteLimit: Int64

    public init(
        functionPath: String?, layers: [String], architecture: Architecture, baseSystem: BaseSystem? = nil,
        workingDirectory: String? = nil, byteLimit: Int64 = SandboxLimits.maximumUnzippedBytes,
        rootFileSystem: RootFileSystem? = nil
    ) {
        self.rootFileSystem = rootFileSystem
        self.functionPath = functionPath
        self.layers = layers
        self.architecture = architecture
        self.baseSystem = baseSystem
        self.workingDirectory = workingDirectory
        self.byteLimit = byteLimit
    }

    /// Extracts, checks and cleans up.
    public func lint() throws(SandboxError) -> LintReport {
        let extracted = try ExtractedLayout.create(
            functionPath: functionPath, layers: layers, under: workingDirectory, byteLimit: byteLimit)
        defer { extracted.remove() }
        let layout = LintLayout(
            extracted: extracted, functionPath: functionPath, layers: layers, root: rootFileSystem)
        let base =
            rootFileSystem.map { BaseSystem.root($0, for: architecture) } ?? baseSystem
            ?? BaseSystem.host(for: architecture)
        let bootstrap = BootstrapCheck(layout: layout, base: base, architecture: architecture).run()
        var inputs = functionPath.map { [LintReport.Input(role: .function, path: $0)] } ?? []
        inputs += layers.map { LintReport.Input(role: .layer, path: $0) }
        return LintReport(
            architecture: architecture, inputs: inputs, bootstrap: bootstrap.description,
            probeManifest: LocatedProbeManifest.locate(in: layout),
            findings: bootstrap.findings + ShadowingCheck.findings(layout))
    }
}
