import Foundation

/// One execution environment's memory and pids cgroup: the kernel enforces `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` and
/// the 1,024-process quota on every process the bootstrap starts, and reports peak memory and OOM kills.
///
/// Created per environment and kept across bootstrap restarts, so peak and OOM figures cover the environment's
/// life; `remove()` deletes it once every process in it is gone.
public final class ResourceCgroup: Sendable {
    public let hierarchy: CgroupHierarchy
    /// The group's folders (one per v1 controller, one for v2).
    private let folders: [String]
    private let memoryFolder: String

    private init(hierarchy: CgroupHierarchy, folders: [String], memoryFolder: String) {
        self.hierarchy = hierarchy
        self.folders = folders
        self.memoryFolder = memoryFolder
    }

    /// Creates a group named `name` with the given limits; throws when the machine has no usable hierarchy.
    public static func create(name: String, memoryMB: Int) throws(SandboxError) -> ResourceCgroup {
        let hierarchy = try CgroupHierarchy.detected.get()
        let bytes = String(memoryMB * 1024 * 1024)
        let pidsLimit = String(EnvironmentLimits.maximumProcesses)
        let group: ResourceCgroup
        switch hierarchy {
        case .v1(let memoryParent, let pidsParent):
            let memory = memoryParent + "/" + name
            let folders = [memory] + (pidsParent.map { [$0 + "/" + name] } ?? [])
            group = ResourceCgroup(hierarchy: hierarchy, folders: folders, memoryFolder: memory)
            try group.makeFolders()
            try group.write(bytes, to: memory + "/memory.limit_in_bytes")
            // Without swap accounting this file is absent; with it, swap must not extend the limit.
            try? group.write(bytes, to: memory + "/memory.memsw.limit_in_bytes")
            if folders.count > 1 { try group.write(pidsLimit, to: folders[1] + "/pids.max") }
        case .v2(let parent):
            let folder = parent + "/" + name
            group = ResourceCgroup(hierarchy: hierarchy, folders: [folder], memoryFolder: folder)
            try group.makeFolders()
            try group.write(bytes, to: folder + "/memory.max")
            try? group.write("0", to: folder + "/memory.swap.max")
            try? group.write(pidsLimit, to: folder + "/pids.max")
        }
        return group
    }

    /// The `cgroup.procs` files a starting process writes its pid into, so it and every child it forks are inside
    /// from the first instruction.
    public var processFiles: [String] { folders.map { $0 + "/cgroup.procs" } }

    /// How many processes the kernel's OOM killer has killed in this group so far.
    public var outOfMemoryKills: Int {
        switch hierarchy {
        case .v1: counter("oom_kill", in: memoryFolder + "/memory.oom_control") ?? 0
        case .v2: counter("oom_kill", in: memoryFolder + "/memory.events") ?? 0
        }
    }

    /// Peak memory charged to the group, in KiB (v2 kernels before 5.19 have no `memory.peak`: the current use).
    public var peakKilobytes: Int? {
        let file: String
        switch hierarchy {
        case .v1: file = memoryFolder + "/memory.max_usage_in_bytes"
        case .v2:
            file =
                memoryFolder
                + (FileTree.kind(at: memoryFolder + "/memory.peak") == nil ? "/memory.current" : "/memory.peak")
        }
        return read(file).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.map { $0 / 1024 }
    }

    /// The pids still in the group (for the kill that precedes `remove`).
    public var processes: [Int32] {
        folders.flatMap { folder in
            (read(folder + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { Int32($0) }
        }
    }

    /// Kills every process in the group, then deletes its folders (a cgroup can only be removed empty). Best effort:
    /// retries for up to a second while the kernel reaps.
    public func remove() {
        for _ in 0..<100 {
            let live = processes
            for pid in live { kill(pid, SIGKILL) }
            folders.forEach { rmdir($0) }
            if folders.allSatisfy({ FileTree.kind(at: $0) == nil }) {
                LiveResources.remove(cgroups: folders)
                return
            }
            usleep(10_000)
        }
    }

    private func makeFolders() throws(SandboxError) {
        LiveResources.add(cgroups: folders)
        for folder in folders where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            let cause = POSIXErrorNumber.current
            remove()
            throw SandboxError(
                .isolationUnavailable, "Could not create the cgroup \(folder).", path: folder, underlying: cause)
        }
    }

    private func write(_ value: String, to file: String) throws(SandboxError) {
        do {
            try value.write(toFile: file, atomically: false, encoding: .utf8)
        } catch {
            remove()
            throw SandboxError(.isolationUnavailable, "Could not write \(value) to \(file): \(error).", path: file)
        }
    }

    private func read(_ file: String) -> String? { try? String(contentsOfFile: file, encoding: .utf8) }

    /// The number after `key` in a "key value" file.
    private func counter(_ key: String, in file: String) -> Int? {
        for line in (read(file) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == key { return Int(parts[1]) }
        }
        return nil
    }
}
