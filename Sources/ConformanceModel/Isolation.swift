/// How an execution environment is separated from the machine it runs on.
public enum Isolation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lambda's file-system view (bubblewrap), an unprivileged uid, a PID namespace and, where the machine
    /// allows, a memory and pids cgroup: the runtime sees what it sees on Lambda.
    case lambda
    /// The first version's: private folders reached through environment variables (`TMPDIR`), the caller's uid,
    /// no limits. Runs anywhere; a runtime that passes here may still break on Lambda.
    case process
}
