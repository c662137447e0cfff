import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a function zip and the layers into the layout, enforcing Lambda's quotas and remembering overlaps.
///
/// Every write goes to a freshly created file opened with `O_NOFOLLOW` under a parent whose real path is checked to
/// lie inside the destination, so no zip or folder can make lambdaspec write outside the layout.
struct LayerExtractor {
    /// Bytes written so far across the function zip and every layer.
    private(set) var writtenBytes: Int64 = 0
    let byteLimit: Int64
    /// For each destination-relative path: the layers that provided it, in order.
    private var providers: [String: [String]] = [:]

    init(byteLimit: Int64 = SandboxLimits.maximumUnzippedBytes) {
        self.byteLimit = byteLimit
    }

    /// The layer that won each path more than one layer provided.
    var overlaps: [String: String] {
        providers.compactMapValues { $0.count > 1 ? $0.last : nil }
    }

    /// Every path a layer provided, with the layers that provided it in order (the last one won).
    var layerProviders: [String: [String]] { providers }

    /// Installs a zip or a folder at `source` into the canonical folder `destination`.
    ///
    /// - Parameter layer: the name to record in `overlaps`, or nil for the function code.
    mutating func install(_ source: String, into destination: String, layer: String?) throws(SandboxError) {
        switch FileTree.resolvedKind(at: source) {
        case .directory:
            try copyFolder(source, relative: "", into: destination, layer: layer)
        case .regular:
            try extractZip(source, into: destination, layer: layer)
        case nil:
            let what = layer == nil ? "function code" : "layer"
            throw SandboxError(.pathNotFound, "The \(what) path \(source) does not exist.", path: source)
        case .symlink, .other:
            throw SandboxError(.notAZip, "\(source) is neither a folder nor a zip file.", path: source)
        }
    }

    // MARK: - Zip

