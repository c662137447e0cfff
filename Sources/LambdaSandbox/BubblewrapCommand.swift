/// The bubblewrap command line that builds Lambda's file-system view for one bootstrap start
/// (runtime-api.md §2.1, §3.1): `/var/task` and `/opt` read-only, `/var/runtime`, the environment's `/tmp`, the
/// system folders read-only, a fresh `/proc` and `/dev`, uid 993 / gid 990 (Lambda's sbx_user1051), its own PID
/// namespace, working directory `/var/task`. Everything else of the host (home, checkout, the rest of /tmp) is absent.
struct BubblewrapCommand {
    /// Lambda's sandbox user and group.
    static let uid = 993
    static let gid = 990
    /// The system folders taken from the root file system: enough for a dynamic loader, libc and a shell.
    static let systemEntries = ["usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32"]

    /// The root file system the system folders come from: `/` (the host) or an extracted image.
    var rootFileSystem: String
    var taskRoot: String
    var optDirectory: String
    var runtimeDirectory: String
    var tmpDirectory: String
    /// Top-level symlinks of the task root that leave it, by name, with the file or folder they resolve to.
    /// `/var/task` is then assembled entry by entry with the targets in the symlinks' places, as `zip` stores a
    /// symlink's target when the folder is packaged (a symlink into the host would dangle on Lambda).
    var escapingSymlinks: [String: String] = [:]
    /// The bootstrap as the runtime sees it, e.g. `/var/task/bootstrap`.
    var bootstrap: String

    var arguments: [String] {
        var arguments = [
            "--unshare-user", "--uid", String(Self.uid), "--gid", String(Self.gid),
            "--unshare-pid", "--unshare-ipc", "--die-with-parent",
        ]
        let root = rootFileSystem.hasSuffix("/") ? String(rootFileSystem.dropLast()) : rootFileSystem
        for entry in Self.systemEntries {
            let path = root + "/" + entry
            switch FileTree.kind(at: path) {
            case .symlink:
                if let target = try? FileTree.symlinkTarget(path) { arguments += ["--symlink", target, "/" + entry] }
            case .directory: arguments += ["--ro-bind", path, "/" + entry]
            default: continue
            }
        }
        arguments += ["--dir", "/var"]
        if !escapingSymlinks.isEmpty {
            arguments += ["--dir", "/var/task"]
            for entry in FileTree.directoryEntries(taskRoot) {
                let source = escapingSymlinks[entry] ?? taskRoot + "/" + entry
                if escapingSymlinks[entry] == nil, FileTree.kind(at: source) == .symlink,
                    let target = try? FileTree.symlinkTarget(source)
                {
                    arguments += ["--symlink", target, "/var/task/" + entry]
                } else {
                    arguments += ["--ro-bind", source, "/var/task/" + entry]
                }
            }
        } else {
            arguments += ["--ro-bind", taskRoot, "/var/task"]
        }
        arguments += [
            "--ro-bind", optDirectory, "/opt",
            "--ro-bind", runtimeDirectory, "/var/runtime",
            "--bind", tmpDirectory, "/tmp",
            "--proc", "/proc",
            "--dev", "/dev",
        ]
        arguments += ["--remount-ro", "/", "--chdir", "/var/task", "--", bootstrap]
        return arguments
    }
}
