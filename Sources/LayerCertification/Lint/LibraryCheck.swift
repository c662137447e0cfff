import Foundation

/// Finds the shared libraries an ELF bootstrap needs (`DT_NEEDED`) the way the dynamic loader would look for them
/// on Lambda, following the libraries found inside the layout in turn (they may need more).
///
/// Search places: the object's `DT_RPATH` (when it has no `DT_RUNPATH`), Lambda's `LD_LIBRARY_PATH`, its
/// `DT_RUNPATH`, the loader cache and default folders. `$ORIGIN` is the folder of the object's real path.
struct LibraryCheck {
    let layout: LintLayout
    let base: BaseSystem
    let architecture: Architecture

    /// runtime-api.md §2.1 (`/var/lang/lib` belongs to managed runtimes and is absent from provided.*).
    static let lambdaLibraryPath = [
        "/lib64", "/usr/lib64", "/var/runtime", "/var/runtime/lib", "/var/task", "/var/task/lib", "/opt/lib",
    ]
    /// Libraries of libraries inside the layout are followed up to this many objects in all.
    static let maximumObjects = 64

    /// Where one needed library was found, or why not.
    enum Resolution {
        case layout(String)
        case baseSystem(String)
        /// Not found; `hostOnly` is a place under this machine's own /opt that has it, which Lambda would not.
        case missing(hostOnly: String?, wrongArchitecture: [String])
    }

    /// A needed library nothing provides.
    struct Missing {
        let soname: String
        let hostOnly: String?
        let wrongArchitecture: [String]
    }

    func findings(bootstrap elf: ELFFile, realPath: String, input: String?, file: String) -> [LintFinding] {
        var missingByObject: [(display: String, isBootstrap: Bool, missing: [Missing])] = []
        var queue: [(elf: ELFFile, path: String, display: String)] = [(elf, realPath, file)]
        var visited: Set<String> = [realPath]
        var reported: Set<String> = []
        while !queue.isEmpty && visited.count <= Self.maximumObjects {
            let (object, objectPath, display) = queue.removeFirst()
            var missing: [Missing] = []
            for soname in object.needed where !reported.contains(soname) {
                switch resolve(soname, for: object, at: objectPath) {
                case .baseSystem:
                    continue
                case .layout(let found):
                    guard !visited.contains(found), let library = try? ELFFile.read(path: found) else { continue }
                    visited.insert(found)
                    queue.append((library, found, layout.origin(ofLocal: found).file))
                case .missing(let hostOnly, let wrongArchitecture):
                    reported.insert(soname)
                    missing.append(Missing(soname: soname, hostOnly: hostOnly, wrongArchitecture: wrongArchitecture))
                }
            }
            if !missing.isEmpty { missingByObject.append((display, objectPath == realPath, missing)) }
        }
        return missingByObject.map { display, isBootstrap, missing in
            finding(
                missing, neededBy: isBootstrap ? "The bootstrap" : "\(display) (which the bootstrap loads)",
                input: input, file: file)
        }
    }

    func resolve(_ soname: String, for object: ELFFile, at objectPath: String) -> Resolution {
        var wrongArchitecture: [String] = []
        var hostOnly: String?
        func check(_ candidate: LintLayout.Location) -> Resolution? {
            switch candidate {
            case .layout(let path):
                guard FileSystem.kind(at: path, followingSymlinks: true) == .regular else { return nil }
                if let library = try? ELFFile.read(path: path), library.machine != architecture.elfMachine {
                    wrongArchitecture.append(path)
                    return nil
                }
                return .layout(FileSystem.realPath(path) ?? path)
            case .baseSystem(let path):
                let file = layout.resolvedBaseFile(path)
                guard FileSystem.kind(at: file, followingSymlinks: true) == .regular else { return nil }
                return .baseSystem(file)
            case .unavailable:
                return nil
            }
        }
        if soname.contains("/") {
            return check(mapped(soname, origin: objectPath)) ?? .missing(hostOnly: nil, wrongArchitecture: [])
        }
        let origin = String(objectPath[..<(objectPath.lastIndex(of: "/") ?? objectPath.endIndex)])
        let searchPaths =
            (object.runpath.isEmpty ? object.rpath : []) + Self.lambdaLibraryPath + object.runpath
        for directory in searchPaths {
            let expanded = directory.replacingOccurrences(of: "${ORIGIN}", with: origin)
                .replacingOccurrences(of: "$ORIGIN", with: origin)
            guard !expanded.contains("$") else { continue }  // $LIB, $PLATFORM: rare, and machine-specific
            let location =
                expanded.hasPrefix(origin)
                ? LintLayout.Location.layout(expanded)
                : layout.locate(
                    lambdaPath: expanded)
            if let found = check(appending(soname, to: location)) { return found }
            if case .layout = location, expanded.hasPrefix("/opt/"),
                FileSystem.kind(at: expanded + "/" + soname, followingSymlinks: true) == .regular
            {
                hostOnly = hostOnly ?? expanded + "/" + soname
            }
        }
        if let found = base.provider(of: soname) { return .baseSystem(found) }
        return .missing(hostOnly: hostOnly, wrongArchitecture: wrongArchitecture)
    }

    private func mapped(_ path: String, origin objectPath: String) -> LintLayout.Location {
        path.hasPrefix("/") ? layout.locate(lambdaPath: path) : .layout(layout.taskRoot + "/" + path)
    }

    private func appending(_ name: String, to location: LintLayout.Location) -> LintLayout.Location {
        switch location {
        case .layout(let folder): .layout(folder + "/" + name)
        case .baseSystem(let folder): .baseSystem(folder + "/" + name)
        case .unavailable: .unavailable
        }
    }

    /// One finding per object, naming every library it lacks and where this machine has them, if it does.
    private func finding(_ missing: [Missing], neededBy who: String, input: String?, file: String) -> LintFinding {
        let names = missing.map(\.soname).joined(separator: ", ")
        let plural = missing.count > 1
        guard base.isAuthoritative else {
            return LintFinding(
                .elfLibrariesUnchecked, input: input, file: file,
                message: "\(who) needs \(names), which \(plural ? "are" : "is") not in the layout; whether Lambda's "
                    + "\(architecture) base image provides \(plural ? "them" : "it") cannot be checked on this "
                    + "\(Architecture.host?.rawValue ?? "unknown") machine.")
        }
        var message =
            "\(who) needs \(names), which neither the layers (/opt/lib), the function (/var/task/lib), its "
            + "RUNPATH/RPATH nor the base system provide\(plural ? "" : "s")"
        let hostFolders = Set(
            missing.compactMap { $0.hostOnly.map { String($0[..<($0.lastIndex(of: "/") ?? $0.endIndex)]) } })
        if !hostFolders.isEmpty {
            message +=
                "; this machine has \(plural ? "them" : "it") in \(hostFolders.sorted().joined(separator: ", ")), "
                + "but on Lambda /opt holds only the layers, so ship \(plural ? "them" : "it") in a layer's "
                + "lib/ folder or link statically (Swift: -static-stdlib)"
        }
        let foreign = missing.flatMap(\.wrongArchitecture).map { layout.origin(ofLocal: $0).file }
        if !foreign.isEmpty {
            message +=
                "; \(foreign.joined(separator: ", ")) \(foreign.count > 1 ? "are" : "is") built for another "
                + "architecture than \(architecture)"
        }
        message += ". The runtime would fail to start with \"error while loading shared libraries\"."
        return LintFinding(.elfLibraryMissing, input: input, file: file, message: message)
    }
}
