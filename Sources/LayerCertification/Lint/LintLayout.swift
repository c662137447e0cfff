import LambdaSandbox

/// The extracted layout lint reads, with the Lambda paths mapped onto it: /var/task is the task root, /opt the
/// merged layers, /var/runtime empty; every other absolute path is the base system (this machine, or the
/// `--rootfs` image, inside which symlinks are followed as after a chroot).
struct LintLayout {
    let extracted: ExtractedLayout
    let functionPath: String?
    let layers: [String]
    var root: RootFileSystem? = nil

    var taskRoot: String { extracted.taskRoot }
    var optDirectory: String { extracted.optDirectory }
    /// Opt-relative path → the layers that provided it, in order.
    var layerProviders: [String: [String]] { extracted.layerProviders }

    /// The layer that provided an opt-relative path last (the one whose copy is in /opt).
    func provider(of relative: String) -> String? {
        extracted.layerProviders[relative]?.last
    }

    /// Where a path as Lambda sees it lies here, and whether it belongs to the layout or the base system.
    enum Location: Equatable {
        case layout(String)
        case baseSystem(String)
        /// /var/runtime and anything else Lambda supplies that a layout cannot hold.
        case unavailable
    }

    func locate(lambdaPath path: String) -> Location {
        for (prefix, local) in [("/opt", optDirectory), ("/var/task", taskRoot)] {
            if path == prefix { return .layout(local) }
            if path.hasPrefix(prefix + "/") { return .layout(local + path.dropFirst(prefix.count)) }
        }
        if path == "/var/runtime" || path.hasPrefix("/var/runtime/") { return .unavailable }
        guard let root else { return .baseSystem(path) }
        return .baseSystem(root.resolve(path) ?? root.path + path)
    }

    /// A base-system path from `locate` (possibly with a file name appended) with every symlink followed inside
    /// the root; the path itself on the host.
    func resolvedBaseFile(_ hostPath: String) -> String {
        guard let root, hostPath.hasPrefix(root.path + "/") else { return hostPath }
        return root.resolve(String(hostPath.dropFirst(root.path.count))) ?? hostPath
    }

    /// How messages name the base system.
    var baseSystemName: String { root.map { "the root file system \($0.source)" } ?? "this machine" }

    /// The input a file under the layout came from, and its path inside that input.
    func origin(ofLocal path: String) -> (input: String?, file: String) {
        if path.hasPrefix(optDirectory + "/") {
            let relative = String(path.dropFirst(optDirectory.count + 1))
            return (provider(of: relative), relative)
        }
        if path.hasPrefix(taskRoot + "/") {
            return (functionPath, String(path.dropFirst(taskRoot.count + 1)))
        }
        return (nil, path)
    }
}
