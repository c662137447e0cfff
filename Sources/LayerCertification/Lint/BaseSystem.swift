import Foundation
import LambdaSandbox

/// What the machine below the layout provides: the folders the dynamic loader searches by default and the
/// `ld.so.cache` entries for one architecture. This machine stands in for Lambda's base image (provided.al2023).
public struct BaseSystem: Sendable {
    /// Default library folders, e.g. /lib64, /usr/lib/x86_64-linux-gnu.
    public var libraryDirectories: [String]
    /// Soname → full paths, from the loader cache (`/etc/ld.so.cache`), for the architecture being checked.
    public var cachedLibraries: [String: [String]]
    /// False when the base system cannot speak for the architecture (checking arm64 on an x86_64 machine).
    public var isAuthoritative: Bool

    public init(libraryDirectories: [String], cachedLibraries: [String: [String]], isAuthoritative: Bool = true) {
        self.libraryDirectories = libraryDirectories
        self.cachedLibraries = cachedLibraries
        self.isAuthoritative = isAuthoritative
    }

    /// This machine's loader defaults and cache for `architecture`.
    public static func host(for architecture: Architecture) -> BaseSystem {
        let triple = architecture.multiarchTriple
        let directories = ["/lib/\(triple)", "/usr/lib/\(triple)", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]
        return BaseSystem(
            libraryDirectories: directories,
            cachedLibraries: LoaderCache.entries(for: architecture),
            isAuthoritative: architecture == Architecture.host)
    }

    /// An extracted image's loader defaults and cache (`--rootfs`), with paths resolved inside the root.
    public static func root(_ root: RootFileSystem, for architecture: Architecture) -> BaseSystem {
        let triple = architecture.multiarchTriple
        let directories = ["/lib/\(triple)", "/usr/lib/\(triple)", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]
        let cacheBytes = root.resolve(LoaderCache.path).flatMap(LoaderCache.read) ?? []
        var cached: [String: [String]] = [:]
        for (soname, paths) in LoaderCache.parse(cacheBytes, architecture: architecture) {
            cached[soname] = paths.compactMap { root.resolve($0) }
        }
        return BaseSystem(
            libraryDirectories: directories.compactMap { root.resolve($0) }, cachedLibraries: cached,
            isAuthoritative: true)
    }

    /// The first place that provides `soname`, if any.
    func provider(of soname: String) -> String? {
        if let cached = cachedLibraries[soname]?.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return cached
        }
        return libraryDirectories.lazy.map { $0 + "/" + soname }.first { FileManager.default.fileExists(atPath: $0) }
    }
}

/// The dynamic loader's cache, `/etc/ld.so.cache`, read directly (what `ldconfig -p` prints), once per process.
///
/// Read by hand rather than by running ldconfig: starting a child with Foundation's `Process` in the same process
/// as the sandbox's runtimes made their exits race (measured: 3 of 6 certify runs lost an exit status).
/// Format (glibc ≥ 2.32 writes only this one): a 48-byte header "glibc-ld.so.cache1.1", the entry count at 20;
/// then 24-byte entries {flags, key, value, osversion, hwcap} whose key (soname) and value (path) are offsets
/// from the start of the file. The older combined format is not read; the folder search still applies then.
enum LoaderCache {
    static let path = "/etc/ld.so.cache"
    static let magic = Array("glibc-ld.so.cache1.1".utf8)
    static let maximumSize = 16 << 20

    /// The architecture bits of an entry's flags (glibc's FLAG_X8664_LIB64, FLAG_AARCH64_LIB64).
    static func flag(for architecture: Architecture) -> UInt32 {
        switch architecture {
        case .x86_64: 0x0300
        case .arm64: 0x0a00
        }
    }

    static func entries(for architecture: Architecture) -> [String: [String]] {
        parse(cache, architecture: architecture)
    }

    /// Soname → paths for one architecture; empty for anything unexpected.
    static func parse(_ bytes: [UInt8], architecture: Architecture) -> [String: [String]] {
        guard bytes.count >= 48, Array(bytes.prefix(magic.count)) == magic else { return [:] }
        let view = ByteView(bytes: bytes, littleEndian: true)
        let count = Int(view.u32(20))
        guard count <= (bytes.count - 48) / 24 else { return [:] }
        func string(at offset: UInt32) -> String? {
            let start = Int(offset)
            guard start < bytes.count else { return nil }
            let tail = bytes[start..<min(bytes.count, start + 4096)]
            guard let end = tail.firstIndex(of: 0) else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        var entries: [String: [String]] = [:]
        for index in 0..<count {
            let base = 48 + index * 24
            let flags = view.u32(base)
            guard flags & 0xff00 == flag(for: architecture), flags & 0xff == 3 || flags & 0xff == 1,
                let name = string(at: view.u32(base + 4)), let path = string(at: view.u32(base + 8))
            else { continue }
            entries[name, default: []].append(path)
        }
        return entries
    }

    /// Empty when the file is missing or too large to be a loader cache.
    private static let cache: [UInt8] = read(path) ?? []

    static func read(_ file: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: file), data.count <= maximumSize else { return nil }
        return Array(data)
    }
}
