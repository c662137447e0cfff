import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Every process group and sandbox folder this process currently owns, so an interrupted run (Ctrl-C, a CI
/// timeout's SIGTERM) can still leave no bootstrap running and no folder behind: bootstraps run in their own
/// sessions, so they would not receive the terminal's signal themselves.
public enum LiveResources {
    private struct State {
        var groups: Set<Int32> = []
        var folders: Set<String> = []
        /// Mount points of sized `/tmp` file systems, unmounted before their folders are deleted.
        var mounts: Set<String> = []
        /// Cgroup folders, removed (they are empty once their processes are killed) after the groups.
        var cgroups: Set<String> = []
        /// Set by `releaseAll`: whatever registers afterwards is released at once.
        var released = false
    }

    private static let state = Mutex(State())

    static func add(group: Int32) {
        let released = state.withLock { state in
            if !state.released { state.groups.insert(group) }
            return state.released
        }
        if released { _ = kill(-group, SIGKILL) }
    }

    static func remove(group: Int32) { state.withLock { _ = $0.groups.remove(group) } }

    static func add(folder: String) {
        let released = state.withLock { state in
            if !state.released { state.folders.insert(folder) }
            return state.released
        }
        if released { try? FileTree.removeTree(folder) }
    }

    static func remove(folder: String) { state.withLock { _ = $0.folders.remove(folder) } }

    static func add(mount: String) { state.withLock { _ = $0.mounts.insert(mount) } }

    static func remove(mount: String) { state.withLock { _ = $0.mounts.remove(mount) } }

    static func add(cgroups folders: [String]) { state.withLock { $0.cgroups.formUnion(folders) } }

    static func remove(cgroups folders: [String]) { state.withLock { $0.cgroups.subtract(folders) } }

    /// How many process groups are alive right now (for tests).
    public static var liveGroupCount: Int { state.withLock { $0.groups.count } }

    /// Kills every live process group, unmounts every sized /tmp, deletes every sandbox folder and cgroup. Safe to
    /// call more than once.
    ///
    /// Two passes: SIGKILL takes effect asynchronously and other tasks may still be creating an environment, so
    /// the second pass catches what the first could not remove yet.
    public static func releaseAll() {
        _ = SizedFileSystemPool.drain()  // their mounts and folders are registered here
        for _ in 0..<2 {
            let (groups, folders, mounts, cgroups) = state.withLock { state in
                defer { state = State(released: true) }
                return (state.groups, state.folders, state.mounts, state.cgroups)
            }
            for group in groups { _ = kill(-group, SIGKILL) }
            usleep(50_000)
            for mount in mounts { SizedFileSystem.unmount(mount) }
            for cgroup in cgroups { rmdir(cgroup) }
            for folder in folders { try? FileTree.removeTree(folder) }
        }
    }
}
