import Foundation
import LayerCertification
import ZIPFoundation

/// Runs `body` with a fresh private folder (canonical path) that is deleted afterwards.
func withTemporaryFolder<Result>(_ body: (String) throws -> Result) throws -> Result {
    var template = Array((FileManager.default.temporaryDirectory.path + "/lambdaspec-lint-XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
    let folder = URL(fileURLWithPath: String(cString: created)).resolvingSymlinksInPath().path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Writes text with a mode, creating folders.
func writeFile(_ path: String, _ contents: String, mode: Int = 0o644) throws {
    try writeBytes(path, Array(contents.utf8), mode: mode)
}

func writeBytes(_ path: String, _ bytes: [UInt8], mode: Int = 0o644) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

func makeFolder(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}

func symlink(_ path: String, to target: String) throws {
    try makeFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
}

/// Every path under `root` (relative, sorted), symlinks not followed: a snapshot to diff before and after.
func snapshot(_ root: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    return enumerator.compactMap { $0 as? String }.sorted()
}

/// Zips files into a layer with ZIPFoundation: each item named as given at the zip root, symlinks resolved to the
/// file they point to, Unix modes kept. The build step the reference-runtime tests use.
func makeLayerZip(at zipPath: String, _ items: [(name: String, source: String)]) throws {
    let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
    for item in items {
        let resolved = URL(fileURLWithPath: item.source).resolvingSymlinksInPath().path
        let data = try Data(contentsOf: URL(fileURLWithPath: resolved))
        let attributes = try FileManager.default.attributesOfItem(atPath: resolved)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
        try archive.addEntry(
            with: item.name, type: .file, uncompressedSize: Int64(data.count), permissions: mode,
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// Lints with this machine's base system and the extraction under `folder/work`.
func lint(
    function: String? = nil, layers: [String] = [], in folder: String, architecture: Architecture? = nil,
    baseSystem: BaseSystem? = nil
) throws -> LintReport {
    try makeFolder(folder + "/work")
    return try LayerLinter(
        functionPath: function, layers: layers, architecture: architecture ?? hostArchitecture,
        baseSystem: baseSystem, workingDirectory: folder + "/work"
    ).lint()
}

let hostArchitecture = Architecture.host ?? .x86_64

/// The other Lambda architecture.
var foreignArchitecture: Architecture { hostArchitecture == .x86_64 ? .arm64 : .x86_64 }

extension LintReport {
    func findings(_ rule: LintRule) -> [LintFinding] { findings.filter { $0.rule == rule } }
    var rules: Set<LintRule> { Set(findings.map(\.rule)) }
}
