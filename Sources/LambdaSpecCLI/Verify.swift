import ArgumentParser
import Foundation
import LayerCertification

extension LambdaSpec {
    /// Ties a certification bundle to the exact zips about to be published.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a certification bundle certifies these layers (and function).",
            discussion: """
                Checks the bundle is intact (every file its manifest lists, unchanged; report.json agrees with the \
                manifest), then hashes the given inputs and compares them, in order, with the certified ones.

                Exit status: 0 the inputs are the certified ones; 1 an input differs (or, with \
                --require-certified, the bundle's verdict is not-certified); 2 the bundle or an input is unusable.
                """
        )

        @Argument(help: ArgumentHelp("The certification bundle folder.", valueName: "bundle"))
        var bundle: String

        @Option(
            name: .long,
            help: ArgumentHelp("A layer zip or folder, in the certified order (repeatable).", valueName: "path"))
        var layer: [String] = []

        @Option(
            name: .long, help: ArgumentHelp("The function code that was certified with the layers.", valueName: "path"))
        var function: String?

        @Flag(name: .customLong("require-certified"), help: "Also fail when the bundle's verdict is not-certified.")
        var requireCertified = false

        func run() async throws {
            let result: BundleVerification
            do {
                result = try BundleVerifier.verify(bundle: bundle, functionPath: function, layers: layer)
            } catch {
                throw SetupError("\(error)")
            }
            let manifest = result.manifest
            let date = ISO8601DateFormatter().string(from: manifest.date)
            var out =
                "bundle \(bundle): \(manifest.verdict.rawValue) · \(manifest.subject) · \(manifest.arch) · "
                + "lambdaspec \(manifest.lambdaspecVersion) · \(date) · "
                + "catalogue \(manifest.catalogueFingerprint.prefix(12))…\n"
            for line in result.matched { out += "  match     \(line)\n" }
            for line in result.mismatches { out += "  MISMATCH  \(line)\n" }
            if !result.inputsMatch {
                out += "MISMATCH: the bundle does not certify these inputs\n"
            } else if requireCertified && manifest.verdict != .certified {
                out += "NOT CERTIFIED: the inputs match, but the bundle's verdict is not-certified\n"
            } else if manifest.verdict == .certified {
                out += "VERIFIED: these are the inputs that were certified\n"
            } else {
                out += "MATCH: these are the inputs of this bundle, whose verdict is not-certified\n"
            }
            FileHandleOutput.standardOutput(out)
            if !result.inputsMatch || (requireCertified && manifest.verdict != .certified) { throw ExitCode(1) }
        }
    }
}
