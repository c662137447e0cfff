import ConformanceModel
import Foundation
import LambdaSandbox
import ScenarioEngine
import Testing

extension Integration {
    /// AWS's own Python client, shipped as a layer the way Lambda users ship one. Its verdicts bound ours: a MUST it
    /// fails is a lambdaspec bug until proven otherwise, and each warning is a deviation that
    /// `Runtimes/python/README.md` lists with its source (`deviations.json` names them).
    @Suite("The awslambdaric layer passes every MUST", .timeLimit(.minutes(10)))
    struct AwslambdaricLayerTests {
        struct Deviations: Decodable {
            var mayWarn: [String]
        }

        static let layerBuilt = FileManager.default.fileExists(atPath: PackagePaths.pythonLayer)

        @Test(
            "awslambdaric passes every MUST scenario and warns only on its documented deviations",
            .enabled(
                if: layerBuilt,
                "\(PackagePaths.pythonLayer) is not built: run Runtimes/python/build-layer (.ci/setup does)"))
        func awslambdaricPassesEveryMust() async throws {
            let function = PackagePaths.runtime("python/function")
            let deviations = try JSONDecoder().decode(
                Deviations.self,
                from: Data(contentsOf: PackagePaths.root.appendingPathComponent("Runtimes/python/deviations.json")))
            var subject = try Subject.load(functionPath: function, layers: [PackagePaths.pythonLayer], handler: nil)
            // Lambda's view wherever this machine allows it, as `run` does by default: the layer in /opt.
            _ = try subject.prepare(isolation: IsolationProbe.resolve(.auto).0)
            let scenarios = try ScenarioCatalogue.load(directory: PackagePaths.catalogue)
            let results = await CatalogueRunner(subject: subject, jobs: 2).run(scenarios)
            #expect(results.count == scenarios.count)
            for result in results where result.level == .must {
                let limitsSkipped = result.status == .skipped && !subject.limitsEnforced
                #expect(
                    result.status == .passed || limitsSkipped,
                    "awslambdaric: \(result.id) is \(result.status.rawValue): \(result.message)")
            }
            for result in results where result.status == .failed || result.status == .error {
                Issue.record("awslambdaric: \(result.id) (\(result.level.rawValue)) is \(result.status.rawValue)")
            }
            let warned = results.filter { $0.status == .warning }.map(\.id).sorted()
            #expect(warned == deviations.mayWarn.sorted(), "awslambdaric warned on \(warned)")
        }
    }
}
