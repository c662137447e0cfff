/// Finds the bootstrap Lambda would start (the task root first, then /opt; a broken first one is not skipped)
/// and checks it: present, a regular file once symlinks are followed, executable, and a format the kernel runs.
struct BootstrapCheck {
    let layout: LintLayout
    let base: BaseSystem
    let architecture: Architecture

    struct Outcome {
        var findings: [LintFinding] = []
        /// e.g. `/opt/bootstrap (from shell.zip)`; nil when there is none.
        var description: String?
    }

    func run() -> Outcome {
        var outcome = Outcome()
        let inTask = layout.taskRoot + "/bootstrap"
        let inOpt = layout.optDirectory + "/bootstrap"
        let taskHas = FileSystem.kind(at: inTask, followingSymlinks: false) != nil
        let optHas = FileSystem.kind(at: inOpt, followingSymlinks: false) != nil
        let layerInput = layout.provider(of: "bootstrap")
        guard taskHas || optHas else {
            outcome.findings.append(missingFinding())
            return outcome
        }
        if taskHas && optHas {
            outcome.findings.append(
                LintFinding(
                    .bootstrapOverridden, input: layerInput, file: "bootstrap",
                    message: "The function code has its own bootstrap, so the one in \(layerInput ?? "the layers") is "
                        + "never started: Lambda looks in /var/task before /opt. Remove the function's bootstrap to "
                        + "run (and certify) the layer's runtime."))
        }
        let (path, input, lambdaPath) =
            taskHas ? (inTask, layout.functionPath, "/var/task/bootstrap") : (inOpt, layerInput, "/opt/bootstrap")
        outcome.description = lambdaPath + (input.map { " (from \($0))" } ?? "")
        outcome.findings += check(path, input: input)
        return outcome
    }

    private func check(_ path: String, input: String?) -> [LintFinding] {
        let file = "bootstrap"
        guard let real = FileSystem.realPath(path) else {
            let target = FileSystem.symlinkTarget(path) ?? "?"
            return [
                LintFinding(
                    .bootstrapDanglingSymlink, input: input, file: file,
                    message: "The bootstrap is a symlink to \(target), which does not exist; when zipping, store the "
                        + "file itself (zip follows symlinks unless given -y) or ship the target too.")
            ]
        }
        let shown = real == path ? "The \(file)" : "The \(file) (-> \(real))"
        guard FileSystem.kind(at: real, followingSymlinks: false) == .regular else {
            return [
                LintFinding(
                    .bootstrapNotAFile, input: input, file: file,
                    message: "\(shown) is not a regular file; Lambda needs an executable file named bootstrap.")
            ]
        }
        var findings: [LintFinding] = []
        let mode = FileSystem.mode(at: real) ?? 0
        let octal = String(mode & 0o777, radix: 8)
        let head = FileSystem.head(of: real, count: 256)
        let isScript = head.starts(with: [0x23, 0x21])
        if mode & 0o111 == 0 {
            findings.append(
                LintFinding(
                    .bootstrapNotExecutable, input: input, file: file,
                    message: "\(shown) is not executable (mode \(octal)); Lambda fails with \"permission denied\". Run "
                        + "chmod 755 on it before zipping, and use a zip tool that stores Unix modes."))
        } else if mode & 0o001 == 0 || (isScript && mode & 0o004 == 0) {
            findings.append(
                LintFinding(
                    .bootstrapNotWorldAccessible, input: input, file: file,
                    message: "\(shown) has mode \(octal): Lambda starts it as a user that does not own the deployment "
                        + "files, so it needs execute\(isScript ? " and read" : "") permission for others (chmod 755).")
            )
        }
        if ELFFile.hasMagic(head) {
            findings += ELFCheck(layout: layout, base: base, architecture: architecture)
                .findings(realPath: real, input: input, file: file)
        } else if isScript {
            findings += ShebangCheck(layout: layout).findings(head: head, input: input, file: file)
        } else {
            let what = head.isEmpty ? "is empty" : "is neither an ELF executable nor a script starting with #!"
            findings.append(
                LintFinding(
                    .bootstrapUnknownFormat, input: input, file: file,
                    message: "\(shown) \(what); the kernel refuses to run it (\"exec format error\")."))
        }
        return findings
    }

    /// Where Lambda looked, and any `bootstrap` found deeper (the classic: zipping the folder, not its contents).
    private func missingFinding() -> LintFinding {
        let function = layout.functionPath.map { "the function \($0)" } ?? "no function code"
        let layers = layout.layers.isEmpty ? "no layers" : "the layers \(layout.layers.joined(separator: ", "))"
        var message =
            "Nothing to start: no bootstrap at /var/task/bootstrap (\(function)) nor at /opt/bootstrap "
            + "(\(layers)); Lambda looks at the task root, then /opt."
        let nestedInOpt = layout.layerProviders.keys
            .filter { $0.hasSuffix("/bootstrap") && $0.split(separator: "/").count <= 4 }.sorted()
        let nestedInTask = FileSystem.find(named: "bootstrap", under: layout.taskRoot, depth: 3)
        var hints = nestedInOpt.prefix(3).map { "\($0) in \(layout.provider(of: $0) ?? "a layer")" }
        hints += nestedInTask.prefix(3).map { "\($0) in the function" }
        if !hints.isEmpty {
            message +=
                " Found \(hints.joined(separator: ", ")): zip the folder's contents, not the folder, so "
                + "bootstrap sits at the zip root."
        }
        return LintFinding(.bootstrapMissing, input: nil, file: "bootstrap", message: message)
    }
}
