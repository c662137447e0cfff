#if canImport(Glibc)
    import Glibc
#endif

/// A root file system the user extracted (for example `docker export` of `public.ecr.aws/lambda/provided:al2023`)
/// whose system folders replace the host's in `lambda` isolation, so libraries resolve as they do on Lambda.
///
/// A tar is extracted once into a private folder that lives as long as this process (or until `remove()`).
public struct RootFileSystem: Sendable, Hashable {
    /// What the user named: a folder or a tar.
    public let source: String
    /// The folder the system entries are bound from.
    public let path: String
    /// Whether `path` is a private extraction of a tar, removed by `remove()`.
    public let isExtracted: Bool

    /// Shells a runtime's scripts rely on; the root must have the first.
    static let shell = "/bin/sh"
    /// The dynamic loaders of the architectures Lambda runs (glibc and musl); the root must have one.
    static let loaders = [
        "/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1", "/lib/ld-musl-x86_64.so.1",
        "/lib/ld-musl-aarch64.so.1",
    ]

    /// Opens `source` (a folder, or a tar that is extracted) and checks that it has a shell and a dynamic loader.
    public static func open(_ source: String, under parent: String? = nil) throws(SandboxError) -> RootFileSystem {
        let root: RootFileSystem
        switch FileTree.resolvedKind(at: source) {
        case .directory:
            root = RootFileSystem(source: source, path: FileTree.realPath(source) ?? source, isExtracted: false)
        case .regular:
            root = try extract(source, under: parent ?? FileTree.systemTemporaryDirectory)
        case nil:
            throw SandboxError(.pathNotFound, "--rootfs \(source) does not exist.", path: source)
        default:
            throw SandboxError(
                .invalidRootFileSystem, "--rootfs \(source) is neither a folder nor a tar file.", path: source)
        }
        do {
            try root.checkUsable()
        } catch {
            root.remove()
            throw error
        }
        return root
    }

    /// The host path of `absolute` as seen inside this root, following symlinks inside the root (an absolute link
    /// target is taken relative to the root, as the kernel does after `chroot`); nil when it does not exist.
    public func resolve(_ absolute: String) -> String? {
        var pending = absolute.split(separator: "/").map(String.init)
        var resolved: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let host = path + "/" + (resolved + [component]).joined(separator: "/")
            switch FileTree.kind(at: host) {
            case nil: return nil
            case .symlink:
                hops += 1
                guard hops <= 40, let target = try? FileTree.symlinkTarget(host) else { return nil }
                if target.hasPrefix("/") { resolved = [] }
                pending = target.split(separator: "/").map(String.init) + pending
            default: resolved.append(component)
            }
        }
        return path + "/" + resolved.joined(separator: "/")
    }

    /// Deletes the extraction of a tar; a folder the user gave is left alone.
    public func remove() {
        guard isExtracted else { return }
        try? FileTree.removeTree(path)
        LiveResources.remove(folder: path)
    }

    private func checkUsable() throws(SandboxError) {
        guard let shell = resolve(Self.shell), FileTree.resolvedKind(at: shell) == .regular, access(shell, X_OK) == 0
        else {
            throw SandboxError(
                .invalidRootFileSystem,
                "--rootfs \(source) has no executable \(Self.shell); give the root of an extracted image "
                    + "(docker export of provided:al2023), not a folder inside it.",
                path: source)
        }
        guard Self.loaders.contains(where: { resolve($0).map { FileTree.resolvedKind(at: $0) == .regular } ?? false })
        else {
            throw SandboxError(
                .invalidRootFileSystem,
                "--rootfs \(source) has no dynamic loader (\(Self.loaders.joined(separator: ", "))), so no "
                    + "dynamically linked program could start in it.",
                path: source)
        }
    }

    private static func extract(_ tar: String, under parent: String) throws(SandboxError) -> RootFileSystem {
        guard let tool = HostCommand.locate("tar") else {
            throw SandboxError(.invalidRootFileSystem, "--rootfs \(tar) is a file, but tar is not installed.")
        }
        let folder = try FileTree.makeTemporaryDirectory(prefix: "lambdaspec-rootfs-", under: parent)
        LiveResources.add(folder: folder)
        let root = RootFileSystem(source: tar, path: folder, isExtracted: true)
        let outcome = HostCommand.run(tool, ["-xf", tar, "-C", folder, "--no-same-owner", "--exclude=dev/*"])
        guard outcome.succeeded else {
            root.remove()
            let reason = outcome.errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw SandboxError(
                .invalidRootFileSystem, "--rootfs \(tar) is not a readable tar archive (\(reason)).", path: tar)
        }
        return root
    }
}
