import ConformanceModel
import Foundation

/// What `verify` found: the bundle is intact (or a `CertificationError` was thrown), and each given input either
/// matches the certified one or does not.
public struct BundleVerification: Sendable {
    public var manifest: CertificationManifest
    /// One line per input that matched.
    public var matched: [String]
    /// One line per input that did not, naming it and the digests.
    public var mismatches: [String]

    public var inputsMatch: Bool { mismatches.isEmpty }
}

/// Checks a certification bundle against the function and layers a user is about to publish.
///
/// The bundle must be intact: `manifest.json` readable, every file it lists present with the recorded digest,
/// `report.json`'s summary equal to the manifest's, and the verdict the one its `lint.json` and `report.json`
/// give. Then the inputs are hashed again and compared in order (function first, then layers).
public enum BundleVerifier {
    public static func verify(
        bundle: String, functionPath: String?, layers: [String]
    ) throws(CertificationError) -> BundleVerification {
        let manifest = try loadManifest(bundle)
        try checkFiles(of: manifest, in: bundle)
        let lint: LintReport = try decode(bundle + "/" + CertificationBundle.lintFile, what: "lint.json")
        var report: RunReport?
        if manifest.files["report.json"] != nil {
            let decoded: RunReport = try decode(bundle + "/report.json", what: "report.json")
            guard decoded.summary == manifest.counts.scenarios else {
                throw CertificationError(
                    "\(bundle): report.json's summary (\(describe(decoded.summary))) differs from the manifest's "
                        + "(\(manifest.counts.scenarios.map(describe) ?? "none")); the bundle is not consistent")
            }
            report = decoded
        } else if manifest.counts.scenarios != nil {
            throw CertificationError("\(bundle): the manifest has a run summary but the bundle has no report.json")
        }
        if let report, report.subject.environment != manifest.environment {
            throw CertificationError(
                "\(bundle): report.json's environment differs from the manifest's; the bundle is not consistent")
        }
        let recomputed = CertificationVerdict.decide(
            lint: lint, report: report, allowProcessIsolation: manifest.allowsProcessIsolation
        ).verdict
        guard recomputed == manifest.verdict else {
            throw CertificationError(
                "\(bundle): the manifest says \(manifest.verdict.rawValue) but lint.json and report.json give "
                    + "\(recomputed.rawValue)")
        }
        return try compareInputs(manifest, functionPath: functionPath, layers: layers)
    }

    static func loadManifest(_ bundle: String) throws(CertificationError) -> CertificationManifest {
        guard FileSystem.kind(at: bundle, followingSymlinks: true) == .directory else {
            throw CertificationError("\(bundle) is not a certification bundle folder")
        }
        let manifest: CertificationManifest = try decode(
            bundle + "/" + CertificationBundle.manifestFile, what: "manifest.json")
        guard manifest.schemaVersion == CertificationManifest.currentSchemaVersion else {
            throw CertificationError(
                "\(bundle)/manifest.json has schema version \(manifest.schemaVersion); this lambdaspec reads "
                    + "\(CertificationManifest.currentSchemaVersion)")
        }
        return manifest
    }

    private static func checkFiles(of manifest: CertificationManifest, in bundle: String) throws(CertificationError) {
        guard manifest.files[CertificationBundle.lintFile] != nil else {
            throw CertificationError("\(bundle)/manifest.json does not list lint.json")
        }
        for (name, expected) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard !name.contains("/"), FileSystem.kind(at: bundle + "/" + name, followingSymlinks: true) == .regular
            else { throw CertificationError("\(bundle) lacks \(name), which its manifest lists") }
            let actual = try SHA256Digest.file(bundle + "/" + name).sha256
            guard actual == expected else {
                throw CertificationError(
                    "\(bundle)/\(name) was changed after certification (sha256 \(actual.prefix(12))…, "
                        + "recorded \(expected.prefix(12))…)")
            }
        }
    }

    private static func compareInputs(
        _ manifest: CertificationManifest, functionPath: String?, layers: [String]
    ) throws(CertificationError) -> BundleVerification {
        var result = BundleVerification(manifest: manifest, matched: [], mismatches: [])
        let certifiedFunction = manifest.inputs.first { $0.role == .function }
        let certifiedLayers = manifest.inputs.filter { $0.role == .layer }
        switch (certifiedFunction, functionPath) {
        case (let certified?, let given?):
            compare(
                try CertifiedInput.digest(role: .function, path: given), to: certified, name: "function",
                into: &result)
        case (let certified?, nil):
            result.mismatches.append(
                "function: the bundle certifies function code (\(certified.path), sha256 "
                    + "\(certified.sha256.prefix(12))…) but no --function was given")
        case (nil, let given?):
            result.mismatches.append(
                "function: \(given) was given but the bundle certifies the layers without "
                    + "function code")
        case (nil, nil):
            break
        }
        if certifiedLayers.count != layers.count {
            result.mismatches.append(
                "layers: the bundle certifies \(certifiedLayers.count) layer(s) "
                    + "(\(certifiedLayers.map(\.path).joined(separator: ", "))), \(layers.count) given")
        }
        for (index, (certified, given)) in zip(certifiedLayers, layers).enumerated() {
            compare(
                try CertifiedInput.digest(role: .layer, path: given), to: certified,
                name: "layer \(index + 1)", into: &result)
        }
        return result
    }

    private static func compare(
        _ actual: CertifiedInput, to certified: CertifiedInput, name: String, into result: inout BundleVerification
    ) {
        if actual.kind == certified.kind && actual.sha256 == certified.sha256 && actual.bytes == certified.bytes {
            result.matched.append("\(name) \(actual.path): sha256 \(actual.sha256.prefix(16))…, \(actual.bytes) bytes")
        } else {
            result.mismatches.append(
                "\(name) \(actual.path) (\(actual.kind.rawValue), \(actual.bytes) bytes, sha256 "
                    + "\(actual.sha256.prefix(16))…) is not the certified \(certified.path) "
                    + "(\(certified.kind.rawValue), \(certified.bytes) bytes, sha256 \(certified.sha256.prefix(16))…)")
        }
    }

    private static func decode<Value: Decodable>(_ path: String, what: String) throws(CertificationError) -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertificationError("\(path) is missing or unreadable")
        }
        do {
            return try CertificationBundle.decoder.decode(Value.self, from: data)
        } catch {
            throw CertificationError("\(path) is not a valid \(what): \(error)")
        }
    }

    private static func describe(_ summary: RunReport.Summary) -> String {
        "\(summary.total) scenarios, \(summary.passed) passed, \(summary.failed) failed, \(summary.warning) warned"
    }
}
