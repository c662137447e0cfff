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
    private let image: String?

    /// Makes `root/tmp` (and, when allowed, `root/tmp.img` mounted on it).
    static func create(in root: String, sizeMB: Int?) throws(SandboxError) -> EphemeralStorage {
        let folder = root + "/tmp"
        try FileTree.makeDirectory(folder, mode: 0o700)
        guard let sizeMB else {
            return EphemeralStorage(folder: folder, enforcedMB: nil, unenforcedReason: nil, image: nil)
        }
        func plain(_ reason: String) -> EphemeralStorage {
            chmod(folder, 0o1777)
            return EphemeralStorage(folder: folder, enforcedMB: nil, unenforcedReason: reason, image: nil)
        }
        guard geteuid() == 0 else { return plain("mounting a sized /tmp needs root") }
        guard let mkfs = HostCommand.locate("mkfs.ext4"), let mount = HostCommand.locate("mount") else {
            return plain("mkfs.ext4 or mount is missing (Debian package e2fsprogs, mount)")
        }
        let image = root + "/tmp.img"
        guard FileManager.default.createFile(atPath: image, contents: nil), truncate(image, off_t(sizeMB) << 20) == 0
        else { return plain("could not create the image \(image): \(POSIXErrorNumber.current)") }
        // No reserved blocks and no journal: the runtime gets all of it, and creation stays in milliseconds.
        let made = HostCommand.run(mkfs, ["-q", "-F", "-m", "0", "-O", "^has_journal", image])
        guard made.succeeded else {
            unlink(image)
            return plain("mkfs.ext4 failed: \(made.errorOutput)")
        }
        let mounted = HostCommand.run(mount, ["-o", "loop,nosuid,nodev", image, folder])
        guard mounted.succeeded else {
            unlink(image)
            return plain("mounting a loop device failed: \(mounted.errorOutput)")
        }
        LiveResources.add(mount: folder)
        rmdir(folder + "/lost+found")
        chmod(folder, 0o1777)
        return EphemeralStorage(folder: folder, enforcedMB: sizeMB, unenforcedReason: nil, image: image)
    }

    /// Unmounts the file system (lazily, so a process still holding a file cannot keep it) and deletes the image.
    func remove() {
        guard let image else { return }
        Self.unmount(folder)
        LiveResources.remove(mount: folder)
        unlink(image)
    }

    static func unmount(_ folder: String) {
        if let umount = HostCommand.locate("umount") { _ = HostCommand.run(umount, ["-l", folder]) }
    }
}
