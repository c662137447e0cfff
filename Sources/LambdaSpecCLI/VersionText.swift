import BuiltInCatalogue
import ConformanceModel
import LayerCertification
import ScenarioEngine

/// `lambdaspec --version`: the version, and which catalogue this binary carries (the fingerprint `certify` records).
enum VersionText {
    static func render() throws -> String {
        let scenarios: [Scenario]
        do {
            scenarios = try ScenarioCatalogue.load(files: BuiltInCatalogue.files)
        } catch {
            throw SetupError("built-in catalogue: \(error)")
        }
        let fingerprint = CatalogueFingerprint.compute(
            scenarios: scenarios.map { ($0.id, $0.level) }, files: BuiltInCatalogue.files)
        return "lambdaspec \(LambdaSpecVersion.current)\n"
            + "catalogue: \(scenarios.count) built-in scenarios, fingerprint sha256:\(fingerprint)\n"
    }
}
