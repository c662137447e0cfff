import Foundation
import ZIPFoundation

/// Reads a zip's whole central directory before anything is written, and refuses archives whose meaning depends on
/// the tool that unpacks them: no entries, names that are not UTF-8, a name listed twice, or a name that is a file
/// (or symlink) in one entry and a folder in another.
///
/// Checking first means a hostile zip leaves nothing behind, not even the entries that came before the bad one.
enum ZipEntryAudit {
    /// One entry to extract, with its path normalized relative to the extraction folder.
    struct Item {
        let entry: Entry
        let relativePath: String
    }

    /// The entries to extract, in archive order (the archive's own `./` entry left out).
    static func items(of archive: Archive, at zipPath: String) throws(SandboxError) -> [Item] {
        var items: [Item] = []
        var kinds: [String: Entry.EntryType] = [:]
        var parents: [String: String] = [:]  // folder implied by an entry → the first entry that implies it
        var sawEntry = false
        for entry in archive {
            sawEntry = true
            let name = try decodedName(of: entry, in: zipPath)
            guard let relative = try PathSafety.relativeEntryPath(name, in: zipPath) else { continue }
            if let earlier = kinds[relative] {
                guard earlier == .directory && entry.type == .directory else {
                    throw SandboxError(
                        .unsafeEntry,
                        "The zip \(zipPath) lists \"\(relative)\" twice; unzip tools disagree on which copy wins, so "
                            + "lambdaspec refuses it. Rebuild the zip so every name appears once.",
                        path: zipPath)
                }
                continue
            }
            kinds[relative] = entry.type
            var parent = relative
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                if parents[parent] == nil { parents[parent] = relative }
            }
            items.append(Item(entry: entry, relativePath: relative))
        }
        guard sawEntry else {
            throw SandboxError(
                .notAZip,
                "The zip \(zipPath) holds no files; Lambda refuses empty archives (\"Uploaded file must be a non-empty "
                    + "zip\").",
                path: zipPath)
        }
        for (folder, child) in parents.sorted(by: { $0.key < $1.key }) {
            guard let kind = kinds[folder], kind != .directory else { continue }
            let reason =
                kind == .symlink
                ? "is a symlink and the entry \"\(child)\" lies inside it; lambdaspec refuses entries written "
                    + "through a symlink"
                : "is a file and the entry \"\(child)\" lies inside it; lambdaspec refuses a name that is both a "
                    + "file and a folder"
            throw SandboxError(
                kind == .symlink ? .unsafeSymlink : .unsafeEntry, "In the zip \(zipPath), \"\(folder)\" \(reason).",
                path: zipPath)
        }
        return items
    }

    /// The entry's name as UTF-8, whatever its encoding flag says; names that are not UTF-8 are refused.
    ///
    /// ZIPFoundation decodes names without the UTF-8 flag as code page 437 and returns "" for invalid UTF-8, which
    /// would silently rename or skip the entry. Latin-1 maps every byte to one scalar, so it recovers the raw bytes.
    static func decodedName(of entry: Entry, in zipPath: String) throws(SandboxError) -> String {
        let raw = entry.path(using: .isoLatin1).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        guard let name = String(validating: raw, as: UTF8.self) else {
            let hex = raw.prefix(64).map { byte in
                byte >= 0x20 && byte < 0x7f ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
            }.joined()
            throw SandboxError(
                .unsafeEntry,
                "The zip \(zipPath) has an entry whose name is not UTF-8 (\"\(hex)\"); Lambda's file system names are "
                    + "bytes but tools disagree on how to decode them, so lambdaspec refuses it. Rename the file.",
                path: zipPath)
        }
        return name
    }
}
