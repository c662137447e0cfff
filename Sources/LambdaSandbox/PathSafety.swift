/// Decides whether names found in a zip or a layer folder may be written below an extraction folder.
enum PathSafety {
    /// The normalized relative path of a zip entry, or nil for the entry of the folder itself (`./`).
    ///
    /// Refuses absolute paths and `..` components, which would write outside the layout ("zip slip").
    static func relativeEntryPath(_ entryPath: String, in archive: String) throws(SandboxError) -> String? {
        let refuse = { (reason: String) -> SandboxError in
            SandboxError(
                .unsafeEntry,
                "The zip \(archive) contains the entry \"\(entryPath)\", which \(reason); lambdaspec refuses to "
                    + "extract it. Rebuild the zip with paths relative to its root.",
                path: archive)
        }
        if entryPath.hasPrefix("/") || entryPath.hasPrefix("\\") { throw refuse("is an absolute path") }
        if entryPath.utf8.contains(0) { throw refuse("contains a NUL byte") }
        let components = entryPath.split(separator: "/", omittingEmptySubsequences: true)
            .filter { $0 != "." }
        if components.contains(where: { $0 == ".." || $0.split(separator: "\\").contains("..") }) {
            throw refuse("has a \"..\" component")
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }

    /// Checks that a symlink created at `linkPath` with text `target` stays inside `base` (both canonical folders).
    ///
    /// Relative targets are resolved from the link's real parent folder, following existing symlinks, so a chain of
    /// links cannot climb out either. Absolute targets always point outside the layout.
    static func checkSymlink(
        at linkPath: String, target: String, base: String, source: String
    ) throws(SandboxError) {
        let relativeLink = String(linkPath.dropFirst(base.count + 1))
        let refuse = { (reason: String) -> SandboxError in
            SandboxError(
                .unsafeSymlink,
                "The symlink \(relativeLink) -> \(target) from \(source) \(reason); lambdaspec only accepts "
                    + "relative symlinks that stay inside the folder they are extracted into.",
                path: source)
        }
        guard !target.hasPrefix("/") else { throw refuse("is absolute, so it points outside the layout") }
        guard !target.isEmpty else { throw refuse("has an empty target") }
        let parent = String(linkPath[..<(linkPath.lastIndex(of: "/") ?? linkPath.endIndex)])
        guard let realParent = FileTree.realPath(parent),
            let resolved = resolve(target, from: realParent, hops: 0),
            FileTree.isContained(resolved, in: base)
        else { throw refuse("resolves outside \(base)") }
    }

    /// Resolves `target` against `directory` like the kernel would, tolerating a missing tail.
    private static func resolve(_ target: String, from directory: String, hops: Int) -> String? {
        guard hops < 40 else { return nil }
        var current = directory.split(separator: "/").map(String.init)
        let parts = target.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            switch part {
            case ".": continue
            case "..":
                guard !current.isEmpty else { return nil }
                current.removeLast()
            default:
                let candidate = "/" + (current + [part]).joined(separator: "/")
                guard FileTree.kind(at: candidate) == .symlink,
                    let text = try? FileTree.symlinkTarget(candidate)
                else {
                    current.append(part)
                    continue
                }
                guard !text.hasPrefix("/"),
                    let followed = resolve(text, from: "/" + current.joined(separator: "/"), hops: hops + 1)
                else { return nil }
                let rest = parts[(index + 1)...].joined(separator: "/")
                return rest.isEmpty ? followed : resolve(rest, from: followed, hops: hops + 1)
            }
        }
        return "/" + current.joined(separator: "/")
    }
}
