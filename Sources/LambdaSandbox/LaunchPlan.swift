import ConformanceModel

/// Everything needed to start one bootstrap: the command, its environment, and where its processes are confined.
public struct LaunchPlan: Sendable {
    public var executable: String
    /// argv[1...]; argv[0] is `executable`.
    public var arguments: [String]
    public var environment: [String: String]
    public var workingDirectory: String
    /// Every process of the bootstrap joins this cgroup before it starts.
    public var cgroup: ResourceCgroup?
    /// bubblewrap reports a child killed by signal N as exit status 128+N; this turns it back into the signal.
    public var signalsAsExitCodes: Bool
    /// The FIFO the sandbox waits on (as fd 3) before it starts the bootstrap: a start prepared ahead of its time.
    public var startGate: String?
    /// Start a `GroupWatchdog` that kills the process group if lambdaspec dies (no PID namespace does it).
    public var watchesGroup: Bool

    public init(
        executable: String, arguments: [String] = [], environment: [String: String], workingDirectory: String,
        cgroup: ResourceCgroup? = nil, signalsAsExitCodes: Bool = false, watchesGroup: Bool = false
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.cgroup = cgroup
        self.signalsAsExitCodes = signalsAsExitCodes
        self.watchesGroup = watchesGroup
    }
}

extension SandboxLayout {
    /// How to start this layout's bootstrap with `environment`: directly (`process`), or inside bubblewrap and the
    /// environment's cgroup (`lambda`).
    ///
    /// - Parameter held: build the sandbox now but start the bootstrap only at `startGate.release()` (`lambda`
    ///   isolation with a gate; otherwise ignored).
    public func launchPlan(environment: [String: String], held: Bool = false) throws(SandboxError) -> LaunchPlan {
        guard let sandboxArguments else {
            return LaunchPlan(
                executable: bootstrapPath, environment: environment, workingDirectory: taskRoot, watchesGroup: true)
        }
        var plan = LaunchPlan(
            executable: try IsolationProbe.bubblewrap.get(), arguments: sandboxArguments, environment: environment,
            workingDirectory: root, cgroup: cgroup, signalsAsExitCodes: true)
        if held, let startGate {
            plan.arguments = ["--block-fd", "3"] + plan.arguments
            plan.startGate = startGate.path
        }
        return plan
    }

    /// The task root's top-level symlinks that resolve outside it, with their targets.
    static func escapingSymlinks(of taskRoot: String) -> [String: String] {
        let base = FileTree.realPath(taskRoot) ?? taskRoot
        var found: [String: String] = [:]
        for entry in FileTree.directoryEntries(taskRoot) where FileTree.kind(at: taskRoot + "/" + entry) == .symlink {
            if let target = FileTree.realPath(taskRoot + "/" + entry), !FileTree.isContained(target, in: base) {
                found[entry] = target
            }
        }
        return found
    }

    /// A host path inside the task root or `/opt` as the runtime sees it in `lambda` isolation.
    static func lambdaPath(of hostPath: String, taskRoot: String, optDirectory: String) -> String {
        if hostPath.hasPrefix(taskRoot + "/") { return "/var/task" + hostPath.dropFirst(taskRoot.count) }
        if hostPath.hasPrefix(optDirectory + "/") { return "/opt" + hostPath.dropFirst(optDirectory.count) }
        return hostPath
    }
}
