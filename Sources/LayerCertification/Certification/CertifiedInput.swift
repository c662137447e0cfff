import Foundation

/// A function or layer as certified: where it was, and the digest that ties the bundle to its exact bytes.
///
/// A zip is hashed as a file. A folder is hashed as a tree: one line per item in sorted order (`F path mode
/// sha256`, `D path`, `L path target`), files behind symlinks hashed as files, so the digest changes when any
/// byte, name or mode changes.
public struct CertifiedInput: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable { case function, layer }
    public enum Kind: String, Codable, Sendable { case zip, folder }

    public var role: Role
    public var path: String
    public var kind: Kind
    public var sha256: String
    /// The zip's size, or the sum of the folder's file sizes.
    public var bytes: Int64

    public init(role: Role, path: String, kind: Kind, sha256: String, bytes: Int64) {
        self.role = role
        self.path = path
        self.kind = kind
        self.sha256 = sha256
        self.bytes = bytes
    }

    /// Folders deeper or larger than this are not plausible deployment packages.
    static let maximumDepth = 32
    static let maximumItems = 200_000

    public static func digest(role: Role, path: String) throws(CertificationError) -> CertifiedInput {
        switch FileSystem.kind(at: path, followingSymlinks: true) {
        case .regular:
            let (sha256, bytes) = try SHA256Digest.file(path)
            return CertifiedInput(role: role, path: path, kind: .zip, sha256: sha256, bytes: bytes)
        case .directory:
            var lines: [String] = []
            var bytes: Int64 = 0
            try walk(path, relative: "", depth: 0, lines: &lines, bytes: &bytes)
            let sha256 = SHA256Digest.hex(Data(lines.joined().utf8))
            return CertifiedInput(role: role, path: path, kind: .folder, sha256: sha256, bytes: bytes)
        case nil:
            throw CertificationError("the \(role.rawValue) \(path) does not exist")
        case .symlink, .other:
            throw CertificationError("the \(role.rawValue) \(path) is neither a zip file nor a folder")
        }
    }

    private static func walk(
        _ root: String, relative: String, depth: Int, lines: inout [String], bytes: inout Int64
    ) throws(CertificationError) {
        guard depth <= maximumDepth else { throw CertificationError("\(root)/\(relative) is nested too deeply") }
        let folder = relative.isEmpty ? root : root + "/" + relative
        for name in FileSystem.entries(of: folder) {
            guard lines.count < maximumItems else { throw CertificationError("\(root) holds too many files") }
            let item = relative.isEmpty ? name : relative + "/" + name
            let path = root + "/" + item
            let own = FileSystem.kind(at: path, followingSymlinks: false)
            let resolved = FileSystem.kind(at: path, followingSymlinks: true)
            if own == .directory {
                lines.append("D \(item)\n")
                try walk(root, relative: item, depth: depth + 1, lines: &lines, bytes: &bytes)
            } else if resolved == .regular {
                let (sha256, size) = try SHA256Digest.file(path)
                let mode = String((FileSystem.mode(at: path) ?? 0) & 0o777, radix: 8)
                lines.append("F \(item) \(mode) \(sha256)\n")
                bytes += size
            } else if own == .symlink {
                lines.append("L \(item) \(FileSystem.symlinkTarget(path) ?? "")\n")
            }
        }
    }
}
