import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Small POSIX file operations that never follow a symlink unless asked to, so the layout cannot reach outside itself.
enum FileTree {
    enum Kind: Equatable { case directory, regular, symlink, other }

    /// The kind of the item itself (`lstat`), or nil when nothing is there.
    static func kind(at path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return kind(of: info.st_mode)
    }

    /// The kind of what the path finally names (`stat`, symlinks followed), or nil when that does not exist.
    static func resolvedKind(at path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return kind(of: info.st_mode)
    }

    static func kind(of mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFDIR: .directory
        case S_IFREG: .regular
        case S_IFLNK: .symlink
        default: .other
        }
    }

    /// The permission bits of the item itself.
    static func permissions(at path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// The canonical absolute path (symlinks resolved), or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` is `base` or lies under it; both must already be canonical.
    static func isContained(_ path: String, in base: String) -> Bool {
        path == base || path.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SandboxError) {
        guard mkdir(path, mode) == 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(.fileSystem, "Could not create the folder \(path).", path: path, underlying: cause)
        }
    }

    /// Deletes `path` and everything under it without following symlinks; missing is fine.
    ///
    /// Folders are made writable first because zips may carry read-only folder modes.
    static func removeTree(_ path: String) throws(SandboxError) {
        guard let kind = kind(at: path) else { return }
        if kind == .directory {
            _ = chmod(path, 0o700)
            for name in directoryEntries(path) {
                try removeTree(path + "/" + name)
            }
            guard rmdir(path) == 0 || errno == ENOENT else {
                let cause = POSIXErrorNumber.current
                throw SandboxError(.fileSystem, "Could not delete the folder \(path).", path: path, underlying: cause)
            }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else {
                let cause = POSIXErrorNumber.current
                throw SandboxError(.fileSystem, "Could not delete \(path).", path: path, underlying: cause)
            }
        }
    }

    /// The names in a folder, without `.` and `..`; empty when it cannot be read.
    static func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The target text of a symlink.
    static func symlinkTarget(_ path: String) throws(SandboxError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(.fileSystem, "Could not read the symlink \(path).", path: path, underlying: cause)
        }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The system temp folder, honouring TMPDIR.
    static var systemTemporaryDirectory: String { FileManager.default.temporaryDirectory.path }

    /// Creates a uniquely named private folder (mode 700) under `base`, returning its canonical path.
    static func makeTemporaryDirectory(prefix: String, under base: String) throws(SandboxError) -> String {
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
        template += Array("\(prefix)XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(
                .fileSystem, "Could not create a temporary folder under \(base).", path: base,
                underlying: cause)
        }
        let path = String(cString: created)
        return realPath(path) ?? path
    }
}
