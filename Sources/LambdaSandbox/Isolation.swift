import ConformanceModel

/// What the user asked for: a particular isolation, or the best this machine supports.
public enum IsolationRequest: String, Sendable, Hashable, CaseIterable {
    case auto
    case lambda
    case process
}

/// Lambda's limits for one execution environment (runtime-api.md §7), checked on construction.
public struct EnvironmentLimits: Sendable, Hashable {
    /// "128–10,240 MB in 1-MB steps".
    public static let memoryRange = 128...10_240
    /// "/tmp 512–10,240 MB in 1-MB steps".
    public static let ephemeralStorageRange = 512...10_240
    /// "processes+threads 1,024".
    public static let maximumProcesses = 1024

    public let memoryMB: Int
    public let ephemeralStorageMB: Int

    public init(memoryMB: Int = 128, ephemeralStorageMB: Int = 512) throws(SandboxError) {
        guard Self.memoryRange.contains(memoryMB) else {
            throw SandboxError(
                .invalidLimit,
                "Memory of \(memoryMB) MB is outside Lambda's range of \(Self.memoryRange.lowerBound)–"
                    + "\(Self.memoryRange.upperBound) MB.")
        }
        guard Self.ephemeralStorageRange.contains(ephemeralStorageMB) else {
            throw SandboxError(
                .invalidLimit,
                "Ephemeral storage of \(ephemeralStorageMB) MB is outside Lambda's range of "
                    + "\(Self.ephemeralStorageRange.lowerBound)–\(Self.ephemeralStorageRange.upperBound) MB.")
        }
        self.memoryMB = memoryMB
        self.ephemeralStorageMB = ephemeralStorageMB
    }
}
