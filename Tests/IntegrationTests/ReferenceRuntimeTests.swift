import ConformanceModel
import Foundation
import LambdaSandbox
import ScenarioEngine
import Testing

extension Integration {
    /// The reference runtimes are what authors copy: each must pass the whole catalogue, warnings included.
    @Suite("Reference runtimes pass the catalogue", .timeLimit(.minutes(10)))
    struct ReferenceRuntimeTests {
        static let runtimes = ["shell", "c", "swift"]

        @Test(
            "the reference runtime passes every MUST and SHOULD scenario it has the capabilities for",
            arguments: runtimes)
        func referenceRuntimePassesEverything(runtime: String) async throws {
            let path = PackagePaths.runtime(runtime)
            let bootstrap = URL(fileURLWithPath: path).appendingPathComponent("bootstrap").resolvingSymlinksInPath()
                .path
            try #require(
                FileManager.default.isExecutableFile(atPath: bootstrap),
                "\(bootstrap) is missing: `swift build` builds the C and Swift reference runtimes"
            )
            var subject = try Subject.load(functionPath: path, handler: nil)
            // Lambda's view wherever this machine allows it, as `run` does by default.
            _ = try subject.prepare(isolation: IsolationProbe.resolve(.auto).0)
            let scenarios = try ScenarioCatalogue.load(directory: PackagePaths.catalogue)
            let results = await CatalogueRunner(subject: subject, jobs: 2).run(scenarios)
            #expect(results.count == scenarios.count)
            for result in results {
                #expect(
                    [.passed, .info, .notApplicable].contains(result.status),
                    "\(runtime): \(result.id) is \(result.status.rawValue): \(result.message)"
                )
            }
            let passed = results.filter { $0.status == .passed }.count
            #expect(passed >= scenarios.count - 10, "\(runtime) passed only \(passed) of \(scenarios.count)")
        }
    }
}
