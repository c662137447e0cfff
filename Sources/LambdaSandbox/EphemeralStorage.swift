import Foundation

/// Lambda's `/tmp` for one execution environment: a folder of its own, kept across bootstrap restarts (Lambda keeps
/// `/tmp` across a reset, runtime-api.md §3.4) and, where lambdaspec may mount file systems, a file system of
/// exactly the configured ephemeral storage, so a runtime that fills it gets `ENOSPC` as on Lambda.
///
/// The file system is ext4 on a sparse image, not tmpfs: tmpfs pages would count against the memory cgroup,
/// whereas Lambda's `/tmp` is storage, separate from the function's memory.
struct EphemeralStorage: Sendable {
    /// The host folder that becomes the runtime's `/tmp`.
    let folder: String
    /// The size enforced, or nil when the folder is a plain directory on the host's file system.
    let enforcedMB: Int?
    /// Why the size is not enforced, when it is not.
    let unenforcedReason: String?
    /// The sized file system behind `folder`, returned to the pool when the environment ends.
    private let sized: SizedFileSystem?

    /// `root/tmp` as a plain folder (`sizeMB` nil: process isolation), or a sized file system from the pool.
    static func create(in root: String, sizeMB: Int?) throws(SandboxError) -> EphemeralStorage {
        var unenforcedReason: String?
        if let sizeMB {
            switch SizedFileSystemPool.take(sizeMB: sizeMB) {
            case .success(let fileSystem):
                return EphemeralStorage(
                    folder: fileSystem.mountPoint, enforcedMB: sizeMB, unenforcedReason: nil, sized: fileSystem)
            case .failure(let reason):
                unenforcedReason = reason.text
            }
        }
        let folder = root + "/tmp"
        try FileTree.makeDirectory(folder, mode: 0o700)
        // uid 993 writes to it in lambda isolation (sticky, like /tmp; chmod, as mkdir's mode passes the umask).
        if sizeMB != nil { chmod(folder, 0o1777) }
        return EphemeralStorage(folder: folder, enforcedMB: nil, unenforcedReason: unenforcedReason, sized: nil)
    }

    /// Empties the sized file system and gives it back to the pool; a plain folder goes with the layout's root.
    func remove() {
        guard let sized else { return }
        SizedFileSystemPool.giveBack(sized)
    }
}
