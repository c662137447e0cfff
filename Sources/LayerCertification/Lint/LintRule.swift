import ConformanceModel

/// Every check layer lint makes, by stable id (SARIF `ruleId`), with its level and a one-line description.
///
/// Ids never change meaning; a new check gets a new id.
public enum LintRule: String, Codable, Sendable, CaseIterable {
    case bootstrapMissing = "layer.bootstrap.missing"
    case bootstrapDanglingSymlink = "layer.bootstrap.dangling-symlink"
    case bootstrapNotAFile = "layer.bootstrap.not-a-file"
    case bootstrapNotExecutable = "layer.bootstrap.not-executable"
    case bootstrapNotWorldAccessible = "layer.bootstrap.not-world-accessible"
    case bootstrapUnknownFormat = "layer.bootstrap.unknown-format"
    case bootstrapOverridden = "layer.bootstrap.overridden-by-function"
    case shebangCRLF = "layer.shebang.crlf"
    case shebangInterpreterMissing = "layer.shebang.interpreter-missing"
    case elfMalformed = "layer.elf.malformed"
    case elfArchitecture = "layer.elf.architecture"
    case elfLoaderMissing = "layer.elf.loader-missing"
    case elfLibraryMissing = "layer.elf.library-missing"
    case elfLibrariesUnchecked = "layer.elf.libraries-unchecked"
    case filesShadowed = "layer.files.shadowed"

    public var level: Level {
        switch self {
        case .bootstrapMissing, .bootstrapDanglingSymlink, .bootstrapNotAFile, .bootstrapNotExecutable,
            .bootstrapUnknownFormat, .shebangCRLF, .shebangInterpreterMissing, .elfMalformed, .elfArchitecture,
            .elfLoaderMissing:
            .must
        case .bootstrapNotWorldAccessible, .bootstrapOverridden, .elfLibraryMissing:
            .should
        case .elfLibrariesUnchecked, .filesShadowed:
            .info
        }
    }

    /// What the rule checks, as a requirement (SARIF `shortDescription`).
    public var summary: String {
        switch self {
        case .bootstrapMissing:
            "There is a bootstrap to start: at the function's root (/var/task) or a layer's zip root (/opt)."
        case .bootstrapDanglingSymlink: "A bootstrap symlink leads to a file that exists."
        case .bootstrapNotAFile: "The bootstrap is a regular file, not a folder or a device."
        case .bootstrapNotExecutable: "The bootstrap has its executable bit, as stored in the zip."
        case .bootstrapNotWorldAccessible:
            "The bootstrap is executable and readable by every user: Lambda does not start it as its owner."
        case .bootstrapUnknownFormat: "The bootstrap is an ELF executable or a script that starts with #!."
        case .bootstrapOverridden: "A layer's bootstrap is not hidden by one in the function code (/var/task wins)."
        case .shebangCRLF: "The #! line ends in LF, not CRLF (the kernel would look for an interpreter ending in \\r)."
        case .shebangInterpreterMissing: "The #! interpreter exists in the layers, the function or the base system."
        case .elfMalformed: "The ELF bootstrap's headers can be read."
        case .elfArchitecture: "The ELF bootstrap is built for the function's architecture."
        case .elfLoaderMissing: "The ELF bootstrap's dynamic loader (PT_INTERP) exists."
        case .elfLibraryMissing:
            "Every shared library the bootstrap needs (DT_NEEDED) is in the layers, the function or the base system."
        case .elfLibrariesUnchecked: "The shared libraries could be checked."
        case .filesShadowed: "A later layer replaces a file of an earlier one (last write wins)."
        }
    }
}
