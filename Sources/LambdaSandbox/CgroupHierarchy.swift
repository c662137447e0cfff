import Foundation

/// Where this machine lets lambdaspec create memory and pids cgroups: cgroup v1 (one hierarchy per controller) or
/// v2 (one unified hierarchy), found from /proc/self/mountinfo rather than assumed.
public enum CgroupHierarchy: Sendable, Hashable {
    /// cgroup v1: the folders lambdaspec's groups go under, per controller.
    case v1(memory: String, pids: String?)
    /// cgroup v2: the folder lambdaspec's groups go under, with memory (and pids) delegated to its children.
    case v2(parent: String)

    /// The name a report shows: "cgroup v1" or "cgroup v2".
    public var name: String {
        switch self {
        case .v1: "cgroup v1"
        case .v2: "cgroup v2"
        }
    }

    /// The hierarchy to use, or why there is none (one sentence with the fix). Checked once per process.
    public static let detected: Result<CgroupHierarchy, SandboxError> = detect()

    private static func detect() -> Result<CgroupHierarchy, SandboxError> {
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        var v1: [String: String] = [:]
        var unified: String?
        for line in mounts.split(separator: "\n") {
            // "<id> <parent> <dev> <root> <mountpoint> <options> ... - <fstype> <source> <superoptions>"
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2 else { continue }
            let fields = halves[0].split(separator: " ")
            let tail = halves[1].split(separator: " ")
            guard fields.count >= 5, tail.count >= 3 else { continue }
            let mountPoint = String(fields[4])
            if tail[0] == "cgroup2" {
                unified = unified ?? mountPoint
            } else if tail[0] == "cgroup" {
                for option in tail[2].split(separator: ",") where option == "memory" || option == "pids" {
                    v1[String(option)] = mountPoint
                }
            }
        }
        if let memory = v1["memory"] {
            let parent = memory + "/lambdaspec"
            guard prepare(parent) else { return .failure(notWritable(memory)) }
            let pids = v1["pids"].map { $0 + "/lambdaspec" }.flatMap { prepare($0) ? $0 : nil }
            return .success(.v1(memory: parent, pids: pids))
        }
        if let unified {
            let controllers = (try? String(contentsOfFile: unified + "/cgroup.controllers", encoding: .utf8)) ?? ""
            guard controllers.split(separator: " ").contains(where: { $0.hasPrefix("memory") }) else {
                return .failure(
                    SandboxError(
                        .isolationUnavailable,
                        "The cgroup v2 hierarchy at \(unified) has no memory controller, so memory limits cannot be "
                            + "enforced; enable it (systemd: Delegate=yes) or run as root."))
            }
            let parent = unified + "/lambdaspec"
            guard prepare(parent) else { return .failure(notWritable(unified)) }
            // Children of `parent` get memory and pids only once `parent` delegates them.
            _ = try? "+memory +pids".write(
                toFile: parent + "/cgroup.subtree_control", atomically: false, encoding: .utf8)
            return .success(.v2(parent: parent))
        }
        return .failure(
            SandboxError(
                .isolationUnavailable,
                "No cgroup hierarchy with a memory controller is mounted, so memory limits cannot be enforced."))
    }

    private static func prepare(_ folder: String) -> Bool {
        if FileTree.resolvedKind(at: folder) != .directory, mkdir(folder, 0o755) != 0, errno != EEXIST { return false }
        return access(folder, W_OK) == 0
    }

    private static func notWritable(_ mount: String) -> SandboxError {
        SandboxError(
            .isolationUnavailable,
            "The memory cgroup at \(mount) is not writable by this user, so memory limits cannot be enforced; run "
                + "lambdaspec as root (sudo) or in a container that delegates cgroups.")
    }
}
