import ConformanceModel

/// Finds out once per process whether this machine can build `lambda` isolation, and why not.
public enum IsolationProbe {
    /// The bubblewrap executable, after a trial sandbox (user and PID namespaces, uid 993) started and exited 0.
    public static let bubblewrap: Result<String, SandboxError> = probe()

    /// The isolation to use for `request`, and the one-line warning to print when `auto` had to fall back.
    public static func resolve(_ request: IsolationRequest) throws(SandboxError) -> (Isolation, warning: String?) {
        switch request {
        case .process: return (.process, nil)
        case .lambda:
            _ = try bubblewrap.get()
            return (.lambda, nil)
        case .auto:
            switch bubblewrap {
            case .success: return (.lambda, nil)
            case .failure(let error):
                return (
                    .process,
                    "warning: using process isolation (no read-only /var/task and /opt, no uid 993, no limits): "
                        + error.message
                )
            }
        }
    }

    private static func probe() -> Result<String, SandboxError> {
        guard let path = HostCommand.locate("bwrap") else {
            return .failure(
                SandboxError(
                    .isolationUnavailable,
                    "bubblewrap (bwrap) is not installed: install the Debian/Ubuntu package bubblewrap, or pass "
                        + "--isolation process."))
        }
        let trial = HostCommand.run(
            path,
            [
                "--unshare-user", "--uid", String(BubblewrapCommand.uid), "--gid", String(BubblewrapCommand.gid),
                "--unshare-pid", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                "--", "/bin/sh", "-c", "exit 0",
            ])
        guard trial.succeeded else {
            return .failure(
                SandboxError(
                    .isolationUnavailable,
                    "bubblewrap cannot create user and PID namespaces here (\(trial.errorOutput)); allow "
                        + "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu "
                        + "24.04 kernel.apparmor_restrict_unprivileged_userns=0), run as root, or pass "
                        + "--isolation process."))
        }
        return .success(path)
    }
}
