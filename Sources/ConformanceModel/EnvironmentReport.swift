/// Where a run's runtime ran: the isolation, the limits and the root file system. A verdict is only worth what
/// this place is worth, so every report and certification records it.
public struct EnvironmentReport: Codable, Sendable, Hashable {
    /// `lambda` (Lambda's file-system view, uid 993, limits) or `process` (private folders, no limits).
    public var isolation: Isolation
    public var memoryMB: Int
    public var ephemeralStorageMB: Int
    /// `host` (the machine's own /usr, /etc, /lib) or the `--rootfs` folder.
    public var rootFileSystem: String
    /// Limits that could not be enforced on this machine, with the reason (empty when all are).
    public var unenforcedLimits: [String]

    public init(
        isolation: Isolation, memoryMB: Int, ephemeralStorageMB: Int, rootFileSystem: String = "host",
        unenforcedLimits: [String] = []
    ) {
        self.isolation = isolation
        self.memoryMB = memoryMB
        self.ephemeralStorageMB = ephemeralStorageMB
        self.rootFileSystem = rootFileSystem
        self.unenforcedLimits = unenforcedLimits
    }
}
