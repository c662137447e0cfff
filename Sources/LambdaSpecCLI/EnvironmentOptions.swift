import ArgumentParser
import ConformanceModel
import LambdaSandbox
import ScenarioEngine

extension IsolationRequest: ExpressibleByArgument {}

/// How each execution environment is built, for `run`, `certify`, `bench` and `serve` alike.
struct EnvironmentOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "lambda: Lambda's file system (/var/task, /opt read-only, /tmp), uid 993, memory limit (needs bubblewrap); "
                + "process: private folders and TMPDIR, no limits; auto: lambda where this machine allows it.",
            valueName: "auto|lambda|process"))
    var isolation: IsolationRequest = .auto

    @Option(
        name: .customLong("memory-mb"),
        help: ArgumentHelp(
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE and, in lambda isolation, the memory limit (128-10240; a scenario may "
                + "set its own).",
            valueName: "N"))
    var memoryMB = 128

    @Option(
        name: .customLong("ephemeral-storage-mb"),
        help: ArgumentHelp("The size of /tmp in lambda isolation (512-10240).", valueName: "N"))
    var ephemeralStorageMB = 512

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A root file system (folder or tar, e.g. `docker export` of provided:al2023) whose /usr, /etc and /lib "
                + "replace this machine's in lambda isolation.",
            valueName: "dir|tar"))
    var rootfs: String?

    func validate() throws {
        guard EnvironmentLimits.memoryRange.contains(memoryMB) else {
            throw ValidationError("--memory-mb must be between 128 and 10240, as on Lambda")
        }
        guard EnvironmentLimits.ephemeralStorageRange.contains(ephemeralStorageMB) else {
            throw ValidationError("--ephemeral-storage-mb must be between 512 and 10240, as on Lambda")
        }
    }

    /// Applies these options to `subject` and validates it there (the one place `run`, `certify`, `bench` and
    /// `serve` do so).
    /// - Parameter root: the `--rootfs` when the caller opened it already (certify's lint reads it first).
    func prepare(_ subject: inout Subject, opened root: RootFileSystem? = nil) throws -> Subject.Validation {
        subject.memoryMB = memoryMB
        subject.ephemeralStorageMB = ephemeralStorageMB
        subject.rootFileSystem = try root ?? rootfs.map(RootFileSystem.opened)
        return try subject.prepare(isolation: resolveIsolation())
    }

    /// The isolation to use; prints the one-line warning when `auto` falls back to `process`.
    private func resolveIsolation() throws -> Isolation {
        do {
            let (isolation, warning) = try IsolationProbe.resolve(isolation)
            if let warning { FileHandleOutput.standardError(warning + "\n") }
            return isolation
        } catch {
            throw SetupError("--isolation lambda: \(error.message)")
        }
    }
}
