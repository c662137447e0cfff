import Crypto
import Foundation

/// SHA-256 as lowercase hex, over bytes or a whole file read in bounded chunks.
enum SHA256Digest {
    static func hex(_ data: some DataProtocol) -> String {
        hex(of: SHA256.hash(data: data))
    }

    static func hex(of digest: SHA256.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The digest and size of a file's contents, symlinks followed.
    static func file(_ path: String) throws(CertificationError) -> (sha256: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CertificationError("cannot read \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw CertificationError("cannot read \(path): \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            total += Int64(chunk.count)
        }
        return (hex(of: hasher.finalize()), total)
    }
}

/// Certification or verification could not proceed (unreadable input, unusable bundle); one line for stderr.
public struct CertificationError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    /// One line, whatever the underlying errors printed.
    public var description: String { message.split(whereSeparator: \.isNewline).joined(separator: " ") }
}
