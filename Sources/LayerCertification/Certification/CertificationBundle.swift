import ConformanceModel
import Foundation

/// The folder `certify` writes: the run's reports, `lint.json`, and `manifest.json` last, holding the digests
/// of the others. Only these names are ever written or deleted, so pointing `--out` at a busy folder is safe.
public enum CertificationBundle {
    public static let reportFiles = ["report.json", "report.html", "junit.xml", "badge.json"]
    public static let lintFile = "lint.json"
    public static let manifestFile = "manifest.json"

    /// `certification/<subject>` with the name made safe for a path.
    public static func defaultDirectory(for subjectName: String) -> String {
        let safe = String(subjectName.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let slug = safe.split(separator: "-").joined(separator: "-")
        return "certification/" + (slug.isEmpty ? "subject" : slug)
    }

    /// Creates the folder and deletes a previous bundle's files, so no stale report outlives a new run.
    public static func prepare(_ directory: String) throws(CertificationError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CertificationError("cannot create the bundle folder \(directory): \(error.localizedDescription)")
        }
        for name in reportFiles + [lintFile, manifestFile] {
            let path = directory + "/" + name
            if FileManager.default.fileExists(atPath: path) {
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw CertificationError("cannot replace \(path): \(error.localizedDescription)")
                }
            }
        }
    }

    public static func writeLint(_ report: LintReport, to directory: String) throws(CertificationError) {
        try write(report, to: directory + "/" + lintFile)
    }

    /// Records the digest of every bundle file present, then writes the manifest; returns what was written.
    @discardableResult
    public static func writeManifest(
        _ manifest: CertificationManifest, to directory: String
    ) throws(CertificationError) -> CertificationManifest {
        var manifest = manifest
        manifest.files = [:]
        for name in reportFiles + [lintFile] where FileManager.default.fileExists(atPath: directory + "/" + name) {
            manifest.files[name] = try SHA256Digest.file(directory + "/" + name).sha256
        }
        try write(manifest, to: directory + "/" + manifestFile)
        return manifest
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    private static func write(_ value: some Encodable, to path: String) throws(CertificationError) {
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CertificationError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
