#if canImport(Glibc)
    import Glibc
#endif

/// The few POSIX calls lint needs, symlinks followed only when asked.
enum FileSystem {
    enum Kind: Equatable { case directory, regular, symlink, other }

    static func kind(at path: String, followingSymlinks: Bool) -> Kind? {
        var info = stat()
        let status = followingSymlinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Permission bits of what the path finally names.
    static func mode(at path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func symlinkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when something executable (a regular file with an execute bit) is at `path`, symlinks followed.
    static func isExecutableFile(_ path: String) -> Bool {
        kind(at: path, followingSymlinks: true) == .regular && (mode(at: path) ?? 0) & 0o111 != 0
    }

    /// The first `count` bytes of a file (fewer if it is shorter); empty when it cannot be read.
    static func head(of path: String, count: Int) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, count - done) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            done += got
        }
        return Array(buffer[0..<done])
    }

    /// Names in a folder, sorted, without `.` and `..`.
    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Relative paths of files named `name` below `root`, at most `depth` folders down, symlinks not followed.
    static func find(named name: String, under root: String, depth: Int) -> [String] {
        var found: [String] = []
        func walk(_ relative: String, _ level: Int) {
            for entry in entries(of: relative.isEmpty ? root : root + "/" + relative) {
                let path = relative.isEmpty ? entry : relative + "/" + entry
                if entry == name && !relative.isEmpty { found.append(path) }
                if level < depth && kind(at: root + "/" + path, followingSymlinks: false) == .directory {
                    walk(path, level + 1)
                }
            }
        }
        walk("", 0)
        return found
    }
}
