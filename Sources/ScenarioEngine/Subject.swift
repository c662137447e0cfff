import ConformanceModel
import Foundation
import LambdaSandbox

/// The runtime under test: where its code and layers are, its handler, and what its probe can do.
public struct Subject: Sendable {
    public var functionPath: String
    public var layers: [String]
    public var handler: String
    public var capabilities: [String]
    public var name: String
    /// Where its environments are built: Lambda's view (`lambda`) or private folders (`process`).
    public var isolation: Isolation
    /// The memory size for scenarios that do not set one (`--memory-mb`).
    public var memoryMB: Int
    /// The size of `/tmp` (`--ephemeral-storage-mb`).
    public var ephemeralStorageMB: Int
    /// Whether the memory and `/tmp` limits are enforced (set from `validate()`); scenarios that check them are
    /// skipped otherwise.
    public var limitsEnforced = false
    /// The system folders in `lambda` isolation (`--rootfs`); nil: the host's.
    public var rootFileSystem: RootFileSystem?

    public init(
        functionPath: String, layers: [String] = [], handler: String, capabilities: [String], name: String,
        isolation: Isolation = .process, memoryMB: Int = 128, ephemeralStorageMB: Int = 512
    ) {
        self.functionPath = functionPath
        self.layers = layers
        self.handler = handler
        self.capabilities = capabilities
        self.name = name
        self.isolation = isolation
        self.memoryMB = memoryMB
        self.ephemeralStorageMB = ephemeralStorageMB
    }

    /// Reads `lambdaspec.json` from the function folder; `handler` overrides the manifest's.
    ///
    /// Without a manifest every capability except streaming is assumed, so missing support shows up as failures
    /// rather than as passes.
    public static func load(
        functionPath: String, layers: [String] = [], handler: String?
    ) throws(SubjectError) -> Subject {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: functionPath, isDirectory: &isDirectory) else {
            throw SubjectError("function folder \(functionPath) does not exist")
        }
        let manifestPath = URL(fileURLWithPath: functionPath).appendingPathComponent("lambdaspec.json").path
        var manifest: ProbeManifest?
        if isDirectory.boolValue, let data = FileManager.default.contents(atPath: manifestPath) {
            do {
                manifest = try ProbeManifest.parse(data, file: manifestPath)
            } catch {
                throw SubjectError(error.description)
            }
        }
        guard let chosenHandler = handler ?? manifest?.handler else {
            throw SubjectError("no handler: pass --handler or add \"handler\" to \(manifestPath)")
        }
        let name = manifest?.name ?? URL(fileURLWithPath: functionPath).standardizedFileURL.lastPathComponent
        return Subject(
            functionPath: functionPath,
            layers: layers,
            handler: chosenHandler,
            capabilities: manifest?.capabilities ?? ProbeManifest.allCapabilities.filter { !$0.hasPrefix("stream") },
            name: name
        )
    }

    /// The configuration of one environment; `memoryMB` is the scenario's own, when it sets one.
    func sandboxConfiguration(memoryMB: Int? = nil) -> SandboxConfiguration {
        SandboxConfiguration(
            functionPath: functionPath, layers: layers, handler: handler, memoryMB: memoryMB ?? self.memoryMB,
            ephemeralStorageMB: ephemeralStorageMB, isolation: isolation, rootFileSystem: rootFileSystem)
    }

    /// What `validate` learnt for the report.
    public struct Validation: Sendable {
        /// For each `/opt` path that several layers provided, the layer that won.
        public var layerOrigins: [String: String]
        /// The isolation and limits, with those this machine cannot enforce.
        public var environment: EnvironmentReport
    }

    /// Validates in `isolation` and records whether the limits are enforced there.
    public mutating func prepare(isolation: Isolation) throws(SandboxError) -> Validation {
        self.isolation = isolation
        let validation = try validate()
        limitsEnforced = isolation == .lambda && validation.environment.unenforcedLimits.isEmpty
        return validation
    }

    /// Builds the layout once and removes it, so a missing bootstrap or bad layer stops the run before it starts.
    @discardableResult
    public func validate() throws(SandboxError) -> Validation {
        let layout = try SandboxLayout.create(sandboxConfiguration())
        defer { layout.remove() }
        if isolation == .lambda { _ = try layout.launchPlan(environment: [:]) }
        return Validation(
            layerOrigins: layout.layerOrigins,
            environment: EnvironmentReport(
                isolation: isolation, memoryMB: memoryMB, ephemeralStorageMB: ephemeralStorageMB,
                rootFileSystem: rootFileSystem?.source ?? "host", unenforcedLimits: layout.unenforcedLimits))
    }
}

/// The subject could not be set up (bad folder, bad manifest).
public struct SubjectError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }
}
