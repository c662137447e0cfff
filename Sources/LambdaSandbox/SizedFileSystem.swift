import Foundation
import Synchronization

/// An ext4 file system of a given size on a sparse image, loop-mounted: the storage behind a sized `/tmp`.
///
/// Making one costs a `mkfs` and a `mount` (about 0.1 s with its unmount); a run builds one environment per
/// scenario, so file systems are pooled: an environment's `/tmp` is emptied when the environment ends and handed
/// to the next environment of the same size. The next runtime finds an empty file system, as a fresh one would be.
struct SizedFileSystem: Sendable {
    /// The private folder holding the image and the mount point.
    let home: String
    let mountPoint: String
    let sizeMB: Int

    /// Makes and mounts one, or says why it cannot.
    static func make(sizeMB: Int) -> Result<SizedFileSystem, Reason> {
        guard geteuid() == 0 else { return .failure(Reason("mounting a sized /tmp needs root")) }
        guard let mkfs = HostCommand.locate("mkfs.ext4"), let mount = HostCommand.locate("mount") else {
            return .failure(Reason("mkfs.ext4 or mount is missing (Debian package e2fsprogs, mount)"))
        }
        let home: String
        do {
            home = try FileTree.makeTemporaryDirectory(
                prefix: "lambdaspec-storage-", under: FileTree.systemTemporaryDirectory)
        } catch {
            return .failure(Reason("could not make a folder for /tmp's image: \(error.message)"))
        }
        LiveResources.add(folder: home)
        let image = home + "/tmp.img"
        let mountPoint = home + "/tmp"
        func fail(_ reason: String) -> Result<SizedFileSystem, Reason> {
            try? FileTree.removeTree(home)
            LiveResources.remove(folder: home)
            return .failure(Reason(reason))
        }
        guard (try? FileTree.makeDirectory(mountPoint)) != nil,
            FileManager.default.createFile(atPath: image, contents: nil), truncate(image, off_t(sizeMB) << 20) == 0
        else { return fail("could not create the image \(image): \(POSIXErrorNumber.current)") }
        // No reserved blocks and no journal: the runtime gets all of it, and creation stays in milliseconds.
        let made = HostCommand.run(mkfs, ["-q", "-F", "-m", "0", "-O", "^has_journal", image])
        guard made.succeeded else { return fail("mkfs.ext4 failed: \(made.errorOutput)") }
        // discard: what the runtime deletes is given back to the host's disk (the image stays sparse).
        let mounted = HostCommand.run(mount, ["-o", "loop,nosuid,nodev,discard", image, mountPoint])
        guard mounted.succeeded else { return fail("mounting a loop device failed: \(mounted.errorOutput)") }
        LiveResources.add(mount: mountPoint)
        let fileSystem = SizedFileSystem(home: home, mountPoint: mountPoint, sizeMB: sizeMB)
        guard fileSystem.empty() else {
            fileSystem.destroy()
            return .failure(Reason("the new /tmp file system at \(mountPoint) could not be prepared"))
        }
        return .success(fileSystem)
    }

    /// Removes everything the runtime left and restores `/tmp`'s mode; false if something could not be removed.
    func empty() -> Bool {
        for entry in FileTree.directoryEntries(mountPoint) {
            do { try FileTree.removeTree(mountPoint + "/" + entry) } catch { return false }
        }
        return chmod(mountPoint, 0o1777) == 0 && FileTree.directoryEntries(mountPoint).isEmpty
    }

    /// Unmounts (lazily, so a process still holding a file cannot keep it) and deletes the image.
    func destroy() {
        Self.unmount(mountPoint)
        LiveResources.remove(mount: mountPoint)
        try? FileTree.removeTree(home)
        LiveResources.remove(folder: home)
    }

    static func unmount(_ mountPoint: String) {
        _ = umount2(mountPoint, Int32(MNT_DETACH))
    }

    struct Reason: Error, Sendable {
        var text: String
        init(_ text: String) { self.text = text }
    }
}

/// Idle sized file systems by size, handed out before new ones are made.
enum SizedFileSystemPool {
    /// Idle file systems kept per size: enough for `--jobs` on a typical CI machine; more are destroyed.
    static let idleLimit = 8
    private static let idle = Mutex<[Int: [SizedFileSystem]]>([:])

    static func take(sizeMB: Int) -> Result<SizedFileSystem, SizedFileSystem.Reason> {
        if let reused = idle.withLock({ $0[sizeMB]?.popLast() }) { return .success(reused) }
        releaseAtExit
        return SizedFileSystem.make(sizeMB: sizeMB)
    }

    /// A process that never calls `LiveResources.releaseAll` itself (a test runner) still unmounts the pool.
    private static let releaseAtExit: Void = { atexit { LiveResources.releaseAll() } }()

    static func giveBack(_ fileSystem: SizedFileSystem) {
        guard fileSystem.empty() else { return fileSystem.destroy() }
        let kept = idle.withLock { idle in
            guard idle[fileSystem.sizeMB, default: []].count < idleLimit else { return false }
            idle[fileSystem.sizeMB, default: []].append(fileSystem)
            return true
        }
        if !kept { fileSystem.destroy() }
    }

    /// Forgets the idle file systems (LiveResources unmounts and deletes them).
    static func drain() -> [SizedFileSystem] {
        idle.withLock { idle in
            defer { idle = [:] }
            return idle.values.flatMap { $0 }
        }
    }
}
