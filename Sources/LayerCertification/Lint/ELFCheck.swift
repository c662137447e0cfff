/// Checks an ELF bootstrap: readable headers, the right machine, an executable type, a dynamic loader that
/// exists, and the shared libraries it needs.
struct ELFCheck {
    let layout: LintLayout
    let base: BaseSystem
    let architecture: Architecture

    func findings(realPath: String, input: String?, file: String) -> [LintFinding] {
        let elf: ELFFile
        do {
            guard let parsed = try ELFFile.read(path: realPath) else { return [] }
            elf = parsed
        } catch {
            return [
                LintFinding(
                    .elfMalformed, input: input, file: file,
                    message: "The \(file) starts like an ELF file but \(error.message); the kernel will "
                        + "refuse to run it (\"exec format error\"). Rebuild it.")
            ]
        }
        guard elf.machine == architecture.elfMachine else {
            let built = Architecture.machineName(elf.machine)
            let bits = elf.elfClass == .elf32 ? " (32-bit)" : ""
            return [
                LintFinding(
                    .elfArchitecture, input: input, file: file,
                    message: "The \(file) is built for \(built)\(bits) (ELF e_machine \(elf.machine)), but "
                        + "the function's architecture is \(architecture) (e_machine \(architecture.elfMachine)); "
                        + "Lambda fails with \"exec format error\". Rebuild it for \(architecture), or choose "
                        + "--arch \(Architecture.allCases.first { $0.elfMachine == elf.machine }?.rawValue ?? built).")
            ]
        }
        guard elf.type == 2 || elf.type == 3 else {
            return [
                LintFinding(
                    .bootstrapUnknownFormat, input: input, file: file,
                    message: "The \(file) is an ELF file of type \(elf.type), not an executable (type 2, or 3 "
                        + "for a position-independent one); link it into a program.")
            ]
        }
        var findings: [LintFinding] = []
        if let loader = elf.interpreter, !loaderExists(loader) {
            findings.append(
                LintFinding(
                    .elfLoaderMissing, input: input, file: file,
                    message: "The \(file) asks for the dynamic loader \(loader) (PT_INTERP), which neither "
                        + "the layers nor the base system have, so it cannot start (\"no such file or directory\"). "
                        + "Build it against the base image's C library (glibc on provided.al2023), or link it "
                        + "statically."))
            return findings
        }
        if let problem = elf.dynamicProblem {
            findings.append(
                LintFinding(
                    .elfLibrariesUnchecked, input: input, file: file,
                    message: "The shared libraries of \(file) were not checked: its dynamic section \(problem)."))
        }
        let libraries = LibraryCheck(layout: layout, base: base, architecture: architecture)
        findings += libraries.findings(bootstrap: elf, realPath: realPath, input: input, file: file)
        return findings
    }

    private func loaderExists(_ loader: String) -> Bool {
        switch layout.locate(lambdaPath: loader) {
        case .layout(let path): FileSystem.kind(at: path, followingSymlinks: true) == .regular
        case .baseSystem(let path):
            FileSystem.kind(at: layout.resolvedBaseFile(path), followingSymlinks: true) == .regular
        case .unavailable: false
        }
    }
}