    private mutating func extractZip(_ zipPath: String, into destination: String, layer: String?) throws(SandboxError) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .read)
        } catch {
            throw SandboxError(
                .notAZip, "\(zipPath) is not a zip archive lambdaspec can read (\(error)); pass a .zip or a folder.",
                path: zipPath)
        }
        for item in try ZipEntryAudit.items(of: archive, at: zipPath) {
            let entry = item.entry
            let relative = item.relativePath
            let target = destination + "/" + relative
            try prepareParent(of: relative, in: destination, source: zipPath)
            switch entry.type {
            case .directory:
                try prepareDirectory(
                    target, mode: permissions(of: entry, default: 0o755), in: destination,
                    source: zipPath)
                continue
            case .file:
                try checkBudget(adding: Int64(clamping: entry.uncompressedSize), item: relative, source: zipPath)
                let descriptor = try createFile(target)
                defer { close(descriptor) }
                do {
                    _ = try archive.extract(entry) { data in
                        try self.write(data, to: descriptor, item: relative, source: zipPath)
                    }
                } catch let error as SandboxError {
                    throw error
                } catch {
                    throw SandboxError(
                        .notAZip, "Could not extract \(relative) from \(zipPath): \(error).",
                        path: zipPath)
                }
                _ = fchmod(descriptor, permissions(of: entry, default: 0o644))
            case .symlink:
                var data = Data()
                do {
                    _ = try archive.extract(entry) { data.append($0) }
                } catch {
                    throw SandboxError(
                        .notAZip, "Could not read the symlink \(relative) in \(zipPath): \(error).",
                        path: zipPath)
                }
                try createSymlink(
                    target, text: String(decoding: data, as: UTF8.self), in: destination,
                    source: zipPath)
            }
            record(relative, layer: layer)
        }
    }

    private func permissions(of entry: Entry, default fallback: mode_t) -> mode_t {
        guard let number = entry.fileAttributes[.posixPermissions] as? NSNumber else { return fallback }
        return mode_t(number.uint16Value) & 0o777
    }

    // MARK: - Folder

    private mutating func copyFolder(
        _ folder: String, relative: String, into destination: String, layer: String?
    ) throws(SandboxError) {
        let sourceFolder = relative.isEmpty ? folder : folder + "/" + relative
        for name in FileTree.directoryEntries(sourceFolder) {
            let from = sourceFolder + "/" + name
            let itemRelative = relative.isEmpty ? name : relative + "/" + name
            let target = destination + "/" + itemRelative
            switch FileTree.kind(at: from) {
            case .directory:
                try prepareDirectory(
                    target, mode: FileTree.permissions(at: from) ?? 0o755, in: destination,
                    source: folder)
                try copyFolder(folder, relative: itemRelative, into: destination, layer: layer)
                continue
            case .regular:
                try copyFile(from, to: target, item: itemRelative, source: folder)
            case .symlink:
                try createSymlink(target, text: try FileTree.symlinkTarget(from), in: destination, source: folder)
            case .other, nil:
                continue  // Sockets, FIFOs and devices cannot be part of a Lambda deployment package.
            }
            record(itemRelative, layer: layer)
        }
    }

    private mutating func copyFile(
        _ from: String, to target: String, item: String, source: String
    )
        throws(SandboxError)
    {
        let input = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(.fileSystem, "Could not read \(from).", path: from, underlying: cause)
        }
        defer { close(input) }
        let output = try createFile(target)
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                let cause = POSIXErrorNumber.current
                throw SandboxError(.fileSystem, "Could not read \(from).", path: from, underlying: cause)
            }
            if count == 0 { break }
            try write(Data(buffer[0..<count]), to: output, item: item, source: source)
        }
        _ = fchmod(output, (FileTree.permissions(at: from) ?? 0o644) & 0o777)
    }

    // MARK: - Writing

    private mutating func record(_ relative: String, layer: String?) {
        guard let layer else { return }
        providers[relative, default: []].append(layer)
    }

    private func checkBudget(adding count: Int64, item: String, source: String) throws(SandboxError) {
        let total = writtenBytes.addingReportingOverflow(count)
        guard total.overflow || total.partialValue > byteLimit else { return }
        throw SandboxError(
            .sizeLimitExceeded,
            "The function code and layers unzip to more than \(byteLimit) bytes (250 MiB), Lambda's limit for the "
                + "unzipped deployment package including layers; stopped at \(item) from \(source) after "
                + "\(writtenBytes) bytes.",
            path: source)
    }

    private mutating func write(
        _ data: Data, to descriptor: Int32, item: String, source: String
    )
        throws(SandboxError)
    {
        try checkBudget(adding: Int64(data.count), item: item, source: source)
        writtenBytes += Int64(data.count)
        var failure: Int32?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if let failure {
            throw SandboxError(
                .fileSystem, "Could not write \(item) from \(source).", path: source,
                underlying: POSIXErrorNumber(value: failure))
        }
    }

    /// Creates an empty private file, replacing what an earlier layer left there.
    private func createFile(_ target: String) throws(SandboxError) -> Int32 {
        try FileTree.removeTree(target)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(.fileSystem, "Could not create \(target).", path: target, underlying: cause)
        }
        return descriptor
    }

    private func createSymlink(
        _ target: String, text: String, in destination: String, source: String
    )
        throws(SandboxError)
    {
        try FileTree.removeTree(target)
        try PathSafety.checkSymlink(at: target, target: text, base: destination, source: source)
        guard symlink(text, target) == 0 else {
            let cause = POSIXErrorNumber.current
            throw SandboxError(
                .fileSystem, "Could not create the symlink \(target).", path: target,
                underlying: cause)
        }
    }

    /// Makes every folder above `relative`, replacing files an earlier layer put there, and checks containment.
    private func prepareParent(of relative: String, in destination: String, source: String) throws(SandboxError) {
        var current = destination
        for component in relative.split(separator: "/").dropLast() {
            current += "/" + component
            try prepareDirectory(current, mode: nil, in: destination, source: source)
        }
    }

    /// Ensures `path` is a folder (or a symlink to one inside `destination`), keeping existing content.
    private func prepareDirectory(
        _ path: String, mode: mode_t?, in destination: String, source: String
    )
        throws(SandboxError)
    {
        switch FileTree.kind(at: path) {
        case .directory:
            break
        case .symlink where FileTree.resolvedKind(at: path) == .directory:
            break
        case .some:
            try FileTree.removeTree(path)
            try FileTree.makeDirectory(path)
        case nil:
            try FileTree.makeDirectory(path)
        }
        guard let real = FileTree.realPath(path), FileTree.isContained(real, in: destination) else {
            throw SandboxError(
                .unsafeSymlink,
                "Writing \(path.dropFirst(destination.count + 1)) from \(source) would pass through a symlink that "
                    + "leads outside \(destination).",
                path: source)
        }
        if let mode, FileTree.kind(at: path) == .directory { _ = chmod(path, (mode & 0o777) | 0o700) }
    }
}
