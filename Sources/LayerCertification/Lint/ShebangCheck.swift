import Foundation

/// Checks a script bootstrap's `#!` line as the kernel reads it: at most the first 256 bytes
/// (BINPRM_BUF_SIZE), the interpreter path up to the first blank, the rest passed as one argument.
struct ShebangCheck {
    let layout: LintLayout

    /// Lambda's PATH for the runtime (runtime-api.md §2.1), searched by `#!/usr/bin/env program`.
    static let lambdaPath = ["/usr/local/bin", "/usr/bin", "/bin", "/opt/bin"]

    func findings(head: [UInt8], input: String?, file: String) -> [LintFinding] {
        let window = head.prefix(256)
        let lineBytes = window.prefix { $0 != 0x0A }
        let line = String(decoding: lineBytes.dropFirst(2), as: UTF8.self)
        if lineBytes.last == 0x0D {
            let shown = line.dropLast().trimmingCharacters(in: [" ", "\t"])
            return [
                LintFinding(
                    .shebangCRLF, input: input, file: file,
                    message: "The #! line of \(file) ends in CRLF, so the kernel looks for the interpreter "
                        + "\"\(shown)\\r\", which does not exist (\"no such file or directory\"); save the file with "
                        + "LF line endings (dos2unix, or .gitattributes `bootstrap text eol=lf`).")
            ]
        }
        let trimmed = line.trimmingCharacters(in: [" ", "\t", "\r"])
        let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        guard let interpreter = parts.first.map(String.init) else {
            return [missing(file: file, input: input, message: "The #! line of \(file) names no interpreter.")]
        }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: [" ", "\t"]) : nil
        switch check(interpreter) {
        case .found(let local):
            if interpreter.split(separator: "/").last == "env", let argument {
                return envFindings(argument, env: local, input: input, file: file)
            }
            return []
        case .notExecutable(let local):
            return [
                missing(
                    file: file, input: input,
                    message: "The #! interpreter \(interpreter) of \(file) exists (\(local)) but is not executable.")
            ]
        case .absent(let looked):
            return [
                missing(
                    file: file, input: input,
                    message: "The #! interpreter \(interpreter) of \(file) does not exist: looked at \(looked). "
                        + "Ship it in a layer (e.g. /opt/bin) or use one the base system has.")
            ]
        }
    }

    enum Lookup {
        case found(String)
        case notExecutable(String)
        case absent(String)
    }

    /// An interpreter path as Lambda resolves it: /opt → layers, /var/task → function, relative → from /var/task.
    func check(_ interpreter: String) -> Lookup {
        let location: LintLayout.Location =
            interpreter.hasPrefix("/")
            ? layout.locate(lambdaPath: interpreter) : .layout(layout.taskRoot + "/" + interpreter)
        switch location {
        case .layout(let local), .baseSystem(let local):
            guard FileSystem.kind(at: local, followingSymlinks: true) != nil else {
                let place = if case .layout = location { "the layout (\(local))" } else { layout.baseSystemName }
                return .absent(place)
            }
            return FileSystem.isExecutableFile(local) ? .found(local) : .notExecutable(local)
        case .unavailable:
            return .absent("/var/runtime, which is empty for custom runtimes")
        }
    }

    /// `#!/usr/bin/env program`: env looks the program up on Lambda's PATH.
    private func envFindings(_ argument: String, env: String, input: String?, file: String) -> [LintFinding] {
        let words = argument.split(separator: " ").map(String.init)
        // `env -S "prog args"` and other options: only the plain form is checked.
        guard let program = words.first, !program.hasPrefix("-"), !program.contains("=") else { return [] }
        if program.contains("/") {
            if case .found = check(program) { return [] }
            return [
                missing(
                    file: file, input: input,
                    message: "The #! line of \(file) runs env with \(program), which does not exist.")
            ]
        }
        for directory in Self.lambdaPath {
            if case .found = check(directory + "/" + program) { return [] }
        }
        return [
            missing(
                file: file, input: input,
                message: "The #! line of \(file) runs \"env \(program)\", but \(program) is not on Lambda's PATH "
                    + "(\(Self.lambdaPath.joined(separator: ":"))) in the layers or on this machine.")
        ]
    }

    private func missing(file: String, input: String?, message: String) -> LintFinding {
        LintFinding(.shebangInterpreterMissing, input: input, file: file, message: message)
    }
}
