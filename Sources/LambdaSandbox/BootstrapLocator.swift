#if canImport(Glibc)
    import Glibc
#endif

/// Finds the executable Lambda would start, in Lambda's order (runtime-api.md §3.1): the task root, then /opt.
enum BootstrapLocator {
    /// The places looked at, in order.
    static func candidates(taskRoot: String, optDirectory: String) -> [String] {
        [taskRoot + "/bootstrap", optDirectory + "/bootstrap"]
    }

    /// Where the bootstrap was found (`place`, as Lambda names it) and the file it is (`resolved`, symlinks followed).
    struct Found {
        let place: String
        let resolved: String
    }

    /// The first `bootstrap` that exists; it must resolve to an executable regular file.
    ///
    /// Like Lambda, a broken first candidate is an error rather than a reason to fall through to the next one.
    static func locate(taskRoot: String, optDirectory: String) throws(SandboxError) -> Found {
        let places = candidates(taskRoot: taskRoot, optDirectory: optDirectory)
        for place in places {
            guard let kind = FileTree.kind(at: place) else { continue }
            guard let resolved = FileTree.realPath(place) else {
                let target = (try? FileTree.symlinkTarget(place)) ?? "?"
                if kind == .symlink {
                    throw SandboxError(
                        .bootstrapNotFound,
                        "\(place) is a symlink to \(target), which does not exist.", path: place)
                }
                continue
            }
            guard FileTree.kind(at: resolved) == .regular else {
                throw SandboxError(
                    .bootstrapNotExecutable, "\(describe(place, resolved)) is not a regular file.", path: resolved)
            }
            guard access(resolved, X_OK) == 0 else {
                let mode = String(FileTree.permissions(at: resolved) ?? 0, radix: 8)
                throw SandboxError(
                    .bootstrapNotExecutable,
                    "\(describe(place, resolved)) is not executable (mode \(mode)); run chmod +x on it, or make "
                        + "sure the zip stores its executable bit.",
                    path: resolved)
            }
            return Found(place: place, resolved: resolved)
        }
        throw SandboxError(
            .bootstrapNotFound,
            "No bootstrap found: looked at \(places[0]) (the function code, Lambda's /var/task/bootstrap) and "
                + "/opt/bootstrap (the layers, in order\(places.count > 1 ? ", extracted to \(places[1])" : "")). A custom "
                + "runtime needs an executable named bootstrap at the root of the function code or of a layer.",
            path: places.first)
    }

    private static func describe(_ place: String, _ resolved: String) -> String {
        place == resolved ? "The bootstrap \(place)" : "The bootstrap \(place) (resolved to \(resolved))"
    }
}
